-- The review screen now reads ExcludedRow, so the Campaign copies of the first 1,000 invalid and
-- duplicate rows have no reader. Copy any listed row that ExcludedRow lacks first (for example one
-- stored by an app instance older than ExcludedRow), so dropping the columns loses no row.
INSERT INTO "ExcludedRow" ("campaignId", "rowNumber", "kind", "reason", "originalRow")
SELECT c."id", (entry->>'rowNumber')::INTEGER, 'invalid', entry->>'reason', ARRAY[]::TEXT[]
FROM "Campaign" c,
  jsonb_array_elements(CASE WHEN jsonb_typeof(c."invalidRows") = 'array' THEN c."invalidRows" ELSE '[]'::JSONB END) AS entry
WHERE entry ? 'rowNumber'
ON CONFLICT DO NOTHING;

INSERT INTO "ExcludedRow" ("campaignId", "rowNumber", "kind", "duplicateOfRow", "originalRow")
SELECT c."id", (entry->>'rowNumber')::INTEGER, 'duplicate', (entry->>'duplicateOfRow')::INTEGER, ARRAY[]::TEXT[]
FROM "Campaign" c,
  jsonb_array_elements(CASE WHEN jsonb_typeof(c."duplicateRows") = 'array' THEN c."duplicateRows" ELSE '[]'::JSONB END) AS entry
WHERE entry ? 'rowNumber'
ON CONFLICT DO NOTHING;

-- AlterTable
ALTER TABLE "Campaign" DROP COLUMN "duplicateRows",
DROP COLUMN "invalidRows";
