import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { readBodyText } from "@/lib/http/read-body";
import { authorizeCampaignAccess } from "@/lib/links/authorize-campaign";
import { startCheckout } from "@/lib/payments/start-checkout";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  token: z.string().min(1).max(1000),
  email: z.email("enter a valid email address, such as you@example.com").max(254),
});

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
    const body = bodySchema.parse(json);
    // The reuse email comes only from the signed link, which was sent to that address.
    const { reuseEmail } = authorizeCampaignAccess(campaignId, body.token);

    return NextResponse.json(await startCheckout(campaignId, body.email.trim().toLowerCase(), reuseEmail));
  } catch (error) {
    return errorResponse(error, { route: "checkout", campaignId });
  }
}
