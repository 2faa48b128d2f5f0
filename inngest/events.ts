import { eventType, invoke } from "inngest";
import { z } from "zod";

const uuid = z.uuid();

/** Sent once per paid campaign by the Stripe webhook; the event id is derived from the campaign. */
export const campaignPaid = eventType("campaign/paid", {
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

export const geminiScoreInvocation = z.object({
  campaignId: uuid,
  propertyId: uuid,
  /** Throttle bucket: spreads calls over the keys that together make up the Gemini budget. */
  slot: z.string().regex(/^\d+$/),
});

/** The Gemini call is its own function so the engine's throttle gates every call, retries included. */
export const geminiScoreInvoked = invoke(geminiScoreInvocation);

/** Asks for a sweep of stalled campaigns now, in addition to the scheduled one. */
export const stalledCampaignsCheckRequested = eventType("maintenance/stalled-campaigns.check", {
  schema: z.object({ stalledAfterMinutes: z.number().int().min(0).optional() }),
});

/** Deterministic event ids: a repeated send within 24 hours starts no second run. */
export const eventIds = {
  campaignPaid: (campaignId: string) => `campaign-paid-${campaignId}`,
  propertyScoreRequested: (propertyId: string) => `property-score-${propertyId}`,
  campaignCompleted: (campaignId: string) => `campaign-completed-${campaignId}`,
};
