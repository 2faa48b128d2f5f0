import { inngest } from "@/inngest/client";
import { campaignCompleted, eventIds, propertyScoreRequested } from "@/inngest/events";
import {
  recordPropertyOutcome,
  type LocationFacts,
  type PanoramaFacts,
  type PropertyOutcome,
  type RecordedOutcome,
} from "@/lib/pipeline/record-property-outcome";
import { z } from "zod";

export type StepTools = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

/**
 * Checkpointing for the pipeline's functions: a run's steps travel to the engine together, with
 * its next wait or its result, rather than one request per step. Five covers the longest stretch
 * of steps without a wait. A crash loses at most five seconds of finished steps, and their
 * retries repeat only idempotent work.
 */
export const pipelineCheckpointing = { bufferedSteps: 5, maxInterval: "5s" } as const;

/** Records a property's terminal outcome, then sends the events it calls for. */
export async function finishProperty(
  step: StepTools,
  propertyId: string,
  outcome: PropertyOutcome,
  facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {},
): Promise<{ status: PropertyOutcome["status"] }> {
  const recorded = await step.run("record-outcome", () => recordPropertyOutcome(propertyId, outcome, facts));
  await announce(step, recorded);
  return { status: outcome.status };
}

const failedEventData = z.object({ propertyId: z.uuid() });

/** The `onFailure` of a pipeline function: records the property as failed once its run gives up. */
export async function recordRunFailure({ event, error, step }: { event: { data: { event: { data: unknown } } }; error: Error; step: StepTools }) {
  const { propertyId } = failedEventData.parse(event.data.event.data);
  const recorded = await step.run("record-failure", () =>
    recordPropertyOutcome(propertyId, { status: "failed", reason: `Scoring stopped after repeated errors: ${error.message.slice(0, 300)}` }),
  );
  await announce(step, recorded);
}

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
