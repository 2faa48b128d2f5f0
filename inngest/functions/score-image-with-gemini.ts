import { inngest } from "@/inngest/client";
import { geminiScoreInvocation, geminiScoreInvoked } from "@/inngest/events";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { planGeminiThrottle } from "@/lib/pipeline/gemini-throttle";
import { scoreImage } from "@/lib/providers/gemini";
import { ProviderError } from "@/lib/providers/provider-error";
import type { ModelScore } from "@/lib/scoring/score-contract";

export type GeminiAttempt =
  | { kind: "scored"; score: ModelScore }
  | { kind: "unparseable"; reason: string }
  | { kind: "provider_error"; message: string; retryable: boolean; retryAfterMs: number | null };

const throttlePlan = planGeminiThrottle(getConfig().gemini.requestsPerMinute);

/**
 * Makes exactly one Gemini call per run. The throttle admits one run per key every
 * `periodSeconds`, and `retries: 0` means the engine never repeats a call outside the throttle:
 * the caller decides whether to invoke again, which passes the throttle again.
 */
export const scoreImageWithGemini = inngest.createFunction(
  {
    id: "score-image-with-gemini",
    name: "Score image with Gemini",
    triggers: [geminiScoreInvoked],
    throttle: { limit: 1, period: `${throttlePlan.periodSeconds}s`, key: "event.data.slot" },
    priority: { run: "event.data.headStartSeconds" },
    retries: 0,
  },
  async ({ event, step }): Promise<GeminiAttempt> => {
    const { propertyId } = geminiScoreInvocation.parse(event.data);

    return step.run("call-gemini", async (): Promise<GeminiAttempt> => {
      const image = await getDb().propertyImage.findUniqueOrThrow({ where: { propertyId } });

      try {
        const answer = await scoreImage({ contentType: image.contentType, bytes: Buffer.from(image.bytes) });
        return answer.ok ? { kind: "scored", score: answer.value } : { kind: "unparseable", reason: answer.reason };
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        return { kind: "provider_error", message: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs ?? null };
      }
    });
  },
);

export const geminiThrottleKeys = throttlePlan.keys;

/**
 * Returns the head start of a campaign's first-wave Gemini call: the time the budget takes to work
 * through one full window, so a campaign paid later skips the calls other campaigns have waiting.
 */
export function firstWaveHeadStartSeconds(): number {
  const { scoringWindow, gemini } = getConfig();
  return Math.min(600, Math.ceil((scoringWindow * 60) / gemini.requestsPerMinute));
}
