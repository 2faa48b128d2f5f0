import { inngest } from "@/inngest/client";
import { eventIds, propertyImageReady, propertyScoreRequested } from "@/inngest/events";
import { finishProperty, pipelineCheckpointing, recordRunFailure } from "@/inngest/functions/finish-property";
import { geminiThrottleKeys } from "@/inngest/functions/score-image-with-gemini";
import { withRetryPolicy } from "@/inngest/step-errors";
import { getConfig } from "@/lib/config";
import { imageProperty, locateProperty } from "@/lib/pipeline/prepare-property";
import type { LocationFacts, PanoramaFacts, PropertyOutcome } from "@/lib/pipeline/record-property-outcome";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid(), propertyId: z.uuid() });

/**
 * Prepares one property for Gemini: load and geocode it (unless the list gave coordinates), find
 * the panorama and store the image facing the house, then hand it to `score-image-with-gemini`
 * with an event. A property that fails before Gemini is recorded here. Recording an outcome
 * releases the next property of whichever campaign's turn it is, which keeps the pipeline's
 * window full and shared. Every stage is a named step, so a retry resumes after the last finished one.
 *
 * Most properties are prepared in the run that released them (see `finishProperty`). Those of a
 * campaign's first wave come here, and so does any property whose preparation failed in that run.
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
    const located = await step.run("locate-property", () => locateProperty(propertyId, withRetryPolicy));
    if (located.kind === "terminal") return { skipped: `already ${located.status}` };

    const finish = (outcome: PropertyOutcome, facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {}) =>
      finishProperty(step, propertyId, outcome, facts);

    if (located.kind === "not_found") return finish({ status: "geocode_failed", reason: located.reason });
    const location: LocationFacts = { latitude: located.latitude, longitude: located.longitude, locationType: located.locationType };
    if (located.kind === "imprecise") return finish({ status: "geocode_failed", reason: located.reason }, { location });

    const imaged = await step.run("fetch-street-view-image", () => imageProperty(propertyId, location, withRetryPolicy));
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
