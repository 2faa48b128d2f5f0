import http from "node:http";

/**
 * HTTP requests over node:http, for what fetch cannot do: send from a chosen loopback source
 * address (each 127.x.y.z is a different client to the app) and send a body the server may
 * respond to before it has all arrived.
 */

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type RawRequest = {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  /** Source address of the connection, such as 127.0.0.2. */
  from?: string;
};

const requestTimeoutMs = 120_000;

export function sendRequest(url: string, options: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", headers: options.headers, localAddress: options.from, agent: false, timeout: requestTimeoutMs });
    request.on("timeout", () => request.destroy(new Error(`${options.method ?? "GET"} ${url} timed out`)));
    request.on("error", reject);
    request.on("response", (response) => readResponse(response).then(resolve, reject));
    request.end(options.body);
  });
}

export type OversizedRequest = {
  method: string;
  headers?: Record<string, string>;
  /** The route's body limit; the request carries one byte more. */
  limitBytes: number;
  /**
   * Declares the size in Content-Length and sends no body, so only a check of the header can
   * answer in time. Otherwise the body goes chunked, with no length, so the server has to count.
   */
  declareLength: boolean;
  from?: string;
};

/**
 * Sends a body one byte over `limitBytes` and returns the response. The request is never ended,
 * so a server that did not enforce the limit would wait for more and the request would time out.
 * Nothing is written after the last byte, because a server that rejects a body may close the
 * connection, and a write after that fails before the response is read.
 */
export function sendOverLimit(url: string, options: OversizedRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const totalBytes = options.limitBytes + 1;
    const lengthHeader: Record<string, string> = options.declareLength ? { "content-length": String(totalBytes) } : { "transfer-encoding": "chunked" };
    const request = http.request(url, {
      method: options.method,
      headers: { ...options.headers, ...lengthHeader },
      localAddress: options.from,
      agent: false,
      timeout: requestTimeoutMs,
    });
    request.on("timeout", () => request.destroy(new Error(`${options.method} ${url} timed out: the server waited for the rest of the body`)));
    request.on("error", reject);
    request.on("response", (response) => {
      readResponse(response).then((answer) => {
        request.destroy();
        resolve(answer);
      }, reject);
    });

    request.flushHeaders();
    if (options.declareLength) return;

    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        const size = Math.min(chunk.length, totalBytes - sent);
        sent += size;
        if (!request.write(chunk.subarray(0, size))) {
          request.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}

function readResponse(response: http.IncomingMessage): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("error", reject);
    response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
  });
}

/** Encodes fields as the browser's upload form does, returning the body and its Content-Type (with the boundary). */
export async function multipartBody(fields: Record<string, string | { name: string; content: string }>): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.set(name, value);
    else form.set(name, new Blob([value.content], { type: "text/csv" }), value.name);
  }
  const request = new Request("http://multipart.invalid/", { method: "POST", body: form });
  return { body: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("content-type") ?? "" };
}
