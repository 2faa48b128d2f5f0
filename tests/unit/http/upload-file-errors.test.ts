import { describe, expect, it } from "vitest";
import { emptyFileError } from "@/lib/http/upload-file-errors";

describe("emptyFileError", () => {
  it("quotes the file name", () => {
    const error = emptyFileError("empty.csv");
    expect(error.message).toContain('"empty.csv" is empty.');
    expect(error.message).toContain("Export the list again with a header row");
  });

  it("status and reason", () => {
    const error = emptyFileError("empty.csv");
    expect(error.status).toBe(422);
    expect(error.details).toEqual({ reason: "empty_file" });
  });

  it("unnamed file", () => {
    expect(emptyFileError("").message).toMatch(/^The file is empty\. /);
  });
});
