import { NextResponse, type NextRequest } from "next/server";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { errorResponse } from "@/lib/errors";
import { campaignNotFound } from "@/lib/links/authorize-campaign";
import { authorizeLinkRequest } from "@/lib/links/authorize-link-request";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    await authorizeLinkRequest(request, campaignId);

    const progress = await getCampaignProgress(campaignId);
    if (!progress) throw campaignNotFound();
    return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, { route: "progress", campaignId });
  }
}
