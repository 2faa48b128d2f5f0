import { inngest } from "@/inngest/client";
import { campaignPaid, eventIds, propertyScoreRequested } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { releaseFirstWave } from "@/lib/pipeline/release-first-wave";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid() });

/**
 * Starts a paid campaign by releasing its first window of properties. The rest follow one by one
 * as properties finish, so every campaign keeps only a few properties queued at the Gemini
 * throttle and a campaign paid later is interleaved at once instead of waiting behind this one.
 */
export const startCampaign = inngest.createFunction(
  { id: "start-campaign", name: "Start campaign", triggers: [campaignPaid], retries: 10 },
  async ({ event, step }) => {
    const { campaignId } = eventData.parse(event.data);
    const windowSize = getConfig().campaignWindow;

    const wave = await step.run("release-first-wave", () => releaseFirstWave(campaignId, windowSize));
    if (wave.propertyIds.length === 0) return { campaignId, released: 0 };

    await step.sendEvent(
      "send-first-wave",
      wave.propertyIds.map((propertyId) =>
        propertyScoreRequested.create({ campaignId, propertyId }, { id: eventIds.propertyScoreRequested(propertyId) }),
      ),
    );
    return { campaignId, released: wave.propertyIds.length };
  },
);
