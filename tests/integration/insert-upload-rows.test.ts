import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { afterAll, describe, expect, it } from "vitest";
import { insertExcludedRows, insertProperties } from "@/lib/campaigns/insert-upload-rows";
import type { ParsedProperty, ParsedUpload } from "@/lib/import/parsed-upload";
import { closeDb, db } from "./helpers/stack-client";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 2 }) });

afterAll(async () => {
  await prisma.$disconnect();
  await closeDb();
});

describe("upload row inserts", () => {
  it("rows and cells stored as given", async () => {
    const cells = ['=HYPERLINK("http://x","y")', "Caf\u00e9, \"quoted\"", "", "line\nbreak", "\u{1F3E0}"];
    const properties = [makeProperty(1, cells), { ...makeProperty(2, ["2 Oak St"]), zip: null, latitude: 39.29, longitude: -76.61 }];
    const excluded: Pick<ParsedUpload, "invalid" | "duplicates" | "excludedCells"> = {
      invalid: [{ rowNumber: 3, reason: "no street address in column \"Address\"" }],
      duplicates: [{ rowNumber: 4, duplicateOfRow: 1 }],
      excludedCells: [
        { rowNumber: 3, cells: ["", "Baltimore"] },
        { rowNumber: 4, cells: ["1 Oak St", "Baltimore"] },
      ],
    };

    const campaignId = await prisma.$transaction(async (tx) => {
      const id = await createDraftCampaign(tx);
      await insertProperties(tx, id, properties);
      await insertExcludedRows(tx, id, excluded as ParsedUpload);
      return id;
    });

    const stored = await db().query(
      `SELECT "rowNumber", "originalRow", street, city, state, zip, "normalizedAddress", "addressKey", "inputLatitude", "inputLongitude", status::text
         FROM "Property" WHERE "campaignId" = $1 ORDER BY "rowNumber"`,
      [campaignId],
    );
    expect(stored.rows).toHaveLength(2);
    expect(stored.rows[0]).toEqual({
      rowNumber: 1,
      originalRow: cells,
      street: "1 Oak St",
      city: "Baltimore",
      state: "MD",
      zip: "21201",
      normalizedAddress: "1 OAK ST, BALTIMORE, MD 21201",
      addressKey: "1 OAK ST|BALTIMORE|MD",
      inputLatitude: null,
      inputLongitude: null,
      status: "pending",
    });
    expect(stored.rows[1]?.zip).toBeNull();
    expect(stored.rows[1]?.inputLatitude).toBe(39.29);
    expect(stored.rows[1]?.inputLongitude).toBe(-76.61);

    const ids = await db().query(`SELECT count(DISTINCT id)::int AS count FROM "Property" WHERE "campaignId" = $1`, [campaignId]);
    expect(ids.rows[0]?.count).toBe(2);

    const rejected = await db().query(
      `SELECT "rowNumber", kind::text, reason, "duplicateOfRow", "originalRow" FROM "ExcludedRow" WHERE "campaignId" = $1 ORDER BY "rowNumber"`,
      [campaignId],
    );
    expect(rejected.rows).toEqual([
      { rowNumber: 3, kind: "invalid", reason: 'no street address in column "Address"', duplicateOfRow: null, originalRow: ["", "Baltimore"] },
      { rowNumber: 4, kind: "duplicate", reason: null, duplicateOfRow: 1, originalRow: ["1 Oak St", "Baltimore"] },
    ]);
  });

  it("failing later chunk stores nothing", async () => {
    // 5,000 rows span three INSERT chunks. Row 4,500 repeats row 1's number, so the unique index
    // on (campaignId, rowNumber) rejects the third chunk after the first two went in.
    const properties = Array.from({ length: 5000 }, (_, index) => makeProperty(index + 1, [`${index + 1} Oak St`]));
    properties[4499] = makeProperty(1, ["repeated row number"]);
    let campaignId = "";

    const insert = prisma.$transaction(async (tx) => {
      campaignId = await createDraftCampaign(tx);
      await insertProperties(tx, campaignId, properties);
    });

    await expect(insert).rejects.toThrow(/Unique constraint failed|duplicate key/);
    expect(campaignId).not.toBe("");
    const campaigns = await db().query(`SELECT count(*)::int AS count FROM "Campaign" WHERE id = $1`, [campaignId]);
    expect(campaigns.rows[0]?.count).toBe(0);
    const stored = await db().query(`SELECT count(*)::int AS count FROM "Property" WHERE "campaignId" = $1`, [campaignId]);
    expect(stored.rows[0]?.count).toBe(0);
  });
});

function makeProperty(rowNumber: number, cells: string[]): ParsedProperty {
  return {
    rowNumber,
    cells,
    street: `${rowNumber} Oak St`,
    city: "Baltimore",
    state: "MD",
    zip: "21201",
    normalizedAddress: `${rowNumber} OAK ST, BALTIMORE, MD 21201`,
    addressKey: `${rowNumber} OAK ST|BALTIMORE|MD`,
    latitude: null,
    longitude: null,
  };
}

async function createDraftCampaign(tx: Parameters<Parameters<typeof prisma.$transaction>[0]>[0]): Promise<string> {
  const created = await tx.campaign.create({
    data: {
      fileName: "insert-test.csv",
      sourceColumns: ["Address", "City"],
      columnMapping: { layout: "separate_columns", encoding: "utf-8", street: 0, city: 1 },
      rowCount: 0,
      propertyCount: 0,
      invalidCount: 0,
      duplicateCount: 0,
      pricePerPropertyCents: 50,
      amountCents: 50,
    },
    select: { id: true },
  });
  return created.id;
}
