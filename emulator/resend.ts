import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { z } from "zod";

import { shouldInjectError, simulateLatency, type EmulatorContext } from "./context";
import { bearerToken, headerValue, sendJson, type Route, type RouteRequest } from "./http";
import { IdempotencyStore } from "./idempotency";
import type { SentMail, SentMailStore } from "./sent-mail";

/** Plain `user@example.com` or `Name <user@example.com>`, the two forms Resend accepts. */
const addressPattern = /^(?:[^<>]*<\s*[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+\s*>|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)$/;
const addressFormatHint = "The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.";

const address = z.string().trim().regex(addressPattern, addressFormatHint);
const addressList = z.union([address, z.array(address).min(1).max(50)]).transform((value) => (Array.isArray(value) ? value : [value]));
const tagText = z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "Tags may contain only ASCII letters, digits, underscores and dashes.");

const sendEmailSchema = z
  .object({
    from: address,
    to: addressList,
    subject: z.string().min(1).max(998),
    html: z.string().optional(),
    text: z.string().optional(),
    cc: addressList.optional(),
    bcc: addressList.optional(),
    reply_to: addressList.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    tags: z.array(z.object({ name: tagText, value: tagText })).optional(),
    scheduled_at: z.string().optional(),
    attachments: z.array(z.unknown()).optional(),
  })
  .loose();

/** Routes of the Resend email API: send and retrieve. */
export function resendRoutes(context: EmulatorContext, mailStore: SentMailStore): { routes: Route[]; resetIdempotency(): void } {
  const idempotency = new IdempotencyStore();
  return {
    routes: [
      {
        method: "POST",
        pattern: /^\/emails$/,
        handler: (request, response) => handleSendEmail(context, mailStore, idempotency, request, response),
      },
      {
        method: "GET",
        pattern: /^\/emails\/(?<id>[^/]+)$/,
        handler: (request, response) => handleGetEmail(context, mailStore, request, response),
      },
    ],
    resetIdempotency: () => idempotency.reset(),
  };
}

/** Sends an error in Resend's shape, `{ statusCode, name, message }`. */
export function sendResendError(response: ServerResponse, statusCode: number, name: string, message: string): void {
  sendJson(response, statusCode, { statusCode, name, message });
}

async function handleSendEmail(
  context: EmulatorContext,
  mailStore: SentMailStore,
  idempotency: IdempotencyStore,
  request: RouteRequest,
  response: ServerResponse,
): Promise<void> {
  context.stats.countRequest("resend");
  await simulateLatency(context, "resend");
  if (!authorize(request, response)) {
    return;
  }

  const idempotencyKey = headerValue(request.headers, "idempotency-key");
  if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
    sendResendError(response, 400, "invalid_idempotency_key", "The key must be between 1-256 chars.");
    return;
  }
  if (shouldInjectError(context, "resend")) {
    sendResendError(response, 500, "internal_server_error", "An unexpected error occurred. Please try again.");
    return;
  }

  const input = parseEmail(request.body);
  if (!input.ok) {
    sendResendError(response, 422, input.name, input.message);
    return;
  }

  if (idempotencyKey) {
    const check = idempotency.check(idempotencyKey, { method: "POST", path: "/emails", body: request.body }, context.now());
    if (check.kind === "replay") {
      sendJson(response, check.response.status, check.response.body);
      return;
    }
    if (check.kind === "mismatch") {
      sendResendError(response, 409, "invalid_idempotent_request", "Same idempotency key used with a different request payload.");
      return;
    }
    if (check.kind === "in-progress") {
      sendResendError(response, 409, "concurrent_idempotent_requests", "Same idempotency key used while original request is still in progress.");
      return;
    }
  }

  const mail = toSentMail(input.email, context.now());
  mailStore.add(mail);
  context.stats.countEmailSent();
  context.logger.info({ emailId: mail.id, recipients: mail.to.length }, "Email accepted into the emulator mailbox");

  const body = { id: mail.id };
  if (idempotencyKey) {
    idempotency.save(idempotencyKey, { status: 200, body }, context.now());
  }
  sendJson(response, 200, body);
}

async function handleGetEmail(context: EmulatorContext, mailStore: SentMailStore, request: RouteRequest, response: ServerResponse): Promise<void> {
  context.stats.countRequest("resend");
  await simulateLatency(context, "resend");
  if (!authorize(request, response)) {
    return;
  }

  const mail = mailStore.get(request.params.id ?? "");
  if (!mail) {
    sendResendError(response, 404, "not_found", "Email not found");
    return;
  }

  sendJson(response, 200, {
    object: "email",
    id: mail.id,
    from: mail.from,
    to: mail.to,
    cc: mail.cc,
    bcc: mail.bcc,
    reply_to: mail.replyTo,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    tags: mail.tags ?? [],
    created_at: mail.createdAt,
    scheduled_at: null,
    last_event: "delivered",
    message_id: `<${mail.id}@emulator.resend.test>`,
  });
}

function authorize(request: RouteRequest, response: ServerResponse): boolean {
  const token = bearerToken(request.headers);
  if (!token) {
    sendResendError(
      response,
      401,
      "missing_api_key",
      "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY",
    );
    return false;
  }
  if (!token.startsWith("re_")) {
    sendResendError(response, 403, "invalid_api_key", "API key is invalid");
    return false;
  }
  return true;
}

type EmailInput = z.infer<typeof sendEmailSchema>;

function parseEmail(body: Buffer): { ok: true; email: EmailInput } | { ok: false; name: string; message: string } {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    return { ok: false, name: "validation_error", message: "The request body is not valid JSON." };
  }

  const parsed = sendEmailSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "body");
    if (issue?.code === "invalid_type" && issue.input === undefined) {
      return { ok: false, name: "missing_required_field", message: `Missing \`${field}\` field.` };
    }
    return { ok: false, name: "validation_error", message: `Invalid \`${field}\` field. ${issue?.message ?? ""}`.trim() };
  }

  if (parsed.data.html === undefined && parsed.data.text === undefined) {
    return { ok: false, name: "validation_error", message: "Missing `html` or `text` field." };
  }
  return { ok: true, email: parsed.data };
}

function toSentMail(email: EmailInput, nowMs: number): SentMail {
  return {
    id: randomUUID(),
    from: email.from,
    to: email.to,
    cc: email.cc ?? null,
    bcc: email.bcc ?? null,
    replyTo: email.reply_to ?? null,
    subject: email.subject,
    html: email.html ?? null,
    text: email.text ?? null,
    headers: email.headers ?? null,
    tags: email.tags ?? null,
    createdAt: new Date(nowMs).toISOString(),
  };
}
