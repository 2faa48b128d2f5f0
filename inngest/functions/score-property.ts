import { inngest } from "@/inngest/client";
import { campaignCompleted, eventIds, propertyScoreRequested } from "@/inngest/events";
import { firstWaveHeadStartSeconds, geminiThrottleKeys, scoreImageWithGemini, type GeminiAttempt } from "@/inngest/functions/score-image-with-gemini";
import { withRetryPolicy } from "@/inngest/step-errors";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { bearingDegrees } from "@/lib/geo/bearing";
import { isTerminal } from "@/lib/pipeline/property-status";
import {
  recordPropertyOutcome,
  type LocationFacts,
  type PanoramaFacts,
  type PropertyOutcome,
  type RecordedOutcome,
} from "@/lib/pipeline/record-property-outcome";
import { geocodeAddress } from "@/lib/providers/geocode-address";
import { fetchStreetViewImage, findPanorama } from "@/lib/providers/street-view";
import { z } from "zod";

/** Gemini calls per property before it is recorded as failed, counting responses that break the schema. */
const maxGeminiAttempts = 5;

const eventData = z.object({ campaignId: z.uuid(), propertyId: z.uuid() });

/**
 * Scores one property: load and geocode it (unless the list gave coordinates), find the panorama,
 * fetch the image facing the house, score it with Gemini, record the outcome. Every stage is a
 * named step, so a retry resumes after the last finished stage. Recording the outcome releases the next
 * property of whichever campaign's turn it is, which keeps the pipeline's window full and shared.
 */
export const scoreProperty = inngest.createFunction(
  {
    id: "score-property",
    name: "Score property",
    triggers: [propertyScoreRequested],
    concurrency: [{ key: "event.data.campaignId", limit: getConfig().scoringWindow }],
    retries: 4,
    onFailure: async ({ event, error, step }) => {
      const { propertyId } = eventData.parse(event.data.event.data);
      const recorded = await step.run("record-failure", () =>
        recordPropertyOutcome(propertyId, { status: "failed", reason: `Scoring stopped after repeated errors: ${error.message.slice(0, 300)}` }),
      );
      await announce(step, recorded);
    },
  },
  async ({ event, step }) => {
    const { propertyId } = eventData.parse(event.data);

    // Loading the property and geocoding it share one step: a retry geocodes again, which costs
    // little, and every property saves a round trip through the engine.
    const located = await step.run("locate-property", async () => {
      const property = await getDb().property.findUniqueOrThrow({
        where: { id: propertyId },
        select: { status: true, releasedById: true, normalizedAddress: true, inputLatitude: true, inputLongitude: true },
      });
      const firstWave = property.releasedById === null;
      if (isTerminal(property.status)) return { kind: "terminal" as const, status: property.status };
      if (property.inputLatitude !== null && property.inputLongitude !== null) {
        return { kind: "found" as const, firstWave, latitude: property.inputLatitude, longitude: property.inputLongitude, locationType: "INPUT" };
      }
      const geocoded = await withRetryPolicy(() => geocodeAddress(property.normalizedAddress));
      return { ...geocoded, firstWave };
    });
    if (located.kind === "terminal") return { skipped: `already ${located.status}` };

    const finish = async (outcome: PropertyOutcome, facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {}) => {
      const recorded = await step.run("record-outcome", () => recordPropertyOutcome(propertyId, outcome, facts));
      await announce(step, recorded);
      return { status: outcome.status };
    };

    if (located.kind === "not_found") return finish({ status: "geocode_failed", reason: located.reason });
    const location: LocationFacts = { latitude: located.latitude, longitude: located.longitude, locationType: located.locationType };
    if (located.kind === "imprecise") return finish({ status: "geocode_failed", reason: located.reason }, { location });

    const found = await step.run("find-panorama", () => withRetryPolicy(() => findPanorama(location.latitude, location.longitude)));
    if (found.kind === "none") return finish({ status: "no_imagery", reason: found.reason }, { location });

    const panorama: PanoramaFacts = {
      panoId: found.panoId,
      panoLatitude: found.latitude,
      panoLongitude: found.longitude,
      imageryDate: found.imageryDate,
      heading: bearingDegrees({ latitude: found.latitude, longitude: found.longitude }, location),
    };

    const { ticket } = await step.run("fetch-street-view-image", async () => {
      const image = await withRetryPolicy(() => fetchStreetViewImage(panorama.panoId, panorama.heading));
      const bytes = new Uint8Array(image.bytes);
      await getDb().propertyImage.upsert({
        where: { propertyId },
        create: { propertyId, contentType: image.contentType, bytes },
        update: { contentType: image.contentType, bytes, createdAt: new Date() },
      });
      return { bytes: image.bytes.length, ticket: await takeGeminiTicket() };
    });

    // A campaign's first wave (released by no finished property) goes ahead of the calls already
    // waiting, once, so a campaign paid later gets its first scores within seconds.
    const headStartSeconds = located.firstWave ? firstWaveHeadStartSeconds() : 0;
    let lastProblem = "no attempt made";
    for (let attempt = 1; attempt <= maxGeminiAttempts; attempt++) {
      let result: GeminiAttempt;
      try {
        result = await step.invoke(`score-image-attempt-${attempt}`, {
          function: scoreImageWithGemini,
          data: {
            campaignId: event.data.campaignId,
            propertyId,
            slot: String((ticket + attempt - 1) % geminiThrottleKeys),
            headStartSeconds: attempt === 1 ? headStartSeconds : 0,
          },
          timeout: "2h",
        });
      } catch (error) {
        lastProblem = `the scoring run failed: ${(error as Error).message.slice(0, 200)}`;
        await step.sleep(`wait-after-attempt-${attempt}`, backoffMs(attempt));
        continue;
      }

      if (result.kind === "scored") {
        const status = result.score.assessable ? "scored" : "unassessable";
        return finish({ status, score: result.score, attempts: attempt }, { location, panorama });
      }

      if (result.kind === "unparseable") {
        lastProblem = `Gemini's answer was unusable (${result.reason})`;
        continue;
      }

      lastProblem = result.message;
      if (!result.retryable) break;
      await step.sleep(`wait-after-attempt-${attempt}`, result.retryAfterMs ?? backoffMs(attempt));
    }

    return finish({ status: "failed", reason: `Scoring failed after retries: ${lastProblem}`, attempts: maxGeminiAttempts }, { location, panorama });
  },
);

type StepTools = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

/** Sends the events a recorded outcome calls for: the properties released in its place and, once, the completion. */
async function announce(step: StepTools, recorded: RecordedOutcome): Promise<void> {
  if (recorded.released.length > 0) {
    await step.sendEvent(
      "release-next-property",
      recorded.released.map(({ campaignId, propertyId, run }) =>
        propertyScoreRequested.create({ campaignId, propertyId }, { id: eventIds.propertyScoreRequested(propertyId, run) }),
      ),
    );
  }

  if (recorded.campaignCompleted) {
    await step.sendEvent(
      "announce-campaign-completed",
      campaignCompleted.create({ campaignId: recorded.campaignId }, { id: eventIds.campaignCompleted(recorded.campaignId, recorded.run) }),
    );
  }
}

/**
 * Numbers the properties in the order they reach Gemini, so consecutive calls take the throttle's
 * keys in rotation and each key's queue gets an equal share. The number is part of a step's output,
 * so a retried run keeps its key.
 */
async function takeGeminiTicket(): Promise<number> {
  const [row] = await getDb().$queryRaw<{ ticket: number }[]>`SELECT (nextval('"GeminiCallTicket"') % 1000000)::int AS ticket`;
  return row!.ticket;
}

/** Exponential backoff for Gemini attempts: 5 s, 10 s, 20 s, 40 s (capped at one minute). */
function backoffMs(attempt: number): number {
  return Math.min(60_000, 5_000 * 2 ** (attempt - 1));
}
