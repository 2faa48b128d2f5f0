import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "@/lib/errors";

export type MultipartUpload = {
  /** The first part named `fileField`, or null when the form has none. */
  file: { name: string; bytes: Buffer } | null;
  /** Text fields by name. A repeated name keeps its first value. */
  fields: Record<string, string>;
};

export type MultipartLimits = {
  fileField: string;
  /** Bytes of the file part itself, not counting the form around it. */
  maxFileBytes: number;
  /** Bytes of any one text field. */
  maxFieldBytes: number;
};

/** Room for the multipart boundaries and the small text fields around the file. */
const formOverheadBytes = 64 * 1024;

/**
 * Reads a multipart/form-data body as it streams in: the one file part is gathered in chunks
 * and every other file part is drained unread. Throws `payload_too_large` when the declared
 * length, the body or the file passes its limit, and stops reading there, so the body is never held
 * twice and never held past the limit. Throws `invalid_request` for a body that is not valid
 * multipart.
 */
export async function readMultipartUpload(request: Request, limits: MultipartLimits): Promise<MultipartUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limits.maxFileBytes + formOverheadBytes) throw new FileTooLargeError();
  if (!request.body) return { file: null, fields: {} };

  const body = Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { files: 1, fileSize: limits.maxFileBytes, fields: 20, fieldSize: limits.maxFieldBytes, parts: 25 },
    });
  } catch (error) {
    throw new AppError("invalid_request", `The upload is not valid multipart/form-data: ${(error as Error).message}.`);
  }

  return new Promise<MultipartUpload>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let file: MultipartUpload["file"] = null;
    let fileName: string | undefined;
    let settled = false;

    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      body.unpipe(parser);
      body.destroy();
      reject(error);
    };

    parser.on("file", (name, stream, info) => {
      if (name !== limits.fileField || file !== null) {
        stream.resume();
        return;
      }

      fileName = info.filename;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        chunks.push(chunk);
      });
      stream.on("limit", () => fail(new FileTooLargeError(fileName)));
      stream.on("end", () => {
        if (settled) return;
        file = { name: info.filename ?? "", bytes: Buffer.concat(chunks, size) };
        chunks.length = 0;
      });
    });
    parser.on("field", (name, value, info) => {
      if (info.valueTruncated) {
        fail(new AppError("invalid_request", `The form field "${name}" is longer than ${limits.maxFieldBytes} bytes.`));
        return;
      }
      if (!(name in fields)) fields[name] = value;
    });
    parser.on("error", (error: Error) => fail(new AppError("invalid_request", `The upload is not valid multipart/form-data: ${error.message}.`)));
    parser.on("close", () => {
      if (settled) return;
      settled = true;
      resolve({ file, fields });
    });
    body.on("error", (error) => fail(new AppError("invalid_request", `The upload stopped before it was complete: ${error.message}.`)));

    // The whole body is capped too: without it, a body with no part boundary (or parts that are
    // not the file) would be read to its end however long it is.
    let received = 0;
    body.on("data", (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > limits.maxFileBytes + formOverheadBytes) fail(new FileTooLargeError(fileName));
    });

    body.pipe(parser);
  });
}

/** Error for a file part past `maxFileBytes`. The route writes the customer's message, which names the limit. */
export class FileTooLargeError extends AppError {
  constructor(
    /** The file part's name, or undefined when the limit was passed before the part began or the part has no name. */
    readonly fileName?: string,
  ) {
    super("payload_too_large", "The file is larger than the upload limit.");
  }
}
