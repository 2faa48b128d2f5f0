import { UploadError } from "@/lib/import/upload-error";

/** Runs `run` and returns the UploadError it throws, failing the test when it throws nothing or another error. */
export function captureUploadError(run: () => unknown): UploadError {
  try {
    run();
  } catch (error) {
    if (error instanceof UploadError) {
      return error;
    }
    throw error;
  }
  throw new Error("expected an UploadError, but nothing was thrown");
}
