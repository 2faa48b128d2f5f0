/** Reasons an upload is rejected as a whole. Row-level problems go to `invalid` instead. */
export type UploadErrorCode =
  | "empty_file"
  | "header_only"
  | "not_text"
  | "malformed_csv"
  | "no_address_column"
  | "too_many_rows"
  | "too_many_columns"
  | "missing_city_state"
  | "invalid_default_state";

/**
 * An upload that cannot be imported. The message is written for the customer: it names the
 * problem, the value involved and the fix, so a route handler may show it as is.
 */
export class UploadError extends Error {
  constructor(
    readonly code: UploadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UploadError";
  }
}
