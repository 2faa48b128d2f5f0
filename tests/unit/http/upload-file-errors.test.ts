import { describe, expect, it } from "vitest";
import { FileTooLargeError, readMultipartUpload } from "@/lib/http/read-multipart-upload";
import { emptyFileError, fileTooLargeError } from "@/lib/http/upload-file-errors";

const boundary = "----curbscore-unit-boundary";

function multipartRequest(fileName: string, content: string): Request {
  const body =
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/csv\r\n\r\n` +
    `${content}\r\n--${boundary}--\r\n`;
  return new Request("http://localhost/api/uploads", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    body,
  });
}

async function captureRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it resolved");
}

describe("emptyFileError", () => {
  it("quotes the file name", () => {
    const error = emptyFileError("empty.csv");
    expect(error.message).toContain('"empty.csv" is empty.');
    expect(error.message).toContain("Export the list again with a header row");
  });

  it("has status 422, reason empty_file", () => {
    const error = emptyFileError("empty.csv");
    expect(error.status).toBe(422);
    expect(error.details).toEqual({ reason: "empty_file" });
  });

  it("calls an unnamed file the file", () => {
    expect(emptyFileError("").message).toMatch(/^The file is empty\. /);
  });
});

describe("fileTooLargeError", () => {
  it("quotes the file name", () => {
    const error = fileTooLargeError("huge.csv", 25 * 1024 * 1024);
    expect(error.message).toContain('"huge.csv" is larger than the 25 MB limit.');
    expect(error.message).toContain("Split the list into smaller files");
  });

  it("has status 413", () => {
    expect(fileTooLargeError("huge.csv", 1024).status).toBe(413);
  });

  it.each([
    ["unknown name", undefined],
    ["blank name", " "],
  ])("%s reads as the file", (_case, fileName) => {
    expect(fileTooLargeError(fileName, 25 * 1024 * 1024).message).toMatch(/^The file is larger than the 25 MB limit\. /);
  });
});

describe("readMultipartUpload file over the limit", () => {
  it("keeps the file name", async () => {
    const request = multipartRequest("huge.csv", "1 Main St,Baltimore,MD\n".repeat(100));
    const error = await captureRejection(readMultipartUpload(request, { fileField: "file", maxFileBytes: 1024, maxFieldBytes: 1024 }));
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect((error as FileTooLargeError).fileName).toBe("huge.csv");
  });

  it("file within the limit is read", async () => {
    const request = multipartRequest("small.csv", "Address\n1 Main St\n");
    const upload = await readMultipartUpload(request, { fileField: "file", maxFileBytes: 1024, maxFieldBytes: 1024 });
    expect(upload.file?.name).toBe("small.csv");
    expect(upload.file?.bytes.toString("utf8")).toBe("Address\n1 Main St\n");
  });
});
