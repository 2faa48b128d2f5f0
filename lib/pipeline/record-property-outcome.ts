import type { Prisma, PropertyStatus } from "@prisma/client";
import { getDb, transactionOptions } from "@/lib/db";
import { getConfig } from "@/lib/config";
import { isTerminal, reachedGemini } from "@/lib/pipeline/property-status";
import { lockReleases, releaseInTurn, type ReleasedProperty } from "@/lib/pipeline/release-properties";
import { redactProviderKeys } from "@/lib/providers/redact-provider-keys";
import { tierForScore, type ModelScore } from "@/lib/scoring/score-contract";

export type LocationFacts = {
  latitude: number;
  longitude: number;
  locationType: string;
};

export type PanoramaFacts = {
  panoId: string;
  panoLatitude: number;
  panoLongitude: number;
  imageryDate: string | null;
  heading: number;
};

export type PropertyOutcome =
  | { status: "scored" | "unassessable"; score: ModelScore; attempts: number }
  | { status: "no_imagery" | "geocode_failed" | "failed"; reason: string; attempts?: number };

export type RecordedOutcome = {
  campaignId: string;
  /**
   * Properties released into the room this one made in the pipeline, of whichever campaign's turn
   * it was (usually one, none while the pipeline is over full, more after it was under full).
   */
  released: ReleasedProperty[];
  /** True when this outcome finished the campaign (also on a retried call after it did). */
  campaignCompleted: boolean;
  /** The campaign's run (0 when paid, n for the n-th free re-run), which names the events sent. */
  run: number;
};

/**
 * Stores a property's terminal outcome, counts it on the campaign, releases the next properties
 * in turn across all campaigns (see releaseInTurn), and completes the campaign after its last
 * property. One transaction holds the campaign's row lock throughout, so two concurrent finishes
 * cannot both miss or both make the completion. Idempotent: a call for a
 * property that is already terminal changes nothing and returns what the first call released.
 */
export async function recordPropertyOutcome(
  propertyId: string,
  outcome: PropertyOutcome,
  facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {},
): Promise<RecordedOutcome> {
  const db = getDb();
  // The hot path's reads are plain SQL: each Prisma query is compiled on every call, which took
  // about a tenth of the app's CPU when the providers had no latency.
  const [owner] = await db.$queryRaw<{ campaignId: string }[]>`SELECT "campaignId" FROM "Property" WHERE id = ${propertyId}::uuid`;
  if (!owner) throw new Error(`Property ${propertyId} not found.`);
  const { campaignId } = owner;

  return db.$transaction(async (tx) => {
    const [campaign] = await tx.$queryRaw<{ status: string; propertyCount: number; rerunCount: number }[]>`
      SELECT status, "propertyCount", "rerunCount" FROM "Campaign" WHERE id = ${campaignId}::uuid FOR NO KEY UPDATE`;
    const run = campaign?.rerunCount ?? 0;
    // Read after the campaign's lock, so a concurrent finish of this property is seen.
    const [property] = await tx.$queryRaw<{ status: PropertyStatus }[]>`SELECT status FROM "Property" WHERE id = ${propertyId}::uuid`;
    if (!property) throw new Error(`Property ${propertyId} not found.`);

    if (isTerminal(property.status)) {
      const released = await tx.$queryRaw<ReleasedProperty[]>`
        SELECT p."campaignId", p.id AS "propertyId", c."rerunCount" AS run
        FROM "Property" p JOIN "Campaign" c ON c.id = p."campaignId"
        WHERE p."releasedById" = ${propertyId}::uuid`;
      return { campaignId, released, campaignCompleted: campaign?.status === "completed", run };
    }

    await tx.property.update({ where: { id: propertyId }, data: propertyUpdate(outcome, facts) });

    const [counts] = await tx.$queryRaw<{ finishedCount: number }[]>`
      UPDATE "Campaign" SET "finishedCount" = "finishedCount" + 1, "updatedAt" = now()
      WHERE id = ${campaignId}::uuid
      RETURNING "finishedCount"`;

    await lockReleases(tx);
    const replaceFor = reachedGemini(outcome.status) || campaign?.status !== "processing" ? null : { campaignId, run };
    const released = await releaseInTurn(tx, getConfig().scoringWindow, propertyId, replaceFor);

    let campaignCompleted = false;
    if (counts && campaign && counts.finishedCount >= campaign.propertyCount) {
      const completed = await tx.campaign.updateMany({
        where: { id: campaignId, status: "processing" },
        data: { status: "completed", completedAt: new Date() },
      });
      campaignCompleted = completed.count === 1;
    }

    return { campaignId, released, campaignCompleted, run };
  }, transactionOptions);
}

function propertyUpdate(
  outcome: PropertyOutcome,
  facts: { location?: LocationFacts; panorama?: PanoramaFacts },
): Prisma.PropertyUpdateInput {
  const common: Prisma.PropertyUpdateInput = {
    status: outcome.status,
    finishedAt: new Date(),
    scoringAttempts: outcome.attempts ?? 0,
    ...(facts.location ?? {}),
    ...(facts.panorama ?? {}),
  };

  // A reason may quote a provider's error, which must not carry a key onto the results page.
  if (!("score" in outcome)) return { ...common, failureReason: redactProviderKeys(outcome.reason) };

  if (outcome.status === "scored") {
    return {
      ...common,
      failureReason: null,
      score: outcome.score.score,
      tier: tierForScore(outcome.score.score),
      confidence: outcome.score.confidence,
      indicators: outcome.score.indicators,
      reasoning: outcome.score.reasoning,
      imageQualityIssues: outcome.score.imageQualityIssues,
    };
  }

  return {
    ...common,
    failureReason: "The image does not show a house that can be judged.",
    confidence: outcome.score.confidence,
    indicators: outcome.score.indicators,
    reasoning: outcome.score.reasoning,
    imageQualityIssues: outcome.score.imageQualityIssues,
  };
}
