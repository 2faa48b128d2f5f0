import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { closeDb, db, stack } from "./helpers/stack-client";

const createdResponse = z.object({ campaignId: z.uuid(), pageUrl: z.url() });

afterAll(closeDb);

describe("review screen set-aside rows", () => {
  it("lists the first 1,000 of each kind in row order", async () => {
    // Row 1 is a house, rows 2 to 1002 repeat it, row 1003 has no house number and row 1004 is
    // another house: 1,001 duplicates, one more than the screen lists, and one invalid row.
    const house = "100 Oak St,Baltimore,MD";
    const lines = ["Address,City,State", house, ...Array.from({ length: 1001 }, () => house), "Oak St,Baltimore,MD", "200 Oak St,Baltimore,MD"];
    const form = new FormData();
    form.set("file", new Blob([`${lines.join("\n")}\n`], { type: "text/csv" }), "repeats.csv");

    const response = await fetch(`${stack.appUrl}/api/uploads`, { method: "POST", body: form });
    expect(response.status).toBe(201);
    const { campaignId, pageUrl } = createdResponse.parse(await response.json());

    const stored = await db().query<{ kind: string; count: number }>(
      `SELECT kind::text, count(*)::int AS count FROM "ExcludedRow" WHERE "campaignId" = $1 GROUP BY kind ORDER BY kind::text`,
      [campaignId],
    );
    expect(stored.rows).toEqual([
      { kind: "duplicate", count: 1001 },
      { kind: "invalid", count: 1 },
    ]);

    const page = await (await fetch(new URL(new URL(pageUrl).pathname + new URL(pageUrl).search, stack.appUrl))).text();
    const listedDuplicates = [...page.matchAll(/<tr><td>(\d+)<\/td><td>1<\/td><\/tr>/g)].map((match) => Number(match[1]));
    expect(listedDuplicates).toHaveLength(1000);
    expect(listedDuplicates[0]).toBe(2);
    expect(listedDuplicates.at(-1)).toBe(1001);
    expect(listedDuplicates).toEqual([...listedDuplicates].sort((a, b) => a - b));
    expect(page).toMatch(/1,001(<!-- -->)? duplicate rows repeat/);
    expect(page).toContain("Showing the first <!-- -->1,000");

    expect(page).toMatch(/<tr><td>1003<\/td><td>no house number in (&quot;|")Oak St(&quot;|")/);
    expect(page).toMatch(/1(<!-- -->)? invalid row(<!-- -->)? will not be scored or charged/);
  });
  it("shows the first addresses as read", async () => {
    const streets = Array.from({ length: 7 }, (_, index) => `${100 + index * 2} Oak St`);
    const form = new FormData();
    form.set("file", new Blob([`fullAddress\n${streets.join("\n")}\n`], { type: "text/csv" }), "oak-street.csv");
    form.set("defaultCity", "Baltimore");
    form.set("defaultState", "maryland");

    const response = await fetch(`${stack.appUrl}/api/uploads`, { method: "POST", body: form });
    expect(response.status).toBe(201);
    const { campaignId, pageUrl } = createdResponse.parse(await response.json());

    // The state typed for the whole file is kept as its code.
    const stored = await db().query<{ defaultState: string }>(`SELECT "defaultState" FROM "Campaign" WHERE id = $1`, [campaignId]);
    expect(stored.rows[0]?.defaultState).toBe("MD");

    const page = await (await fetch(new URL(new URL(pageUrl).pathname + new URL(pageUrl).search, stack.appUrl))).text();
    expect(page).toContain("First addresses as read");
    const sampleRows = [...page.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>Baltimore<\/td><td>MD<\/td>/g)];
    expect(sampleRows.map((match) => Number(match[1]))).toEqual([1, 2, 3, 4, 5]);
    expect(sampleRows[0]?.[2]).toMatch(/^100 Oak St$/i);
    expect(page).toMatch(/The first (<!-- -->)?5(<!-- -->)? of (<!-- -->)?7(<!-- -->)? properties/);
    expect(page).toContain("Baltimore, MD");
    expect(page).not.toContain("MARYLAND");
  });
});
