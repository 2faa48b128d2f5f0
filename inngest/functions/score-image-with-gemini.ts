import { setTimeout as sleep } from "node:timers/promises";
import { inngest } from "@/inngest/client";
import { eventIds, propertyImageReady } from "@/inngest/events";
import { finishProperty, pipelineCheckpointing, recordRunFailure } from "@/inngest/functions/finish-property";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { logger } from "@/lib/logger";
import { reserveKeyTurn } from "@/lib/pipeline/gemini-key-spacing";
import { planGeminiThrottle } from "@/lib/pipeline/gemini-throttle";
import { scoreImage } from "@/lib/providers/gemini";
import { ProviderError } from "@/lib/providers/provider-error";
import type { ModelScore } from "@/lib/scoring/score-contract";

type GeminiAttempt =
  | { kind: "scored"; score: ModelScore }
  | { kind: "unparseable"; reason: string }
  | { kind: "provider_error"; message: string; retryable: boolean; retryAfterMs: number | null };

/** Gemini calls per property before it is recorded as failed, counting responses that break the schema. */
const maxGeminiAttempts = 5;

const throttlePlan = planGeminiThrottle(getConfig().gemini.requestsPerMinute);

/**
 * Scores one property's stored image with Gemini and records the outcome, which releases the next
 * property in turn. The throttle admits one run per key every `periodSeconds`, and a run makes at
 * most one Gemini call. The call's step catches every error, so a retry of a later step never
 * repeats the call outside the throttle. A further attempt is a new run, started by an event, which
 * passes the throttle again.
 */
export const scoreImageWithGemini = inngest.createFunction(
  {
    id: "score-image-with-gemini",
    name: "Score image with Gemini",
    triggers: [propertyImageReady],
    // No `priority`: with a head start, a campaign's first calls were measured to wait as long as
    // the rest. The likely cause is that a run the throttle delays is requeued at its key's next
    // free time, which drops the head start.
    throttle: { limit: 1, period: `${throttlePlan.periodSeconds}s`, key: "event.data.slot" },
    retries: 4,
    checkpointing: pipelineCheckpointing,
    onFailure: recordRunFailure,
  },
  async ({ event, step }) => {
    const request = propertyImageReady.schema.parse(event.data);
    const { propertyId, attempt, location, panorama } = request;

    const answer = await step.run("call-gemini", () => callGemini(propertyId, Number(request.slot)));
    if (answer.kind === "scored") {
      const status = answer.score.assessable ? "scored" : "unassessable";
      return finishProperty(step, propertyId, { status, score: answer.score, attempts: attempt }, { location, panorama });
    }

    const problem = answer.kind === "unparseable" ? `Gemini's answer was unusable (${answer.reason})` : answer.message;
    const retryable = answer.kind === "unparseable" || answer.retryable;
    if (!retryable || attempt >= maxGeminiAttempts) {
      const reason = retryable ? `Scoring failed after ${attempt} attempts: ${problem}` : `Scoring failed: ${problem}`;
      return finishProperty(step, propertyId, { status: "failed", reason, attempts: attempt }, { location, panorama });
    }

    // An unusable response is requested again at once. A provider error waits for its Retry-After, or backs off.
    if (answer.kind === "provider_error") await step.sleep("wait-before-next-attempt", answer.retryAfterMs ?? backoffMs(attempt));
    await step.sendEvent(
      "request-next-attempt",
      propertyImageReady.create(
        { ...request, attempt: attempt + 1, slot: String((Number(request.slot) + 1) % throttlePlan.keys) },
        { id: eventIds.propertyImageReady(request.scoreEventId, attempt + 1) },
      ),
    );
    return { nextAttempt: attempt + 1, problem };
  },
);

export const geminiThrottleKeys = throttlePlan.keys;

/**
 * Makes one Gemini call for the stored image, at least a throttle period after the key's last call,
 * and returns every error as a retryable result instead of throwing it.
 */
async function callGemini(propertyId: string, key: number): Promise<GeminiAttempt> {
  try {
    const image = await getDb().propertyImage.findUniqueOrThrow({ where: { propertyId } });
    const waitMs = await reserveKeyTurn(getDb(), key, throttlePlan.periodSeconds * 1000);
    if (waitMs > 0) await sleep(waitMs);
    const answer = await scoreImage({ contentType: image.contentType, bytes: Buffer.from(image.bytes) });
    return answer.ok ? { kind: "scored", score: answer.value } : { kind: "unparseable", reason: answer.reason };
  } catch (error) {
    if (error instanceof ProviderError) {
      return { kind: "provider_error", message: error.message, retryable: error.retryable, retryAfterMs: error.retryAfterMs ?? null };
    }
    logger.error({ err: error, propertyId }, "Gemini scoring attempt failed unexpectedly");
    return { kind: "provider_error", message: `the scoring attempt failed: ${(error as Error).message.slice(0, 200)}`, retryable: true, retryAfterMs: null };
  }
}

/** Exponential backoff for Gemini attempts: 5 s, 10 s, 20 s, 40 s (capped at one minute). */
function backoffMs(attempt: number): number {
  return Math.min(60_000, 5_000 * 2 ** (attempt - 1));
}
