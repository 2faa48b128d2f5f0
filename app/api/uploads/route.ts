import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createCampaignFromUpload } from "@/lib/campaigns/create-campaign-from-upload";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { formatBytes, readBodyBytes } from "@/lib/http/read-body";
import { parseCustomerEmail } from "@/lib/reuse/score-reuse";

export const dynamic = "force-dynamic";

/** Room for the multipart boundaries and the small text fields around the file. */
const formOverheadBytes = 64 * 1024;

const fieldsSchema = z.object({
  defaultCity: z.string().trim().max(80, "city must be at most 80 characters").optional(),
  defaultState: z.string().trim().max(40, "state must be at most 40 characters").optional(),
});

export async function POST(request: NextRequest) {
  try {
    const config = getConfig();
    if (config.maintenanceMode) {
      throw new AppError("maintenance", "Curbscore is under maintenance: uploads are paused for a few minutes. Paid campaigns keep running.");
    }

    const contentType = request.headers.get("content-type") ?? "";
    if (!contentType.startsWith("multipart/form-data")) {
      throw new AppError("invalid_request", "Send the list as multipart/form-data with the CSV in a field named \"file\".");
    }

    const body = await readBodyBytes(request, config.maxUploadBytes + formOverheadBytes).catch((error: unknown) => {
      if (error instanceof AppError && error.code === "payload_too_large") {
        throw new AppError("payload_too_large", `The file is larger than the ${formatBytes(config.maxUploadBytes)} limit. Split the list into smaller files.`);
      }
      throw error;
    });
    const form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();

    const file = form.get("file");
    if (!(file instanceof File)) throw new AppError("invalid_request", "No file was attached: choose a CSV file to upload.");
    if (file.size === 0) throw new AppError("invalid_upload", `${file.name || "The file"} is empty. Choose a CSV with a header row and one property per row.`);
    if (file.size > config.maxUploadBytes) {
      throw new AppError("payload_too_large", `${file.name} is ${formatBytes(file.size)}, above the ${formatBytes(config.maxUploadBytes)} limit. Split the list into smaller files.`);
    }

    // Validated before the file is read, so a mistyped address is reported at once.
    const email = parseCustomerEmail(form.get("email"));
    const fields = fieldsSchema.parse({
      defaultCity: form.get("defaultCity") || undefined,
      defaultState: form.get("defaultState") || undefined,
    });
    const created = await createCampaignFromUpload({
      fileName: file.name || "upload.csv",
      bytes: new Uint8Array(await file.arrayBuffer()),
      defaultCity: fields.defaultCity,
      defaultState: fields.defaultState,
      email,
    });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    return errorResponse(error, { route: "uploads" });
  }
}
