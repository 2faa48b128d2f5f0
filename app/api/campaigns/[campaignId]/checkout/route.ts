import { NextResponse, type NextRequest } from "next/server";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { readBodyText } from "@/lib/http/read-body";
import { authorizeCampaign } from "@/lib/links/authorize-campaign";
import { checkoutRequestSchema } from "@/lib/payments/checkout-request";
import { startCheckout } from "@/lib/payments/start-checkout";

export const dynamic = "force-dynamic";

export async function POST(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    if (getConfig().maintenanceMode) {
      throw new AppError("maintenance", "Curbscore is under maintenance: new payments are paused for a few minutes. Please try again shortly.");
    }

    let json: unknown;
    try {
      json = JSON.parse(await readBodyText(request, 16 * 1024));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("invalid_request", "The request body must be JSON with \"email\" and \"token\".");
    }
    const body = checkoutRequestSchema.parse(json);
    authorizeCampaign(campaignId, body.token);

    return NextResponse.json(await startCheckout(campaignId, body.email.toLowerCase()));
  } catch (error) {
    return errorResponse(error, { route: "checkout", campaignId });
  }
}
