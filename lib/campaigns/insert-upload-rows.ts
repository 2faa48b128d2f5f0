import { Prisma } from "@prisma/client";
import type { ParsedProperty, ParsedUpload } from "@/lib/import/parsed-upload";

/** Rows per INSERT. A chunk travels as one JSON parameter, so its size is a share of the upload's own bytes. */
const insertChunkSize = 2000;

/** The text[] of a row's cells from its JSON array, in the array's order. */
const cellsInOrder = Prisma.sql`ARRAY(SELECT cell FROM jsonb_array_elements_text(r."originalRow") WITH ORDINALITY AS c(cell, position) ORDER BY position)`;

/**
 * Inserts a campaign's properties in chunks inside the caller's transaction, so a failure in any
 * chunk rolls back every row. Each chunk is one INSERT ... SELECT over `jsonb_to_recordset` with
 * a single JSON parameter. `createMany` passes every cell as its own bind parameter through
 * Prisma 6.19's query compiler. Measured on a 2-core Linux machine with the 50,000-row list of
 * scripts/bench/generate-list.ts, it peaked at 780 MiB RSS against 280 MiB and took 13 s against 2 s.
 */
export async function insertProperties(tx: Prisma.TransactionClient, campaignId: string, properties: ParsedProperty[]): Promise<void> {
  for (let start = 0; start < properties.length; start += insertChunkSize) {
    const rows = properties.slice(start, start + insertChunkSize).map((property) => ({
      rowNumber: property.rowNumber,
      originalRow: property.cells,
      street: property.street,
      city: property.city,
      state: property.state,
      zip: property.zip,
      normalizedAddress: property.normalizedAddress,
      addressKey: property.addressKey,
      inputLatitude: property.latitude,
      inputLongitude: property.longitude,
    }));

    await tx.$executeRaw`
      INSERT INTO "Property" (id, "campaignId", "rowNumber", "originalRow", street, city, state, zip, "normalizedAddress", "addressKey", "inputLatitude", "inputLongitude")
      SELECT gen_random_uuid(), ${campaignId}::uuid, r."rowNumber", ${cellsInOrder},
             r.street, r.city, r.state, r.zip, r."normalizedAddress", r."addressKey", r."inputLatitude", r."inputLongitude"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "rowNumber" int, "originalRow" jsonb, street text, city text, state text, zip text,
        "normalizedAddress" text, "addressKey" text, "inputLatitude" float8, "inputLongitude" float8
      )`;
  }
}

/**
 * Inserts every invalid and duplicate row of an upload with its cells, in chunks inside the
 * caller's transaction, in the same way as `insertProperties`.
 */
export async function insertExcludedRows(tx: Prisma.TransactionClient, campaignId: string, parsed: ParsedUpload): Promise<void> {
  const cellsByRow = new Map(parsed.excludedCells.map((entry) => [entry.rowNumber, entry.cells]));
  const excluded = [
    ...parsed.invalid.map((row) => ({ rowNumber: row.rowNumber, kind: "invalid", reason: row.reason, duplicateOfRow: null })),
    ...parsed.duplicates.map((row) => ({ rowNumber: row.rowNumber, kind: "duplicate", reason: null, duplicateOfRow: row.duplicateOfRow })),
  ];

  for (let start = 0; start < excluded.length; start += insertChunkSize) {
    const rows = excluded.slice(start, start + insertChunkSize).map((row) => ({ ...row, originalRow: cellsByRow.get(row.rowNumber) ?? [] }));

    await tx.$executeRaw`
      INSERT INTO "ExcludedRow" ("campaignId", "rowNumber", kind, reason, "duplicateOfRow", "originalRow")
      SELECT ${campaignId}::uuid, r."rowNumber", r.kind::"ExcludedRowKind", r.reason, r."duplicateOfRow",
             ${cellsInOrder}
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        "rowNumber" int, kind text, reason text, "duplicateOfRow" int, "originalRow" jsonb
      )`;
  }
}
