import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";

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

export async function GET(request: NextRequest, context: unknown) {
  return (await getHandler()).GET(request, context);
}

export async function POST(request: NextRequest, context: unknown) {
  return (await getHandler()).POST(request, context);
}

export async function PUT(request: NextRequest, context: unknown) {
  return (await getHandler()).PUT(request, context);
}
