import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { campaignNotFound } from "@/lib/links/authorize-campaign";
import { authorizeLinkRequest } from "@/lib/links/authorize-link-request";
import { quoteForViewer } from "@/lib/reuse/viewer-quote";

export const dynamic = "force-dynamic";

/** The campaign's price as the holder of this link sees it: with earlier scores only from the emailed reuse link. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    const { reuseEmail } = await authorizeLinkRequest(request, campaignId, { rateLimit: "quote" });

    const campaign = await getDb().campaign.findUnique({ where: { id: campaignId } });
    if (!campaign) throw campaignNotFound();
    return NextResponse.json(await quoteForViewer(campaign, reuseEmail), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error, { route: "quote", campaignId });
  }
}
