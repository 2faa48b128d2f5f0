import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { createCampaignFromUpload } from "@/lib/campaigns/create-campaign-from-upload";
import { getConfig } from "@/lib/config";
import { AppError, errorResponse } from "@/lib/errors";
import { maintenanceResponse } from "@/lib/http/maintenance";
import { enforceRateLimit } from "@/lib/http/rate-limit";
import { assertDeclaredBodyWithin, bodyLimits } from "@/lib/http/read-body";
import { FileTooLargeError, readMultipartUpload } from "@/lib/http/read-multipart-upload";
import { emptyFileError, fileTooLargeError } from "@/lib/http/upload-file-errors";
import { parseCustomerEmail } from "@/lib/reuse/score-reuse";

export const dynamic = "force-dynamic";

const fieldsSchema = z.object({
  defaultCity: z.string().trim().max(80, "The city for the whole file must be at most 80 characters. Enter the city name only.").optional(),
  defaultState: z.string().trim().max(40, "The state for the whole file must be at most 40 characters. Enter a 2-letter code such as MD.").optional(),
});

/**
 * Reads an uploaded list into a draft campaign and returns its summary and price. Rejections come
 * in this order: maintenance (503), a declared body over the limit (413, before it costs the
 * client a request), the client's upload rate limit (429), then the body itself.
 */
export async function POST(request: NextRequest) {
  try {
    const config = getConfig();
    if (config.maintenanceMode) return maintenanceResponse(request, "upload", config.maintenanceRetryAfterSeconds);

    const maxBodyBytes = config.maxUploadBytes + bodyLimits.uploadFormOverhead;
    const fileTooLarge = (error: unknown) => {
      const tooLarge = error instanceof FileTooLargeError || (error instanceof AppError && error.code === "payload_too_large");
      if (tooLarge) {
        // The name is known only when the limit is passed inside the file part, not on the declared length.
        const fileName = error instanceof FileTooLargeError ? error.fileName : undefined;
        throw fileTooLargeError(fileName, config.maxUploadBytes);
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

    const form = await readMultipartUpload(request, { fileField: "file", maxFileBytes: config.maxUploadBytes, maxFieldBytes: 1024 }).catch(fileTooLarge);

    const { file } = form;
    if (file === null) throw new AppError("invalid_request", "No file was attached: choose a CSV file to upload.");
    if (file.bytes.byteLength === 0) throw emptyFileError(file.name);

    const email = parseCustomerEmail(form.fields.email ?? null);
    const fields = fieldsSchema.parse({
      defaultCity: form.fields.defaultCity || undefined,
      defaultState: form.fields.defaultState || undefined,
    });
    const created = await createCampaignFromUpload({
      fileName: file.name || "upload.csv",
      bytes: file.bytes,
      defaultCity: fields.defaultCity,
      defaultState: fields.defaultState,
      email,
    });
    return NextResponse.json(created, { status: 201 });
  } catch (error) {
    return errorResponse(error, { route: "uploads" });
  }
}
