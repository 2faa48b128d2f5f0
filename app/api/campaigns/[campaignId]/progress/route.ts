import { NextResponse, type NextRequest } from "next/server";
import { getCampaignProgress } from "@/lib/campaigns/get-campaign-progress";
import { errorResponse } from "@/lib/errors";
import { assertNoBody } from "@/lib/http/read-body";
import { authorizeCampaign, campaignNotFound } from "@/lib/links/authorize-campaign";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    assertNoBody(request);
    authorizeCampaign(campaignId, request.nextUrl.searchParams.get("t"));

    const progress = await getCampaignProgress(campaignId);
    if (!progress) throw campaignNotFound();
    return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, { route: "progress", campaignId });
  }
}
