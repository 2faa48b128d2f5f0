import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";

/** A request after routing: the body is read in full and the path parameters are extracted. */
export interface RouteRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  body: Buffer;
}

export type RouteHandler = (request: RouteRequest, response: ServerResponse) => Promise<void> | void;

/** A route whose pattern matches the whole path; named groups become `params`. */
export interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  handler: RouteHandler;
}

/** Maximum request body in bytes. Gemini accepts inline images of up to 20 MB, base64 adds a third. */
export const maxBodyBytes = 30 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`Request body exceeds ${maxBodyBytes} bytes.`);
  }
}

/** Reads the request body, rejecting with BodyTooLargeError past `maxBodyBytes`. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;

  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > maxBodyBytes) {
      throw new BodyTooLargeError();
    }
    chunks.push(buffer);
  }

  return Buffer.concat(chunks);
}

/** Finds the route for a method and path and returns it with its path parameters. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of routes) {
    if (route.method !== method && !(method === "HEAD" && route.method === "GET")) {
      continue;
    }

    const match = route.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) {
        params[name] = decodePathSegment(value);
      }
      return { route, params };
    }
  }

  return null;
}

/** Decodes percent-escapes, keeping the raw text when they are malformed (such as a lone "%"). */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(html),
  });
  response.end(html);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendBytes(response: ServerResponse, status: number, contentType: string, bytes: Buffer): void {
  response.writeHead(status, { "Content-Type": contentType, "Content-Length": bytes.length });
  response.end(bytes);
}

export function redirect(response: ServerResponse, location: string, status = 303): void {
  response.writeHead(status, { Location: location, "Content-Length": 0 });
  response.end();
}

/** Returns the value of a header that may appear once, or undefined. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Returns the token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const authorization = headerValue(headers, "authorization");
  const match = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
  return match?.[1] ?? null;
}

/** Returns the query string as an object, keeping the first value of a repeated name. */
export function queryParams(url: URL): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!(name in params)) {
      params[name] = value;
    }
  }
  return params;
}
