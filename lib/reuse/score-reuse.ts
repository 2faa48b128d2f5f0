import { Prisma, type PrismaClient } from "@prisma/client";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Reuse of earlier scores for the same customer. There are no accounts, so "the same customer"
 * is an email address. An address typed into a form proves nothing, so the reuse is priced in
 * and applied only for a viewer holding the link that was emailed to that address (see README,
 * "Reusing earlier scores"). A property is reused when an earlier paid campaign of that email has
 * the same house with status `scored` and a score no older than SCORE_REUSE_DAYS. The same house
 * means the same `addressKey`: street, city and state, normalized as for in-upload duplicates.
 */

type Db = PrismaClient | Prisma.TransactionClient;

const dayMs = 24 * 60 * 60 * 1000;
const emailSchema = z.email().max(254);

/**
 * Reads the optional email field of the upload form: trimmed and lower-cased, null when empty.
 * An invalid value is an `invalid_request` error that quotes it.
 */
export function parseCustomerEmail(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== "string") throw new AppError("invalid_request", "The email field must be text.");
  const email = raw.trim().toLowerCase();
  if (email === "") return null;
  if (!emailSchema.safeParse(email).success) {
    const shown = raw.trim().length > 80 ? `${raw.trim().slice(0, 80)}…` : raw.trim();
    throw new AppError(
      "invalid_request",
      `"${shown}" is not a valid email address. Enter one such as you@example.com, or leave the email field empty.`,
      { field: "email" },
    );
  }
  return email;
}

/** The oldest scoring time that may still be reused, or null when reuse is off (0 days). */
export function reuseCutoff(days: number, now = new Date()): Date | null {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  return days === 0 ? null : new Date(now.getTime() - days * dayMs);
}

/** Returns the message shown after an upload with an email, whatever the check finds. */
export function reuseCheckMessage(email: string, days: number): string {
  return `If any of these addresses were scored for ${email} in the last ${days} days, we email ${email} a link to this list with them included free.`;
}

/** The quote's sentence about reused properties, e.g. "12 properties already scored for you in the last 90 days are included free." */
export function reuseNotice(reusedCount: number, days: number): string {
  const period = days === 1 ? "the last day" : `the last ${days} days`;
  return reusedCount === 1
    ? `1 property already scored for you in ${period} is included free.`
    : `${reusedCount} properties already scored for you in ${period} are included free.`;
}

/**
 * For each property of `campaignId`, the newest reusable score of the same address: a `scored`
 * property of another campaign that `email` paid for, finished at or after `cutoff`.
 */
function reusableMatches(campaignId: string, email: string, cutoff: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT ON (p.id) p.id AS "propertyId", s.id AS "sourcePropertyId", s."finishedAt" AS "scoredAt"
    FROM "Property" p
    JOIN "Property" s ON s."addressKey" = p."addressKey"
    JOIN "Campaign" c ON c.id = s."campaignId"
    WHERE p."campaignId" = ${campaignId}::uuid
      AND s."campaignId" <> ${campaignId}::uuid
      AND lower(c."ownerEmail") = ${email}
      AND c.status IN ('paid', 'processing', 'completed')
      AND s.status = 'scored'
      AND s.score IS NOT NULL
      AND s."finishedAt" >= ${cutoff}
    ORDER BY p.id, s."finishedAt" DESC`;
}

/** Counts the properties of a campaign that `email` could reuse now. */
export async function countReusableScores(db: Db, campaignId: string, email: string | null, cutoff: Date | null): Promise<number> {
  if (!email || !cutoff) return 0;
  const [row] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM (${reusableMatches(campaignId, email.toLowerCase(), cutoff)}) m`;
  return row?.count ?? 0;
}

/**
 * Records which properties of an unpaid campaign reuse which earlier score, replacing any earlier
 * plan. With no email, or with reuse off, it only clears the plan. Returns the number planned.
 * The results are copied only when the paid campaign starts (`applyPlannedReuse`).
 */
export async function planScoreReuse(tx: Prisma.TransactionClient, campaignId: string, email: string | null, cutoff: Date | null): Promise<number> {
  await tx.$executeRaw`
    UPDATE "Property" SET "reusedFromPropertyId" = NULL
    WHERE "campaignId" = ${campaignId}::uuid AND status = 'pending' AND "reusedFromPropertyId" IS NOT NULL`;
  if (!email || !cutoff) return 0;

  return tx.$executeRaw`
    UPDATE "Property" p SET "reusedFromPropertyId" = m."sourcePropertyId"
    FROM (${reusableMatches(campaignId, email.toLowerCase(), cutoff)}) m
    WHERE p.id = m."propertyId" AND p.status = 'pending'`;
}

/**
 * Copies each planned property's earlier result into it: terminal `scored` with the score, tier,
 * indicators, reasoning, location, panorama and image, and the original scoring time as
 * `finishedAt` (so reuse never makes a score look newer than it is). Counts them as finished on
 * the campaign. A planned source that is no longer usable is dropped from the plan, so that
 * property is scored normally, at no charge. A plan on a campaign paid without the reuse email
 * (a plain link's checkout racing the emailed link's) is dropped whole. Call once, in the
 * transaction that starts the campaign's first run (a re-run has nothing planned).
 */
export async function applyPlannedReuse(tx: Prisma.TransactionClient, campaignId: string): Promise<number> {
  // A plan counts only for a campaign paid with the reuse email; anything else is stale.
  const [campaign] = await tx.$queryRaw<{ reuseEmail: string | null }[]>`SELECT "reuseEmail" FROM "Campaign" WHERE id = ${campaignId}::uuid`;
  const copied = !campaign?.reuseEmail
    ? 0
    : await tx.$executeRaw`
    UPDATE "Property" p SET
      status = 'scored',
      "failureReason" = NULL,
      score = s.score,
      tier = s.tier,
      confidence = s.confidence,
      indicators = s.indicators,
      reasoning = s.reasoning,
      "imageQualityIssues" = s."imageQualityIssues",
      latitude = s.latitude,
      longitude = s.longitude,
      "locationType" = s."locationType",
      "panoId" = s."panoId",
      "panoLatitude" = s."panoLatitude",
      "panoLongitude" = s."panoLongitude",
      "imageryDate" = s."imageryDate",
      heading = s.heading,
      "scoringAttempts" = 0,
      "finishedAt" = s."finishedAt"
    FROM "Property" s
    WHERE p."campaignId" = ${campaignId}::uuid
      AND p.status = 'pending'
      AND p."reusedFromPropertyId" = s.id
      AND s.status = 'scored'
      AND s.score IS NOT NULL`;

  await tx.$executeRaw`
    INSERT INTO "PropertyImage" ("propertyId", "contentType", bytes, "createdAt")
    SELECT p.id, i."contentType", i.bytes, i."createdAt"
    FROM "Property" p JOIN "PropertyImage" i ON i."propertyId" = p."reusedFromPropertyId"
    WHERE p."campaignId" = ${campaignId}::uuid AND p.status = 'scored'
    ON CONFLICT ("propertyId") DO NOTHING`;

  await tx.$executeRaw`
    UPDATE "Property" SET "reusedFromPropertyId" = NULL
    WHERE "campaignId" = ${campaignId}::uuid AND status = 'pending' AND "reusedFromPropertyId" IS NOT NULL`;

  await tx.$executeRaw`
    UPDATE "Campaign" SET "finishedCount" = "finishedCount" + ${copied}, "reusedCount" = ${copied}, "updatedAt" = now()
    WHERE id = ${campaignId}::uuid`;
  return copied;
}
