import { inngest } from "@/inngest/client";
import { scoreReuseCheckRequested } from "@/inngest/events";
import { withRetryPolicy } from "@/inngest/step-errors";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { sendReuseOfferEmail } from "@/lib/email/send-reuse-offer-email";
import { countReusableScores, reuseCutoff } from "@/lib/reuse/score-reuse";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid(), email: z.email() });

/**
 * Checks an uploaded list against the earlier scores of the email given with it and, when some
 * can be reused, emails that address the link that prices them in. Nothing about the outcome
 * reaches the uploader, so typing someone else's address reveals nothing of theirs.
 */
export const offerScoreReuse = inngest.createFunction(
  { id: "offer-score-reuse", name: "Offer score reuse", triggers: [scoreReuseCheckRequested], retries: 5 },
  async ({ event, step }) => {
    const { campaignId, email } = eventData.parse(event.data);

    const reusable = await step.run("count-reusable-scores", async () => {
      const campaign = await getDb().campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
      if (campaign?.status !== "draft" && campaign?.status !== "awaiting_payment") return 0;
      return countReusableScores(getDb(), campaignId, email, reuseCutoff(getConfig().scoreReuseDays));
    });

    if (reusable > 0) {
      await step.run("send-reuse-offer-email", () => withRetryPolicy(() => sendReuseOfferEmail(campaignId, email, reusable)));
    }
    await step.run("record-check", () => getDb().campaign.update({ where: { id: campaignId }, data: { reuseCheckedAt: new Date() }, select: { id: true } }));
    return { reusable };
  },
);
