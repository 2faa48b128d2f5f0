import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { maintenanceResponse } from "@/lib/http/maintenance";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { assertDeclaredBodyWithin, bodyLimits, readBodyText } from "@/lib/http/read-body";
import { authorizeCampaignAccess } from "@/lib/links/authorize-campaign";
import { checkoutRequestSchema } from "@/lib/payments/checkout-request";
import { startCheckout } from "@/lib/payments/start-checkout";

export const dynamic = "force-dynamic";

/** Read first and alone, so a missing or bad token is the same 404 whatever else the body holds. */
const tokenSchema = z.object({ token: z.string().max(1000) });

/**
 * Opens a Stripe Checkout Session for a draft campaign. Rejections come in this order: maintenance
 * (503), a declared body over the limit (413), the client's checkout rate limit (429), then the
 * campaign's token and the body.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    const config = getConfig();
    if (config.maintenanceMode) return maintenanceResponse(request, "checkout", config.maintenanceRetryAfterSeconds);
    assertDeclaredBodyWithin(request, bodyLimits.checkout);
    await enforceRateLimit(request, "checkout");

    let json: unknown;
    try {
      json = JSON.parse(await readBodyText(request, bodyLimits.checkout));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("invalid_request", "The request body must be JSON with \"email\" and \"token\".");
    }
    // The reuse email comes only from the signed link, which was sent to that address.
    const { reuseEmail } = authorizeCampaignAccess(campaignId, tokenSchema.safeParse(json).data?.token);
    const body = checkoutRequestSchema.parse(json);

    return NextResponse.json(await startCheckout(campaignId, body.email.toLowerCase(), reuseEmail));
  } catch (error) {
    return errorResponse(error, { route: "checkout", campaignId });
  }
}
