import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { z } from "zod";
import { createSeededRandom } from "../../emulator/hashing";

/** One synthetic property: a house number and street in a real US ZIP, with that ZIP's city and state. */
export type SyntheticAddress = { address: string; city: string; state: string; zip: string };

const streetNames = [
  "Oak St", "Maple Ave", "Cedar Ln", "Pine St", "Elm St", "Washington Ave", "Lake Dr", "Hill Rd",
  "Park Ave", "Walnut St", "Spring St", "Church St", "Highland Ave", "Chestnut St", "River Rd",
  "Sunset Blvd", "Lincoln Ave", "Jefferson St", "Madison Ave", "Franklin St", "Jackson St",
  "Willow Way", "Meadow Ln", "Forest Dr", "Ridge Rd", "Valley View Dr", "Cherry Ln", "Main St",
  "Center St", "Birch Ct",
];

/** The 50 states and DC; the ZIP table also lists territories and Canadian postal codes, which are left out. */
const stateCodes = new Set(
  ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY " +
    "NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split(" "),
);

const zipEntrySchema = z.object({ zip: z.string(), city: z.string(), state: z.string(), country: z.string() });

let usZips: Array<z.infer<typeof zipEntrySchema>> | undefined;

/**
 * Generates `count` distinct addresses from `seed`: the same seed and count always give the same
 * list. House numbers run from 100 to 9999 and streets come from a fixed list of 30 names.
 */
export function generateAddresses(count: number, seed: number): SyntheticAddress[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);

  const zips = loadUsZips();
  const random = createSeededRandom(seed);
  const seen = new Set<string>();
  const addresses: SyntheticAddress[] = [];

  // Each draw is distinct with probability close to 1, so the bound only stops a runaway loop.
  for (let draws = 0; addresses.length < count && draws < count * 10; draws++) {
    const houseNumber = 100 + Math.floor(random() * 9900);
    const street = streetNames[Math.floor(random() * streetNames.length)]!;
    const zip = zips[Math.floor(random() * zips.length)]!;
    // The app treats the same street address in the same city and state as a duplicate whatever the ZIP.
    const key = `${houseNumber} ${street} ${zip.city} ${zip.state}`;
    if (seen.has(key)) continue;

    seen.add(key);
    addresses.push({ address: `${houseNumber} ${street}`, city: zip.city, state: zip.state, zip: zip.zip });
  }
  return addresses;
}

/** Writes a generated list as CSV with the header `address,city,state,zip` and returns its path. */
export function writeAddressList(folder: string, name: string, count: number, seed: number): string {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.csv`);
  const lines = generateAddresses(count, seed).map((row) => [row.address, row.city, row.state, row.zip].map(csvCell).join(","));
  writeFileSync(file, `address,city,state,zip\n${lines.join("\n")}\n`);
  return file;
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** US ZIPs of the `zipcodes` package, sorted so a seed picks the same ones on every machine. */
function loadUsZips(): Array<z.infer<typeof zipEntrySchema>> {
  if (usZips) return usZips;

  const table = z.object({ codes: z.record(z.string(), z.unknown()) }).parse(createRequire(__filename)("zipcodes"));
  usZips = Object.values(table.codes)
    .map((entry) => zipEntrySchema.safeParse(entry))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
    .filter((entry) => entry.country === "US" && /^\d{5}$/.test(entry.zip) && stateCodes.has(entry.state))
    .sort((a, b) => a.zip.localeCompare(b.zip));
  return usZips;
}
