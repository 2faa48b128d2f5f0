import { inngest } from "@/inngest/client";
import { campaignCompleted, eventIds, propertyImageReady, propertyScoreRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/logger";
import { planGeminiThrottle } from "@/lib/pipeline/gemini-throttle";
import { imageProperty, locateProperty } from "@/lib/pipeline/prepare-property";
import {
  recordPropertyOutcome,
  type LocationFacts,
  type PanoramaFacts,
  type PropertyOutcome,
  type RecordedOutcome,
} from "@/lib/pipeline/record-property-outcome";
import type { ReleasedProperty } from "@/lib/pipeline/release-properties";
import { z } from "zod";

export type StepTools = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

/**
 * Checkpointing for the pipeline's functions: a run's steps travel to the engine together, with
 * its next wait or its result, rather than one request per step. Five covers the longest stretch
 * of steps without a wait. A crash loses at most five seconds of finished steps, and their
 * retries repeat only idempotent work.
 */
export const pipelineCheckpointing = { bufferedSteps: 5, maxInterval: "5s" } as const;

/**
 * Records a property's terminal outcome and prepares the first property released in its place
 * (see `prepareReleased`) in one step, then sends the events both call for. Recording is
 * idempotent, so a retry of that step at worst prepares the released property again.
 */
export async function finishProperty(
  step: StepTools,
  propertyId: string,
  outcome: PropertyOutcome,
  facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {},
): Promise<{ status: PropertyOutcome["status"] }> {
  const { recorded, prepared } = await step.run("record-outcome-and-prepare-next", async () => {
    const recorded = await recordPropertyOutcome(propertyId, outcome, facts);
    const [next] = recorded.released;
    return { recorded, prepared: next ? await prepareReleased(next.propertyId) : null };
  });
  const [next, ...others] = recorded.released;
  const nextEvents = next && prepared ? eventsForPrepared(next, prepared) : [];
  await announce(step, [...nextEvents, ...others.map(scoreRequest), ...completionEvents(recorded)]);
  return { status: outcome.status };
}

const failedEventData = z.object({ propertyId: z.uuid() });

/** The `onFailure` of a pipeline function: records the property as failed once its run gives up. */
export async function recordRunFailure({ event, error, step }: { event: { data: { event: { data: unknown } } }; error: Error; step: StepTools }) {
  const { propertyId } = failedEventData.parse(event.data.event.data);
  const recorded = await step.run("record-failure", () =>
    recordPropertyOutcome(propertyId, { status: "failed", reason: `Scoring stopped after repeated errors: ${error.message.slice(0, 300)}` }),
  );
  await announce(step, [...recorded.released.map(scoreRequest), ...completionEvents(recorded)]);
}

type AnnouncedEvent = ReturnType<typeof propertyScoreRequested.create> | ReturnType<typeof propertyImageReady.create> | ReturnType<typeof campaignCompleted.create>;

type Prepared =
  | { kind: "ready"; location: LocationFacts; panorama: PanoramaFacts; ticket: number }
  | { kind: "finished"; recorded: RecordedOutcome }
  | { kind: "terminal" }
  | { kind: "handed_off"; problem: string };

/**
 * Prepares a released property for Gemini in the run that released it, as `score-property` would,
 * so each property takes one run instead of two. A property without imagery or a precise location
 * gets its outcome recorded here. A provider error hands the property to a `score-property` run of
 * its own, whose steps retry it. Only a failure to record its outcome propagates.
 */
async function prepareReleased(propertyId: string): Promise<Prepared> {
  let looked: Awaited<ReturnType<typeof lookUpReleased>>;
  try {
    looked = await lookUpReleased(propertyId);
  } catch (error) {
    logger.warn({ err: error, propertyId }, "Preparing a released property failed, so it gets a score-property run of its own");
    return { kind: "handed_off", problem: (error as Error).message.slice(0, 200) };
  }
  if (looked.kind !== "outcome") return looked;

  const facts = looked.location ? { location: looked.location } : {};
  return { kind: "finished", recorded: await recordPropertyOutcome(propertyId, looked.outcome, facts) };
}

/** Locates a released property and stores its image, or returns the outcome that ends it before Gemini. */
async function lookUpReleased(
  propertyId: string,
): Promise<Extract<Prepared, { kind: "ready" | "terminal" }> | { kind: "outcome"; outcome: PropertyOutcome; location?: LocationFacts }> {
  const located = await locateProperty(propertyId, passErrorsOn);
  if (located.kind === "terminal") return { kind: "terminal" };
  if (located.kind === "not_found") return { kind: "outcome", outcome: { status: "geocode_failed", reason: located.reason } };

  const location: LocationFacts = { latitude: located.latitude, longitude: located.longitude, locationType: located.locationType };
  if (located.kind === "imprecise") return { kind: "outcome", outcome: { status: "geocode_failed", reason: located.reason }, location };

  const imaged = await imageProperty(propertyId, location, passErrorsOn);
  if (imaged.kind === "none") return { kind: "outcome", outcome: { status: "no_imagery", reason: imaged.reason }, location };
  return { kind: "ready", location, panorama: imaged.panorama, ticket: imaged.ticket };
}

/** Returns the events that carry a prepared property on: its Gemini request, its own outcome's events, or a run of its own. */
function eventsForPrepared(released: ReleasedProperty, prepared: Prepared): AnnouncedEvent[] {
  if (prepared.kind === "handed_off") return [scoreRequest(released)];
  if (prepared.kind === "terminal") return [];
  if (prepared.kind === "finished") return [...prepared.recorded.released.map(scoreRequest), ...completionEvents(prepared.recorded)];

  const { campaignId, propertyId, run } = released;
  const scoreEventId = eventIds.propertyScoreRequested(propertyId, run);
  const slot = String(prepared.ticket % planGeminiThrottle(getConfig().gemini.requestsPerMinute).keys);
  return [
    propertyImageReady.create(
      { campaignId, propertyId, scoreEventId, attempt: 1, slot, location: prepared.location, panorama: prepared.panorama },
      { id: eventIds.propertyImageReady(scoreEventId, 1) },
    ),
  ];
}

const passErrorsOn = <T>(call: () => Promise<T>): Promise<T> => call();

/** Sends a finished property's events in one request, or nothing when there are none. */
async function announce(step: StepTools, events: AnnouncedEvent[]): Promise<void> {
  if (events.length > 0) await step.sendEvent("announce-outcome", events);
}

function scoreRequest({ campaignId, propertyId, run }: ReleasedProperty): AnnouncedEvent {
  return propertyScoreRequested.create({ campaignId, propertyId }, { id: eventIds.propertyScoreRequested(propertyId, run) });
}

/** Returns the completion event when the recorded outcome finished its campaign, else nothing. */
function completionEvents(recorded: RecordedOutcome): AnnouncedEvent[] {
  if (!recorded.campaignCompleted) return [];
  return [campaignCompleted.create({ campaignId: recorded.campaignId }, { id: eventIds.campaignCompleted(recorded.campaignId, recorded.run) })];
}
