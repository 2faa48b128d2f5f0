import { finishCampaign } from "@/inngest/functions/finish-campaign";
import { offerScoreReuse } from "@/inngest/functions/offer-score-reuse";
import { resumeStalledCampaigns } from "@/inngest/functions/resume-stalled-campaigns";
import { scoreImageWithGemini } from "@/inngest/functions/score-image-with-gemini";
import { scoreProperty } from "@/inngest/functions/score-property";
import { startCampaign } from "@/inngest/functions/start-campaign";

/** Every function the app serves at /api/inngest. */
export const functions = [startCampaign, scoreProperty, scoreImageWithGemini, finishCampaign, resumeStalledCampaigns, offerScoreReuse];
