import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { logger } from "@/lib/logger";

export type ErrorCode =
  | "invalid_request"
  | "invalid_upload"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "rate_limited"
  | "maintenance"
  | "invalid_signature"
  | "provider_error"
  | "internal";

const statusByCode: Record<ErrorCode, number> = {
  invalid_request: 400,
  invalid_upload: 422,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  maintenance: 503,
  invalid_signature: 400,
  provider_error: 502,
  internal: 500,
};

/**
 * An error whose message is safe to show to the customer, with a code that fixes the HTTP status
 * and optional response headers (such as Retry-After).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

/**
 * Maps any error thrown by a route handler to the one JSON error shape `{ error: { code, message } }`.
 * Unknown errors are logged and returned as a generic 500, so no internal text leaks.
 */
export function errorResponse(error: unknown, context: Record<string, unknown> = {}): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json(
      { error: { code: error.code, message: error.message, details: error.details } },
      { status: error.status, headers: error.headers },
    );
  }

  if (error instanceof ZodError) {
    const fields = [...new Set(error.issues.map((issue) => issue.path.join(".") || "body"))];
    return NextResponse.json({ error: { code: "invalid_request", message: describeZodError(error), details: { fields } } }, { status: 400 });
  }

  logger.error({ ...context, err: error }, "request failed");
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again in a minute." } },
    { status: 500 },
  );
}

/**
 * Joins the messages of a failed request schema into plain sentences for the customer. The
 * field paths go to `details.fields` instead, so schemas that reach customers must word each
 * message as a sentence that names the value and the fix.
 */
export function describeZodError(error: ZodError): string {
  const sentences = error.issues.map((issue) => {
    const text = issue.message.trim();
    const capitalized = text.charAt(0).toUpperCase() + text.slice(1);
    return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`;
  });
  return [...new Set(sentences)].join(" ");
}
