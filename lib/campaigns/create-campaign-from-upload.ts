import { Prisma } from "@prisma/client";
import { inngest } from "@/inngest/client";
import { eventIds, scoreReuseCheckRequested } from "@/inngest/events";
import { insertExcludedRows, insertProperties } from "@/lib/campaigns/insert-upload-rows";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseUpload } from "@/lib/import/parse-upload";
import { normalizeState } from "@/lib/import/us-states";
import { UploadError } from "@/lib/import/upload-error";
import { campaignPageUrl } from "@/lib/links/campaign-links";
import { logger } from "@/lib/logger";
import { quoteCampaign, type Quote } from "@/lib/pricing";
import { reuseCheckMessage } from "@/lib/reuse/score-reuse";

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
          // Stored as the 2-letter code the rows were read with, so "MARYLAND" shows as MD.
          defaultState: input.defaultState ? (normalizeState(input.defaultState) ?? input.defaultState) : null,
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

      await insertProperties(tx, created.id, parsed.properties);

      // Every rejected and repeated row is kept with its cells so the export lists the whole
      // file. The upload limits (MAX_UPLOAD_ROWS, MAX_UPLOAD_BYTES) bound what this stores.
      await insertExcludedRows(tx, created.id, parsed);
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
