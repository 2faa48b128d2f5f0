import { AppError } from "@/lib/errors";

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

function describeFile(fileName: string | undefined): string {
  const name = fileName?.trim() ?? "";
  return name === "" ? "The file" : `"${name}"`;
}
