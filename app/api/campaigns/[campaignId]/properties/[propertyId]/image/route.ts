import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError, errorResponse } from "@/lib/errors";
import { authorizeLinkRequest } from "@/lib/links/authorize-link-request";

export const dynamic = "force-dynamic";

/** Serves a property's Street View image from the database, so no provider key reaches the browser. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ campaignId: string; propertyId: string }> }) {
  const { campaignId, propertyId } = await params;
  try {
    await authorizeLinkRequest(request, campaignId);
    if (!z.uuid().safeParse(propertyId).success) throw new AppError("not_found", "Image not found.");

    const image = await getDb().propertyImage.findFirst({
      where: { propertyId, property: { campaignId } },
      select: { contentType: true, bytes: true },
    });
    if (!image) throw new AppError("not_found", "Image not found.");

    return new Response(Buffer.from(image.bytes), {
      headers: { "content-type": image.contentType, "cache-control": "private, max-age=86400" },
    });
  } catch (error) {
    return errorResponse(error, { route: "property-image", campaignId, propertyId });
  }
}
