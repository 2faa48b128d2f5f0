import { Prisma } from "@prisma/client";
import { inngest } from "@/inngest/client";
import { eventIds, scoreReuseCheckRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { type ParsedUpload, parseUpload } from "@/lib/import/parse-upload";
import { UploadError } from "@/lib/import/upload-error";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { quoteCampaign, type Quote } from "@/lib/pricing";
import { reuseCheckMessage } from "@/lib/reuse/score-reuse";

/** Rows per INSERT statement, to stay well under PostgreSQL's 65,535 bind parameters. */
const insertChunkSize = 2000;

export type UploadInput = {
  fileName: string;
  bytes: Uint8Array;
  defaultCity?: string;
  defaultState?: string;
  /** Optional, already validated and lower-cased: where to offer the reuse of earlier scores. */
  email?: string | null;
};

export type CreatedCampaign = {
  campaignId: string;
  pageUrl: string;
  /** The price of every property. Earlier scores are priced in only from the link emailed to `reuse.email`. */
  quote: Quote;
  reuse: { email: string; days: number; message: string } | null;
};

/**
 * Parses an uploaded list and stores it as a draft campaign with one property per valid, distinct
 * address. A file that cannot be used raises an `invalid_upload` AppError and stores nothing.
 */
export async function createCampaignFromUpload(input: UploadInput): Promise<CreatedCampaign> {
  const config = getConfig();

  let parsed: ReturnType<typeof parseUpload>;
  try {
    parsed = parseUpload({
      bytes: input.bytes,
      fileName: input.fileName,
      maxRows: config.maxUploadRows,
      defaults: { city: input.defaultCity, state: input.defaultState },
    });
  } catch (error) {
    if (error instanceof UploadError) throw new AppError("invalid_upload", error.message, { reason: error.code });
    throw error;
  }

  if (parsed.properties.length === 0) {
    const examples = parsed.invalid.slice(0, 3).map((row) => `row ${row.rowNumber}: ${row.reason}`);
    throw new AppError(
      "invalid_upload",
      `No row of ${input.fileName} has a usable property address${examples.length ? ` (${examples.join("; ")})` : ""}. Check that the file has a house number and street for each property.`,
      { reason: "no_valid_rows" },
    );
  }

  const quote = quoteCampaign(parsed.properties.length, config.pricePerPropertyCents);
  const db = getDb();
  const campaign = await db.$transaction(
    async (tx) => {
      const created = await tx.campaign.create({
        data: {
          fileName: input.fileName,
          sourceColumns: parsed.header,
          columnMapping: { layout: parsed.layout, encoding: parsed.encoding, ...parsed.mapping } as Prisma.InputJsonValue,
          defaultCity: input.defaultCity || null,
          defaultState: input.defaultState || null,
          ownerEmail: input.email || null,
          rowCount: parsed.dataRowCount,
          propertyCount: parsed.properties.length,
          invalidCount: parsed.invalid.length,
          duplicateCount: parsed.duplicates.length,
          pricePerPropertyCents: quote.pricePerPropertyCents,
          amountCents: quote.amountCents,
        },
        select: { id: true },
      });

      for (let start = 0; start < parsed.properties.length; start += insertChunkSize) {
        await tx.property.createMany({
          data: parsed.properties.slice(start, start + insertChunkSize).map((property) => ({
            campaignId: created.id,
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
          })),
        });
      }

      // Every rejected and repeated row is kept with its cells so the export lists the whole
      // file. The upload limits (MAX_UPLOAD_ROWS, MAX_UPLOAD_BYTES) bound what this stores.
      const excluded = listExcludedRows(parsed, created.id);
      for (let start = 0; start < excluded.length; start += insertChunkSize) {
        await tx.excludedRow.createMany({ data: excluded.slice(start, start + insertChunkSize) });
      }
      return created;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );

  logger.info(
    { campaignId: campaign.id, properties: parsed.properties.length, invalid: parsed.invalid.length, duplicates: parsed.duplicates.length },
    "upload stored as draft campaign",
  );
  const reuse = input.email && config.scoreReuseDays > 0 ? await requestReuseCheck(campaign.id, input.email, config.scoreReuseDays) : null;
  return { campaignId: campaign.id, pageUrl: campaignPageUrl(campaign.id), quote, reuse };
}

/**
 * Asks for the reuse check in the background. The upload's answer is the same whether or not the
 * email has earlier scores, and takes the same time, so it tells nothing about another customer.
 */
async function requestReuseCheck(campaignId: string, email: string, days: number): Promise<CreatedCampaign["reuse"]> {
  try {
    await inngest.send(scoreReuseCheckRequested.create({ campaignId, email }, { id: eventIds.scoreReuseCheck(campaignId) }));
  } catch (error) {
    logger.error({ campaignId, err: error }, "could not request the score reuse check; the campaign can still be paid in full");
    return null;
  }
  return { email, days, message: reuseCheckMessage(email, days) };
}

function listExcludedRows(parsed: ParsedUpload, campaignId: string): Prisma.ExcludedRowCreateManyInput[] {
  const cellsByRow = new Map(parsed.excludedCells.map((entry) => [entry.rowNumber, entry.cells]));
  const invalid = parsed.invalid.map((row) => ({
    campaignId,
    rowNumber: row.rowNumber,
    kind: "invalid" as const,
    reason: row.reason,
    originalRow: cellsByRow.get(row.rowNumber) ?? [],
  }));
  const duplicates = parsed.duplicates.map((row) => ({
    campaignId,
    rowNumber: row.rowNumber,
    kind: "duplicate" as const,
    duplicateOfRow: row.duplicateOfRow,
    originalRow: cellsByRow.get(row.rowNumber) ?? [],
  }));
  return [...invalid, ...duplicates];
}
