import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/http/read-body";

/**
 * Rejects an attached file of zero bytes. The wording matches the parser's `empty_file` error,
 * so the customer reads the same message whichever check finds the empty file first.
 */
export function emptyFileError(fileName: string): AppError {
  return new AppError(
    "invalid_upload",
    `${describeFile(fileName)} is empty. Export the list again with a header row and one row per address, then upload it.`,
    { reason: "empty_file" },
  );
}

/** Rejects a file past the upload limit, naming the file when the form gave its name before the limit was reached. */
export function fileTooLargeError(fileName: string | undefined, maxBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `${describeFile(fileName)} is larger than the ${formatBytes(maxBytes)} limit. Split the list into smaller files and upload each one.`,
  );
}

function describeFile(fileName: string | undefined): string {
  const name = fileName?.trim() ?? "";
  return name === "" ? "The file" : `"${name}"`;
}
