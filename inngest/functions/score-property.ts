import { inngest } from "@/inngest/client";
import { eventIds, propertyImageReady, propertyScoreRequested } from "@/inngest/events";
import { finishProperty, pipelineCheckpointing, recordRunFailure } from "@/inngest/functions/finish-property";
import { geminiThrottleKeys } from "@/inngest/functions/score-image-with-gemini";
import { withRetryPolicy } from "@/inngest/step-errors";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { bearingDegrees } from "@/lib/geo/bearing";
import { isTerminal } from "@/lib/pipeline/property-status";
import type { LocationFacts, PanoramaFacts, PropertyOutcome } from "@/lib/pipeline/record-property-outcome";
import { geocodeAddress } from "@/lib/providers/geocode-address";
import { fetchStreetViewImage, findPanorama } from "@/lib/providers/street-view";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid(), propertyId: z.uuid() });

/**
 * Prepares one property for Gemini: load and geocode it (unless the list gave coordinates), find
 * the panorama and store the image facing the house, then hand it to `score-image-with-gemini`
 * with an event. A property that fails before Gemini is recorded here. Recording an outcome
 * releases the next property of whichever campaign's turn it is, which keeps the pipeline's
 * window full and shared. Every stage is a named step, so a retry resumes after the last finished one.
 */
export const scoreProperty = inngest.createFunction(
  {
    id: "score-property",
    name: "Score property",
    triggers: [propertyScoreRequested],
    concurrency: [{ key: "event.data.campaignId", limit: getConfig().scoringWindow }],
    retries: 4,
    checkpointing: pipelineCheckpointing,
    onFailure: recordRunFailure,
  },
  async ({ event, step }) => {
    const { propertyId } = eventData.parse(event.data);

    // Loading the property and geocoding it share one step: a retry geocodes again, which costs
    // little, and every property saves a round trip through the engine.
    const located = await step.run("locate-property", async () => {
      const property = await getDb().property.findUniqueOrThrow({
        where: { id: propertyId },
        select: { status: true, normalizedAddress: true, inputLatitude: true, inputLongitude: true },
      });
      if (isTerminal(property.status)) return { kind: "terminal" as const, status: property.status };
      if (property.inputLatitude !== null && property.inputLongitude !== null) {
        return { kind: "found" as const, latitude: property.inputLatitude, longitude: property.inputLongitude, locationType: "INPUT" };
      }
      return withRetryPolicy(() => geocodeAddress(property.normalizedAddress));
    });
    if (located.kind === "terminal") return { skipped: `already ${located.status}` };

    const finish = (outcome: PropertyOutcome, facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {}) =>
      finishProperty(step, propertyId, outcome, facts);

    if (located.kind === "not_found") return finish({ status: "geocode_failed", reason: located.reason });
    const location: LocationFacts = { latitude: located.latitude, longitude: located.longitude, locationType: located.locationType };
    if (located.kind === "imprecise") return finish({ status: "geocode_failed", reason: located.reason }, { location });

    // The panorama lookup and the image share one step. Google does not charge for Street View
    // metadata requests, so a retry that repeats the lookup costs nothing, and each property saves a step.
    const imaged = await step.run("fetch-street-view-image", async () => {
      const found = await withRetryPolicy(() => findPanorama(location.latitude, location.longitude));
      if (found.kind === "none") return found;

      const panorama: PanoramaFacts = {
        panoId: found.panoId,
        panoLatitude: found.latitude,
        panoLongitude: found.longitude,
        imageryDate: found.imageryDate,
        heading: bearingDegrees({ latitude: found.latitude, longitude: found.longitude }, location),
      };
      const image = await withRetryPolicy(() => fetchStreetViewImage(panorama.panoId, panorama.heading));
      const bytes = new Uint8Array(image.bytes);
      await getDb().propertyImage.upsert({
        where: { propertyId },
        create: { propertyId, contentType: image.contentType, bytes },
        update: { contentType: image.contentType, bytes, createdAt: new Date() },
      });
      return { kind: "found" as const, panorama, bytes: image.bytes.length, ticket: await takeGeminiTicket() };
    });
    if (imaged.kind === "none") return finish({ status: "no_imagery", reason: imaged.reason }, { location });
    const { panorama, ticket } = imaged;

    const scoreEventId = event.id ?? `property-score-${propertyId}`;
    await step.sendEvent(
      "request-gemini-score",
      propertyImageReady.create(
        {
          campaignId: event.data.campaignId,
          propertyId,
          scoreEventId,
          attempt: 1,
          slot: String(ticket % geminiThrottleKeys),
          location,
          panorama,
        },
        { id: eventIds.propertyImageReady(scoreEventId, 1) },
      ),
    );
    return { status: "waiting_for_gemini" };
  },
);

/**
 * Numbers the properties in the order they reach Gemini, so consecutive calls take the throttle's
 * keys in rotation and each key's queue gets an equal share. The number is part of a step's output,
 * so a retried run keeps its key.
 */
async function takeGeminiTicket(): Promise<number> {
  const [row] = await getDb().$queryRaw<{ ticket: number }[]>`SELECT (nextval('"GeminiCallTicket"') % 1000000)::int AS ticket`;
  return row!.ticket;
}
