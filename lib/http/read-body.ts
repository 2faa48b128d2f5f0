import { AppError } from "@/lib/errors";

/**
 * Body limits of the route handlers under app/api. Every handler checks the declared
 * Content-Length against its limit before any other work, and the ones that read a body stop
 * reading as soon as it passes the limit, so a chunked body without a length is held no further.
 */
export const bodyLimits = {
  /** The JSON checkout request: an email address and a results token. */
  checkout: 16 * 1024,
  /** Stripe event payloads are a few kilobytes; anything far larger is not from Stripe. */
  stripeWebhook: 512 * 1024,
  /**
   * The Inngest engine sends a function's event and the memoized output of its finished steps.
   * Inngest's usage limits cap a run's state at 32 MB, and one more MiB covers the request envelope.
   */
  inngest: 33 * 1024 * 1024,
  /** Room for the multipart boundaries and the small text fields around an uploaded file. */
  uploadFormOverhead: 64 * 1024,
} as const;

/**
 * Rejects, with a 413, a request whose Content-Length is above `maxBytes`, before its body is
 * read. With a declared length Node's HTTP parser delivers exactly that many bytes, so a request
 * that passes this check cannot bring more.
 */
export function assertDeclaredBodyWithin(request: Request, maxBytes: number): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
}

/**
 * For handlers that take no body (GET routes): rejects any request that declares one, by a
 * Content-Length above zero or a chunked Transfer-Encoding.
 */
export function assertNoBody(request: Request): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > 0 || request.headers.has("transfer-encoding")) {
    throw new AppError("payload_too_large", "This endpoint takes no request body; send the request without one.");
  }
}

/**
 * Reads a request body as bytes, stopping with a 413 as soon as it passes `maxBytes`, so an
 * oversized body is never held in memory whole.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Buffer> {
  assertDeclaredBodyWithin(request, maxBytes);
  if (!request.body) return Buffer.alloc(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;

    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  return (await readBodyBytes(request, maxBytes)).toString("utf8");
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request body is larger than ${formatBytes(maxBytes)}, the limit of this endpoint.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
