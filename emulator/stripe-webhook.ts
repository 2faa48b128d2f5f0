import { createHmac } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import type { EmulatorContext } from "./context";
import type { DeliveryAttempt, DeliveryOutcome, StoredEvent } from "./stripe-store";

/** Waits before each retry, in ms; with the first try this makes four attempts. */
const retryDelaysMs = [250, 750, 2_000];
/** Time limit of one attempt in ms. A webhook endpoint should respond well within it. */
const attemptTimeoutMs = 10_000;

/**
 * Builds a `Stripe-Signature` header the way Stripe signs webhooks: `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<payload>" keyed with the endpoint secret>`.
 */
export function signWebhookPayload(payload: string, secret: string, timestampSeconds: number): string {
  const signature = createHmac("sha256", secret).update(`${timestampSeconds}.${payload}`, "utf8").digest("hex");
  return `t=${timestampSeconds},v1=${signature}`;
}

/**
 * POSTs the event to the `stripeWebhookUrl` knob, retrying after a non-2xx response or a
 * network error, and records the outcome on the event. Each attempt is signed afresh, as Stripe
 * does. Failures are returned in the outcome, not thrown, and without a webhook URL nothing is
 * sent.
 */
export async function deliverEvent(context: EmulatorContext, stored: StoredEvent): Promise<DeliveryOutcome> {
  const { stripeWebhookUrl: url, stripeWebhookSecret: secret } = context.knobs();
  const outcome: DeliveryOutcome = { eventId: stored.event.id, url, delivered: false, attempts: [] };
  stored.deliveries.push(outcome);

  if (!url) {
    context.logger.warn({ eventId: stored.event.id }, "Stripe event not delivered: the stripeWebhookUrl knob is not set");
    return outcome;
  }

  for (let attempt = 0; attempt <= retryDelaysMs.length; attempt += 1) {
    if (attempt > 0) {
      const stopped = await sleep(retryDelaysMs[attempt - 1], false, { signal: context.shutdownSignal }).catch(() => true);
      if (stopped) {
        break;
      }
    }

    const result = await postOnce(context, url, stored.payload, secret);
    outcome.attempts.push(result);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      outcome.delivered = true;
      break;
    }

    context.logger.warn(
      { eventId: stored.event.id, attempt: attempt + 1, status: result.status, error: result.error },
      "Stripe webhook delivery attempt failed",
    );
  }

  if (outcome.delivered) {
    context.stats.countStripe("webhookDeliveriesSucceeded");
  } else {
    context.stats.countStripe("webhookDeliveriesFailed");
    context.logger.error({ eventId: stored.event.id, attempts: outcome.attempts.length }, "Stripe webhook delivery failed after every attempt");
  }
  return outcome;
}

async function postOnce(context: EmulatorContext, url: string, payload: string, secret: string): Promise<DeliveryAttempt> {
  const startedMs = Date.now();
  const at = new Date(context.now()).toISOString();

  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        // Wall-clock time, not the injectable clock: the receiver checks it against its own clock.
        "Stripe-Signature": signWebhookPayload(payload, secret, Math.floor(Date.now() / 1000)),
        "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        "Cache-Control": "no-cache",
        Accept: "*/*; q=0.5, application/xml",
      },
      body: payload,
      signal: AbortSignal.any([AbortSignal.timeout(attemptTimeoutMs), context.shutdownSignal]),
    });
    // Read the body so the connection is released; Stripe keeps only a prefix for display.
    await response.text();
    return { at, status: response.status, error: null, durationMs: Date.now() - startedMs };
  } catch (error) {
    return { at, status: null, error: describeFetchError(error), durationMs: Date.now() - startedMs };
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) {
    return String(error);
  }
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
