import type { NextRequest } from "next/server";
import { exportCampaignCsv } from "@/lib/campaigns/export-campaign-csv";
import { getDb } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { campaignNotFound } from "@/lib/links/authorize-campaign";
import { authorizeLinkRequest } from "@/lib/links/authorize-link-request";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    await authorizeLinkRequest(request, campaignId);

    const campaign = await getDb().campaign.findUnique({
      where: { id: campaignId },
      select: { fileName: true, sourceColumns: true, invalidCount: true, duplicateCount: true },
    });
    if (!campaign) throw campaignNotFound();

    const baseName = campaign.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "-").slice(0, 80) || "campaign";
    return new Response(exportCampaignCsv({ campaignId, ...campaign }), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${baseName}-curbscore.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, { route: "export", campaignId });
  }
}
