import { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { errorResponse } from "@/lib/errors";
import { assertDeclaredBodyWithin, bodyLimits, readBodyBytes } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";
// A step can wait on a slow provider call; allow a request up to five minutes.
export const maxDuration = 300;

type Handler = ReturnType<typeof serve>;
let handler: Handler | undefined;

/** Loads the functions on first request, so `next build` does not need the runtime configuration. */
async function getHandler(): Promise<Handler> {
  if (handler) return handler;

  const { functions } = await import("@/inngest/functions");
  handler = serve({ client: inngest, functions });
  return handler;
}

/**
 * Enforces `bodyLimits.inngest` before the SDK reads a request. A request with a Content-Length is
 * checked by that header alone, because Node's parser delivers exactly that many bytes, and is
 * handed over as it is. A chunked one is read up to the limit and handed over as a new request.
 */
async function withinBodyLimit(request: NextRequest): Promise<NextRequest> {
  assertDeclaredBodyWithin(request, bodyLimits.inngest);
  if (!request.body || request.headers.has("content-length")) return request;

  const body = await readBodyBytes(request, bodyLimits.inngest);
  return new NextRequest(request.url, { method: request.method, headers: request.headers, body: new Uint8Array(body) });
}

async function handle(method: "GET" | "POST" | "PUT", request: NextRequest, context: unknown): Promise<Response> {
  let limited: NextRequest;
  try {
    limited = await withinBodyLimit(request);
  } catch (error) {
    return errorResponse(error, { route: "inngest" });
  }
  const response = await (await getHandler())[method](limited, context);
  // The engine's requests accept gzip, and Next.js compressed every reply: about 4% of the app's CPU
  // in a profile of the pipeline, for replies of a kilobyte or two. `no-transform` turns that off.
  const headers = new Headers(response.headers);
  headers.set("Cache-Control", "no-store, no-transform");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export async function GET(request: NextRequest, context: unknown) {
  return handle("GET", request, context);
}

export async function POST(request: NextRequest, context: unknown) {
  return handle("POST", request, context);
}

export async function PUT(request: NextRequest, context: unknown) {
  return handle("PUT", request, context);
}
