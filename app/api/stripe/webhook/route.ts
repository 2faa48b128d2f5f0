import { NextResponse, type NextRequest } from "next/server";
import Stripe from "stripe";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { handleStripeEvent } from "@/lib/payments/handle-stripe-event";
import { getStripe } from "@/lib/providers/stripe-client";
import { assertDeclaredBodyWithin, bodyLimits, readBodyText } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest) {
  try {
    assertDeclaredBodyWithin(request, bodyLimits.stripeWebhook);
    const signature = request.headers.get("stripe-signature");
    if (!signature) throw new AppError("invalid_signature", "Missing Stripe-Signature header.");

    const payload = await readBodyText(request, bodyLimits.stripeWebhook);
    let event: Stripe.Event;
    try {
      event = getStripe().webhooks.constructEvent(payload, signature, getConfig().stripe.webhookSecret);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, "stripe webhook signature rejected");
      throw new AppError("invalid_signature", "Invalid Stripe signature.");
    }

    const outcome = await handleStripeEvent(event);
    logger.info({ stripeEventId: event.id, type: event.type, outcome }, "stripe event handled");
    return NextResponse.json({ received: true, outcome });
  } catch (error) {
    return errorResponse(error, { route: "stripe-webhook" });
  }
}
