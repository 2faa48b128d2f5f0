import type { ServerResponse } from "node:http";

import { simulateLatency, type EmulatorContext } from "./context";
import { headerValue, sendJson, type Route, type RouteRequest } from "./http";
import { IdempotencyStore } from "./idempotency";
import { FormParseError, parseStripeForm, type FormObject } from "./stripe-form";
import { createStripeId, defaultStripeApiVersion } from "./stripe-objects";
import {
  createCheckoutSession,
  createRefund,
  expireCheckoutSession,
  listRefunds,
  listSessionLineItems,
  retrieveCheckoutSession,
  retrieveEvent,
  retrievePaymentIntent,
  retrieveRefund,
  StripeRequestError,
  type StripeOperationContext,
  type StripeResult,
} from "./stripe-operations";
import type { StripeStore } from "./stripe-store";

type Operation = (operation: StripeOperationContext, params: FormObject, request: RouteRequest) => StripeResult;

/**
 * Routes of the Stripe REST API that Curbscore uses, speaking the `stripe` SDK's wire format:
 * form-encoded bodies with bracket nesting, Bearer secret keys, `Stripe-Version` and
 * `Idempotency-Key` headers, and Stripe's JSON error body.
 */
export function stripeApiRoutes(context: EmulatorContext, store: StripeStore): { routes: Route[]; resetIdempotency(): void } {
  const idempotency = new IdempotencyStore();
  const route = (method: Route["method"], pattern: RegExp, operation: Operation): Route => ({
    method,
    pattern,
    handler: (request, response) => handleStripeRequest(context, store, idempotency, operation, request, response),
  });
  const id = (request: RouteRequest) => request.params.id ?? "";

  return {
    routes: [
      route("POST", /^\/v1\/checkout\/sessions$/, (operation, params) => createCheckoutSession(operation, params)),
      route("GET", /^\/v1\/checkout\/sessions\/(?<id>[^/]+)$/, (operation, params, request) => retrieveCheckoutSession(operation, id(request), params)),
      route("POST", /^\/v1\/checkout\/sessions\/(?<id>[^/]+)\/expire$/, (operation, _params, request) => expireCheckoutSession(operation, id(request))),
      route("GET", /^\/v1\/checkout\/sessions\/(?<id>[^/]+)\/line_items$/, (operation, _params, request) => listSessionLineItems(operation, id(request))),
      route("GET", /^\/v1\/payment_intents\/(?<id>[^/]+)$/, (operation, params, request) => retrievePaymentIntent(operation, id(request), params)),
      route("POST", /^\/v1\/refunds$/, (operation, params) => createRefund(operation, params)),
      route("GET", /^\/v1\/refunds$/, (operation, params) => listRefunds(operation, params)),
      route("GET", /^\/v1\/refunds\/(?<id>[^/]+)$/, (operation, params, request) => retrieveRefund(operation, id(request), params)),
      route("GET", /^\/v1\/events\/(?<id>[^/]+)$/, (operation, params, request) => retrieveEvent(operation, id(request), params)),
    ],
    resetIdempotency: () => idempotency.reset(),
  };
}

/** Sends Stripe's 404 error for a path the emulator does not serve. */
export function sendStripeNotFound(response: ServerResponse, method: string, path: string): void {
  sendJson(response, 404, {
    error: {
      type: "invalid_request_error",
      message: `Unrecognized request URL (${method}: ${path}). The emulator implements checkout sessions, payment intents, refunds and events.`,
    },
  });
}

async function handleStripeRequest(
  context: EmulatorContext,
  store: StripeStore,
  idempotency: IdempotencyStore,
  operation: Operation,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  context.stats.countRequest("stripe");
  const apiVersion = headerValue(request.headers, "stripe-version") ?? defaultStripeApiVersion;
  const idempotencyKey = request.method === "POST" ? headerValue(request.headers, "idempotency-key") : undefined;
  const headers: Record<string, string> = {
    "Request-Id": createStripeId("req", 14),
    "Stripe-Version": apiVersion,
    ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}),
  };
  await simulateLatency(context, "stripe");

  const apiKey = authenticate(request);
  if (!apiKey.ok) {
    sendJson(response, 401, { error: { type: "invalid_request_error", message: apiKey.message } }, headers);
    return;
  }

  const scopedKey = idempotencyKey ? `${apiKey.key}\n${idempotencyKey}` : null;
  if (scopedKey) {
    const check = idempotency.check(scopedKey, { method: request.method, path: request.url.pathname, body: request.body }, context.now());
    if (check.kind === "replay") {
      sendJson(response, check.response.status, check.response.body, { ...headers, "Idempotent-Replayed": "true" });
      return;
    }
    if (check.kind !== "new") {
      sendIdempotencyConflict(response, check.kind, idempotencyKey ?? "", headers);
      return;
    }
  }

  let result: StripeResult;
  try {
    const params = parseStripeForm(request.method === "POST" ? request.body.toString("utf8") : request.url.search.slice(1));
    result = operation({ context, store, apiVersion }, params, request);
  } catch (error) {
    if (scopedKey) {
      idempotency.release(scopedKey);
    }
    sendRequestError(response, error, headers);
    return;
  }

  if (scopedKey) {
    idempotency.save(scopedKey, result, context.now());
  }
  sendJson(response, result.status, result.body, headers);
}

function authenticate(request: RouteRequest): { ok: true; key: string } | { ok: false; message: string } {
  const authorization = headerValue(request.headers, "authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  const basic = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
  const key = bearer ?? (basic ? Buffer.from(basic, "base64").toString("utf8").split(":")[0] : undefined);

  if (!key) {
    return {
      ok: false,
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    };
  }
  if (!/^(sk|rk)_\S+$/.test(key)) {
    return { ok: false, message: `Invalid API Key provided: ${key.slice(0, 7)}${"*".repeat(Math.max(0, key.length - 11))}${key.slice(-4)}` };
  }
  return { ok: true, key };
}

function sendIdempotencyConflict(response: ServerResponse, kind: "mismatch" | "in-progress", key: string, headers: Record<string, string>): void {
  if (kind === "mismatch") {
    sendJson(
      response,
      400,
      {
        error: {
          type: "idempotency_error",
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        },
      },
      headers,
    );
    return;
  }

  sendJson(
    response,
    409,
    {
      error: {
        type: "idempotency_error",
        code: "idempotency_key_in_use",
        message: "There is currently another in-progress request using this Stripe API key and idempotency key. Please try again later.",
      },
    },
    headers,
  );
}

function sendRequestError(response: ServerResponse, error: unknown, headers: Record<string, string>): void {
  if (error instanceof StripeRequestError) {
    sendJson(response, error.status, error.body, headers);
    return;
  }
  if (error instanceof FormParseError) {
    sendJson(response, 400, { error: { type: "invalid_request_error", message: error.message, param: error.param } }, headers);
    return;
  }
  throw error;
}
