import { eventType } from "inngest";
import { z } from "zod";

const uuid = z.uuid();

/** Sent once per paid campaign by the Stripe webhook; the event id is derived from the campaign. */
export const campaignPaid = eventType("campaign/paid", {
  schema: z.object({ campaignId: uuid }),
});

/** Sent when the customer re-runs a completed campaign's unscored properties, free; starts it like a payment. */
export const campaignRerunRequested = eventType("campaign/rerun.requested", {
  schema: z.object({ campaignId: uuid }),
});

/** Releases one property into the pipeline; the event id is derived from the property. */
export const propertyScoreRequested = eventType("property/score.requested", {
  schema: z.object({ campaignId: uuid, propertyId: uuid }),
});

/** Sent once when the last property of a campaign reaches a terminal status. */
export const campaignCompleted = eventType("campaign/completed", {
  schema: z.object({ campaignId: uuid }),
});

/**
 * Sent by the upload when the customer gave an email: checks for reusable earlier scores and, if
 * any, emails that address a link that prices them in. The event id is derived from the campaign.
 */
export const scoreReuseCheckRequested = eventType("campaign/score-reuse.check-requested", {
  schema: z.object({ campaignId: uuid, email: z.email() }),
});

/**
 * Sent by `score-property` once a property's image is stored, and again by the Gemini function for
 * each further attempt. Each attempt is a run of its own, so the throttle gates every Gemini call.
 */
export const propertyImageReady = eventType("property/image.ready", {
  schema: z.object({
    campaignId: uuid,
    propertyId: uuid,
    /** Id of the scoring event that started this pass over the property; names the attempts' events. */
    scoreEventId: z.string().min(1),
    /** Gemini attempt, from 1; the property is recorded as failed after the last one. */
    attempt: z.number().int().min(1),
    /** Throttle bucket: spreads calls over the keys that together make up the Gemini budget. */
    slot: z.string().regex(/^\d+$/),
    location: z.object({ latitude: z.number(), longitude: z.number(), locationType: z.string() }),
    panorama: z.object({
      panoId: z.string(),
      panoLatitude: z.number(),
      panoLongitude: z.number(),
      imageryDate: z.string().nullable(),
      heading: z.number(),
    }),
  }),
});

/** Asks for a sweep of stalled campaigns now, in addition to the scheduled one. */
export const stalledCampaignsCheckRequested = eventType("maintenance/stalled-campaigns.check", {
  schema: z.object({ stalledAfterMinutes: z.number().int().min(0).optional() }),
});

/**
 * Deterministic event ids: a repeated send within 24 hours starts no second run. `run` is the
 * campaign's run: 0 for the paid one, then 1, 2, ... for each free re-run of its unscored
 * properties, whose events must not be mistaken for repeats of the first run's.
 */
export const eventIds = {
  campaignPaid: (campaignId: string) => `campaign-paid-${campaignId}`,
  campaignRerun: (campaignId: string, run: number) => `campaign-rerun-${campaignId}-${run}`,
  propertyScoreRequested: (propertyId: string, run = 0) => (run === 0 ? `property-score-${propertyId}` : `property-score-${propertyId}-run-${run}`),
  campaignCompleted: (campaignId: string, run = 0) => (run === 0 ? `campaign-completed-${campaignId}` : `campaign-completed-${campaignId}-run-${run}`),
  scoreReuseCheck: (campaignId: string) => `score-reuse-check-${campaignId}`,
  propertyImageReady: (scoreEventId: string, attempt: number) => `${scoreEventId}-gemini-${attempt}`,
};
