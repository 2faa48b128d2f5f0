import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createCampaignFromUpload } from "@/lib/campaigns/create-campaign-from-upload";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { maintenanceResponse } from "@/lib/http/maintenance";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { assertDeclaredBodyWithin, bodyLimits, formatBytes, readBodyBytes } from "@/lib/http/read-body";

export const dynamic = "force-dynamic";

const fieldsSchema = z.object({
  defaultCity: z.string().trim().max(80, "The city for the whole file must be at most 80 characters. Enter the city name only.").optional(),
  defaultState: z.string().trim().max(40, "The state for the whole file must be at most 40 characters. Enter a 2-letter code such as MD.").optional(),
});

/**
 * Reads an uploaded list into a draft campaign and returns its summary and price. The quote comes
 * with the upload, so there is no separate quote endpoint. Rejections come in this order:
 * maintenance (503), a declared body over the limit (413, before it costs the client a request),
 * the client's upload rate limit (429), then the body itself.
 */
export async function POST(request: NextRequest) {
  try {
    const config = getConfig();
    if (config.maintenanceMode) return maintenanceResponse(request, "upload", config.maintenanceRetryAfterSeconds);

    const maxBodyBytes = config.maxUploadBytes + bodyLimits.uploadFormOverhead;
    const fileTooLarge = (error: unknown) => {
      if (error instanceof AppError && error.code === "payload_too_large") {
        throw new AppError("payload_too_large", `The file is larger than the ${formatBytes(config.maxUploadBytes)} limit. Split the list into smaller files.`);
      }
      throw error;
    };
    try {
      assertDeclaredBodyWithin(request, maxBodyBytes);
    } catch (error) {
      fileTooLarge(error);
    }
    await enforceRateLimit(request, "upload");

    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.startsWith("multipart/form-data")) {
      throw new AppError("invalid_request", "Send the list as multipart/form-data with the CSV in a field named \"file\".");
    }

    const body = await readBodyBytes(request, maxBodyBytes).catch(fileTooLarge);
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();

    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("invalid_request", "No file was attached: choose a CSV file to upload.");
    if (file.size === 0) throw new AppError("invalid_upload", `${file.name || "The file"} is empty. Choose a CSV with a header row and one property per row.`);
    if (file.size > config.maxUploadBytes) {
      throw new AppError("payload_too_large", `${file.name} is ${formatBytes(file.size)}, above the ${formatBytes(config.maxUploadBytes)} limit. Split the list into smaller files.`);
    }

    const fields = fieldsSchema.parse({
      defaultCity: form.get("defaultCity") || undefined,
      defaultState: form.get("defaultState") || undefined,
    });
    const created = await createCampaignFromUpload({
      fileName: file.name || "upload.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
      defaultCity: fields.defaultCity,
      defaultState: fields.defaultState,
    });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    return errorResponse(error, { route: "uploads" });
  }
}
