-- CreateEnum
CREATE TYPE "ExcludedRowKind" AS ENUM ('invalid', 'duplicate');

-- CreateTable
CREATE TABLE "ExcludedRow" (
    "campaignId" UUID NOT NULL,
    "rowNumber" INTEGER NOT NULL,
    "kind" "ExcludedRowKind" NOT NULL,
    "reason" TEXT,
    "duplicateOfRow" INTEGER,
    "originalRow" TEXT[],

    CONSTRAINT "ExcludedRow_pkey" PRIMARY KEY ("campaignId","rowNumber")
);

-- AddForeignKey
ALTER TABLE "ExcludedRow" ADD CONSTRAINT "ExcludedRow_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Campaigns uploaded before this migration kept only the first 1,000 rejected and repeated
-- rows, without their cells. Copy those so their exports list them with the reason.
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
