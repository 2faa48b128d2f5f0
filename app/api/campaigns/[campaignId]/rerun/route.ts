import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { readBodyText } from "@/lib/http/read-body";
import { authorizeCampaign } from "@/lib/links/authorize-campaign";
import { rerunUnscoredProperties } from "@/lib/pipeline/rerun-unscored-properties";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ token: z.string().min(1).max(1000) });

/** Re-runs a completed campaign's unscored properties, free. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  try {
    if (getConfig().maintenanceMode) {
      throw new AppError("maintenance", "Curbscore is under maintenance: re-runs are paused for a few minutes. Please try again shortly.");
    }
    let json: unknown;
    try {
      json = JSON.parse(await readBodyText(request, 16 * 1024));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError("invalid_request", 'The request body must be JSON with "token".');
    }
    authorizeCampaign(campaignId, bodySchema.parse(json).token);
    return NextResponse.json(await rerunUnscoredProperties(campaignId));
  } catch (error) {
    return errorResponse(error, { route: "rerun", campaignId });
  }
}
