import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";

import type { EmulatorContext } from "./context";
import { controlRoutes } from "./control";
import { geminiRoutes, sendGeminiError } from "./gemini";
import { geocodingRoutes } from "./geocoding";
import { BodyTooLargeError, matchRoute, readBody, sendJson, sendText, type Route } from "./http";
import { defaultKnobs, describeKnobIssues, knobsPatchSchema, type Knobs } from "./knobs";
import { mailboxRoutes } from "./mailbox";
import { resendRoutes, sendResendError } from "./resend";
import { SentMailStore } from "./sent-mail";
import { StatsRecorder, type EmulatorStats } from "./stats";
import { stripeApiRoutes, sendStripeNotFound } from "./stripe-api";
import { stripeCheckoutRoutes } from "./stripe-checkout-page";
import { StripeStore } from "./stripe-store";
import { streetViewRoutes } from "./street-view";

export type { Knobs } from "./knobs";
export type { EmulatorStats } from "./stats";

export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** The emulator listens on the IPv4 loopback address only. */
  host: "127.0.0.1";
  /** Initial knob values over the defaults; validated, so an unknown name or bad value throws. */
  knobs: Partial<Knobs>;
  logger: Logger;
  /** Time source in ms since the epoch for quotas, timestamps and expiry; webhook signatures always use the wall clock. */
  clock: () => number;
  /** Source of the random choices (injected errors, malformed responses, jitter), in [0, 1). */
  random: () => number;
}

export interface RunningEmulator {
  /** Base URL such as http://127.0.0.1:4010, without a trailing slash. */
  url: string;
  port: number;
  /** Stops listening, cancels pending delays and webhook retries, and closes open connections. */
  close(): Promise<void>;
  knobs(): Knobs;
  /** Changes some knobs; throws an Error naming each invalid knob. */
  setKnobs(patch: Partial<Knobs>): void;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Clears the stats and all stored state, as `POST /_emulator/reset` does. Knobs stay. */
  reset(): void;
}

/** Starts the provider emulator on 127.0.0.1 and resolves once it accepts connections. */
export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  let knobs: Knobs = { ...defaultKnobs, ...validateKnobs(options.knobs ?? {}) };
  const host = "127.0.0.1";
  const logger = options.logger ?? pino({ level: "warn", base: { service: "emulator" } });
  const stats = new StatsRecorder();
  const shutdown = new AbortController();
  let baseUrl = "";

  const context: EmulatorContext = {
    knobs: () => knobs,
    stats,
    logger,
    now: options.clock ?? Date.now,
    random: options.random ?? Math.random,
    baseUrl: () => baseUrl,
    shutdownSignal: shutdown.signal,
  };

  const stripeStore = new StripeStore();
  const mailStore = new SentMailStore();
  const gemini = geminiRoutes(context);
  const stripe = stripeApiRoutes(context, stripeStore);
  const resend = resendRoutes(context, mailStore);

  const setKnobs = (patch: Partial<Knobs>) => {
    knobs = { ...knobs, ...validateKnobs(patch) };
    logger.info({ knobs: Object.keys(patch) }, "Emulator knobs changed");
  };
  const reset = () => {
    stats.reset();
    stripeStore.reset();
    mailStore.reset();
    gemini.resetQuota();
    stripe.resetIdempotency();
    resend.resetIdempotency();
  };

  const routes: Route[] = [
    ...geocodingRoutes(context),
    ...streetViewRoutes(context),
    ...gemini.routes,
    ...stripe.routes,
    ...stripeCheckoutRoutes(context, stripeStore),
    ...resend.routes,
    ...mailboxRoutes(mailStore),
    ...controlRoutes({ knobs: () => knobs, setKnobs, stats, resetState: reset }),
  ];

  const server = createServer((request, response) => {
    void dispatch(routes, context, request, response);
  });
  // Longer than the idle timeouts of common clients (undici keeps idle sockets for 4 s), so a
  // client seldom reuses a connection that the server is closing at that moment.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  logger.info({ url: baseUrl }, "Emulator listening");

  return {
    url: baseUrl,
    port,
    close: async () => {
      shutdown.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      logger.info({ url: baseUrl }, "Emulator stopped");
    },
    knobs: () => knobs,
    setKnobs,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    reset,
  };
}

function validateKnobs(patch: unknown): Partial<Knobs> {
  const parsed = knobsPatchSchema.safeParse(patch);
  if (!parsed.success) {
    const problems = describeKnobIssues(parsed.error).map((issue) => `${issue.knob}: ${issue.message}`);
    throw new Error(`Invalid emulator knobs. ${problems.join("; ")}`);
  }
  return parsed.data;
}

async function dispatch(routes: Route[], context: EmulatorContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const method = request.method ?? "GET";
  const url = new URL(request.url ?? "/", context.baseUrl() || "http://127.0.0.1");

  try {
    const body = await readBody(request);
    const match = matchRoute(routes, method, url.pathname);
    if (!match) {
      sendNotFound(response, method, url.pathname);
      return;
    }

    const startedMs = performance.now();
    await match.route.handler({ method, url, headers: request.headers, params: match.params, body }, response);
    // The query string is left out because it carries API keys.
    context.logger.debug({ method, path: url.pathname, status: response.statusCode, durationMs: Math.round(performance.now() - startedMs) }, "Emulator request");
  } catch (error) {
    if (context.shutdownSignal.aborted) {
      response.destroy();
      return;
    }
    if (error instanceof BodyTooLargeError) {
      sendJson(response, 413, { error: error.message });
      return;
    }

    context.logger.error({ err: error, method, path: url.pathname }, "Emulator request failed");
    if (response.headersSent) {
      response.destroy();
    } else {
      sendJson(response, 500, { error: "The emulator failed to handle this request; see its log for the error." });
    }
  }
}

/** Sends a 404 for an unknown path in the error format of the API its prefix belongs to. */
function sendNotFound(response: ServerResponse, method: string, path: string): void {
  if (/^\/(v1|v1beta|v1alpha)\/models\//.test(path) || /^\/(v1beta|v1alpha)\//.test(path)) {
    sendGeminiError(response, 404, "NOT_FOUND", `The emulator does not serve ${method} ${path}; it implements models/{model}:generateContent.`);
  } else if (path.startsWith("/v1/")) {
    sendStripeNotFound(response, method, path);
  } else if (path === "/emails" || path.startsWith("/emails/")) {
    sendResendError(response, 404, "not_found", `The emulator does not implement ${method} ${path}; it implements POST /emails and GET /emails/{id}.`);
  } else if (path.startsWith("/maps/")) {
    sendText(response, 404, `The emulator does not serve ${path}.`);
  } else {
    sendJson(response, 404, { error: `Not found: ${method} ${path}. See / for the endpoints the emulator serves.` });
  }
}
