import { inngest } from "@/inngest/client";
import { campaignCompleted, campaignPaid, campaignRerunRequested, eventIds, propertyScoreRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { releaseFirstWave } from "@/lib/pipeline/release-first-wave";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid() });

/**
 * Starts a paid campaign by copying in the results it reuses and releasing its first wave of
 * properties. The rest follow one at a time as properties of any campaign finish, with the running
 * campaigns taking turns. The pipeline thus holds only a few seconds of Gemini work, and a campaign
 * paid later is interleaved at once instead of waiting behind this one. A campaign whose every
 * property was reused completes here.
 */
export const startCampaign = inngest.createFunction(
  { id: "start-campaign", name: "Start campaign", triggers: [campaignPaid, campaignRerunRequested], retries: 10 },
  async ({ event, step }) => {
    const { campaignId } = eventData.parse(event.data);
    const window = getConfig().scoringWindow;

    const wave = await step.run("release-first-wave", () => releaseFirstWave(campaignId, window));
    if (wave.completed) {
      await step.sendEvent("announce-campaign-completed", campaignCompleted.create({ campaignId }, { id: eventIds.campaignCompleted(campaignId, wave.run) }));
      return { campaignId, released: 0, completed: true };
    }
    if (wave.propertyIds.length === 0) return { campaignId, released: 0 };

    await step.sendEvent(
      "send-first-wave",
      wave.propertyIds.map((propertyId) =>
        propertyScoreRequested.create({ campaignId, propertyId }, { id: eventIds.propertyScoreRequested(propertyId, wave.run) }),
      ),
    );
    return { campaignId, released: wave.propertyIds.length };
  },
);
