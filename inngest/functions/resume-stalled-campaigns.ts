import { inngest } from "@/inngest/client";
import { campaignCompleted, campaignPaid, propertyScoreRequested, stalledCampaignsCheckRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { logger } from "@/lib/logger";
import { findStalledWork } from "@/lib/pipeline/find-stalled-work";
import { reopenStalledCampaign } from "@/lib/pipeline/reopen-stalled-campaign";
import { cron } from "inngest";
import { z } from "zod";

/** The SDK sends an array of events in one request; the open-source engine accepts at most 5,000. */
const maxEventsPerSend = 1000;

const checkData = z.object({ stalledAfterMinutes: z.number().int().min(0).optional() }).optional();

/**
 * Every minute, sends again the work of campaigns that stopped making progress: the start of a
 * paid campaign, the queued properties of a processing one (never a finished property), or the
 * refund and email of a completed one. Event ids carry the time of the campaign's last progress,
 * so a second sweep before anything moves sends only duplicates, which the engine drops.
 */
export const resumeStalledCampaigns = inngest.createFunction(
  {
    id: "resume-stalled-campaigns",
    name: "Resume stalled campaigns",
    triggers: [cron("* * * * *"), stalledCampaignsCheckRequested],
    concurrency: { limit: 1 },
    retries: 2,
  },
  async ({ event, step }) => {
    const requested = event.name === stalledCampaignsCheckRequested.name ? checkData.parse(event.data) : undefined;
    const stalledAfterMinutes = requested?.stalledAfterMinutes ?? getConfig().stalledAfterMinutes;

    const stalled = await step.run("find-stalled-work", async () => {
      const found = await findStalledWork(stalledAfterMinutes);
      if (found.length > 0) logger.warn({ campaignIds: found.map((work) => work.campaignId), stalledAfterMinutes }, "stalled campaigns found");
      return found;
    });
    if (stalled.length === 0) return { resumed: 0 };

    const events: Array<ReturnType<typeof propertyScoreRequested.create> | ReturnType<typeof campaignPaid.create> | ReturnType<typeof campaignCompleted.create>> = [];
    for (const work of stalled) {
      const suffix = `resume-${work.stalledSince}`;
      if (work.kind === "start") {
        events.push(campaignPaid.create({ campaignId: work.campaignId }, { id: `campaign-paid-${work.campaignId}-${suffix}` }));
      } else if (work.kind === "finish") {
        events.push(campaignCompleted.create({ campaignId: work.campaignId }, { id: `campaign-completed-${work.campaignId}-${suffix}` }));
      } else if (work.propertyIds.length > 0) {
        for (const propertyId of work.propertyIds) {
          events.push(propertyScoreRequested.create({ campaignId: work.campaignId, propertyId }, { id: `property-score-${propertyId}-${suffix}` }));
        }
      } else {
        const reopened = await step.run(`reopen-${work.campaignId}`, () => reopenStalledCampaign(work.campaignId, getConfig().scoringWindow));
        for (const propertyId of reopened.propertyIds) {
          events.push(propertyScoreRequested.create({ campaignId: work.campaignId, propertyId }, { id: `property-score-${propertyId}-${suffix}` }));
        }
        if (reopened.completed) {
          events.push(campaignCompleted.create({ campaignId: work.campaignId }, { id: `campaign-completed-${work.campaignId}-${suffix}` }));
        }
      }
    }

    for (let start = 0; start < events.length; start += maxEventsPerSend) {
      await step.sendEvent(`resend-stalled-work-${start / maxEventsPerSend + 1}`, events.slice(start, start + maxEventsPerSend));
    }
    return { resumed: stalled.length, events: events.length };
  },
);
