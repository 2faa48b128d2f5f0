import { inngest } from "@/inngest/client";
import { campaignCompleted } from "@/inngest/events";
import { withRetryPolicy } from "@/inngest/step-errors";
import { sendCompletionEmail } from "@/lib/email/send-completion-email";
import { refundUnscoredProperties } from "@/lib/payments/refund-unscored-properties";
import { z } from "zod";

const eventData = z.object({ campaignId: z.uuid() });

/**
 * Finishes a completed campaign: refunds the properties that got no score, then emails the owner
 * a summary that includes the refund. Each step is idempotent on its own (a stored timestamp and
 * a provider idempotency key), so a repeated run refunds and emails nothing twice.
 */
export const finishCampaign = inngest.createFunction(
  {
    id: "finish-campaign",
    name: "Finish campaign",
    triggers: [campaignCompleted],
    retries: 10,
  },
  async ({ event, step }) => {
    const { campaignId } = eventData.parse(event.data);

    const refund = await step.run("refund-unscored-properties", () => withRetryPolicy(() => refundUnscoredProperties(campaignId)));
    const email = await step.run("send-completion-email", () => withRetryPolicy(() => sendCompletionEmail(campaignId)));
    return { refund, email };
  },
);
