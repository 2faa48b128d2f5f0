import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createCampaignFromUpload } from "@/lib/campaigns/create-campaign-from-upload";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { formatBytes } from "@/lib/http/read-body";
import { FileTooLargeError, readMultipartUpload } from "@/lib/http/read-multipart-upload";

export const dynamic = "force-dynamic";

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

    const form = await readMultipartUpload(request, { fileField: "file", maxFileBytes: config.maxUploadBytes, maxFieldBytes: 1024 }).catch(
      (error: unknown) => {
        if (error instanceof FileTooLargeError) {
          throw new AppError("payload_too_large", `The file is larger than the ${formatBytes(config.maxUploadBytes)} limit. Split the list into smaller files.`);
        }
        throw error;
      },
    );

    const { file } = form;
    if (file === null) throw new AppError("invalid_request", "No file was attached: choose a CSV file to upload.");
    if (file.bytes.byteLength === 0) throw new AppError("invalid_upload", `${file.name || "The file"} is empty. Choose a CSV with a header row and one property per row.`);

    const fields = fieldsSchema.parse({
      defaultCity: form.fields.defaultCity || undefined,
      defaultState: form.fields.defaultState || undefined,
    });
    const created = await createCampaignFromUpload({
      fileName: file.name || "upload.csv",
      bytes: file.bytes,
      defaultCity: fields.defaultCity,
      defaultState: fields.defaultState,
    });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    return errorResponse(error, { route: "uploads" });
  }
}
