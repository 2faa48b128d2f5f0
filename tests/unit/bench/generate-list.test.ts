import { describe, expect, it } from "vitest";
import { createSeededRandom } from "@/emulator/hashing";
import { generateAddresses } from "@/scripts/bench/generate-list";

describe("generateAddresses", () => {
  it("returns the same list for the same seed", () => {
    expect(generateAddresses(50, 7)).toEqual(generateAddresses(50, 7));
  });

  it("returns another list for another seed", () => {
    expect(generateAddresses(50, 7)).not.toEqual(generateAddresses(50, 8));
  });

  it("makes every address distinct", () => {
    const rows = generateAddresses(50_000, 401);
    const keys = new Set(rows.map((row) => `${row.address} ${row.city} ${row.state}`));
    expect(rows).toHaveLength(50_000);
    expect(keys.size).toBe(50_000);
  });

  it("keeps house numbers between 100 and 9999", () => {
    for (const row of generateAddresses(2000, 4)) {
      const houseNumber = Number(row.address.split(" ")[0]);
      expect(houseNumber).toBeGreaterThanOrEqual(100);
      expect(houseNumber).toBeLessThanOrEqual(9999);
    }
  });

  it("uses five-digit ZIPs with a two-letter state", () => {
    for (const row of generateAddresses(500, 5)) {
      expect(row.zip).toMatch(/^\d{5}$/);
      expect(row.state).toMatch(/^[A-Z]{2}$/);
      expect(row.city).not.toBe("");
    }
  });

  it("rejects a count below one", () => {
    expect(() => generateAddresses(0, 1)).toThrow(RangeError);
  });
});

describe("createSeededRandom", () => {
  it("stays in [0, 1)", () => {
    const random = createSeededRandom(42);
    for (let draw = 0; draw < 10_000; draw++) {
      const value = random();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
