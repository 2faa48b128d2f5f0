import { inngest } from "@/inngest/client";
import { campaignCompleted, eventIds, propertyImageReady, propertyScoreRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
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
 * Records a property's terminal outcome, then sends the events it calls for. The first property
 * released in its place is prepared for Gemini in this run (see `prepareInPlace`).
 */
export async function finishProperty(
  step: StepTools,
  propertyId: string,
  outcome: PropertyOutcome,
  facts: { location?: LocationFacts; panorama?: PanoramaFacts } = {},
): Promise<{ status: PropertyOutcome["status"] }> {
  const recorded = await step.run("record-outcome", () => recordPropertyOutcome(propertyId, outcome, facts));
  const [next, ...others] = recorded.released;
  const events = next ? [...(await prepareInPlace(step, next)), ...others.map(scoreRequest)] : [];
  await announce(step, [...events, ...completionEvents(recorded)]);
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

/**
 * Prepares a released property for Gemini in the run that released it, and returns the events
 * that carry it on: its Gemini request, or, if it has no imagery or no precise location, the
 * events of its own outcome. Each property then takes one run, not two (one to prepare it and one
 * to score it), which roughly halves the engine's work per property. Any error hands the property
 * to a `score-property` run of its own, whose steps retry it, so this run never fails on its account.
 */
async function prepareInPlace(step: StepTools, released: ReleasedProperty): Promise<AnnouncedEvent[]> {
  const { campaignId, propertyId, run } = released;
  const prepared = await step.run("prepare-next-property", () => prepareForGemini(propertyId).catch(() => ({ kind: "handed_off" as const })));
  if (prepared.kind === "handed_off") return [scoreRequest(released)];
  if (prepared.kind === "terminal") return [];
  if (prepared.kind === "finished") {
    const recorded = await step.run("record-next-outcome", () => recordPropertyOutcome(propertyId, prepared.outcome, prepared.facts));
    return [...recorded.released.map(scoreRequest), ...completionEvents(recorded)];
  }

  const scoreEventId = eventIds.propertyScoreRequested(propertyId, run);
  const { location, panorama, ticket } = prepared;
  const slot = String(ticket % planGeminiThrottle(getConfig().gemini.requestsPerMinute).keys);
  return [
    propertyImageReady.create(
      { campaignId, propertyId, scoreEventId, attempt: 1, slot, location, panorama },
      { id: eventIds.propertyImageReady(scoreEventId, 1) },
    ),
  ];
}

type Preparation =
  | { kind: "ready"; location: LocationFacts; panorama: PanoramaFacts; ticket: number }
  | { kind: "finished"; outcome: PropertyOutcome; facts: { location?: LocationFacts } }
  | { kind: "terminal" };

/** Locates a property and stores its image, as `score-property` does, in one step. Errors throw. */
async function prepareForGemini(propertyId: string): Promise<Preparation> {
  const located = await locateProperty(propertyId, passErrorsOn);
  if (located.kind === "terminal") return { kind: "terminal" };
  if (located.kind === "not_found") return { kind: "finished", outcome: { status: "geocode_failed", reason: located.reason }, facts: {} };
  const location: LocationFacts = { latitude: located.latitude, longitude: located.longitude, locationType: located.locationType };
  if (located.kind === "imprecise") return { kind: "finished", outcome: { status: "geocode_failed", reason: located.reason }, facts: { location } };

  const imaged = await imageProperty(propertyId, location, passErrorsOn);
  if (imaged.kind === "none") return { kind: "finished", outcome: { status: "no_imagery", reason: imaged.reason }, facts: { location } };
  return { kind: "ready", location, panorama: imaged.panorama, ticket: imaged.ticket };
}

const passErrorsOn = <T>(call: () => Promise<T>): Promise<T> => call();

/** Sends a finished property's events in one request; most outcomes release one property. */
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
