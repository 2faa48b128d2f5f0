import { subscribe } from "node:diagnostics_channel";
import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { buildForwardedChain, forwardedChainHeader, processChainStamp, sealChain } from "@/lib/http/client-address";

const globalState = globalThis as unknown as { forwardedChainsRecorded?: boolean };

/**
 * Stamps every request this process receives with the chain header (see client-address.ts)
 * before Next.js handles it. Node publishes `http.server.request.start` for each request just
 * before the server's request listener runs, so the header always reflects the real TCP peer and
 * replaces any value a client sent. Requests that arrived before this ran carry no sealed chain
 * and count under one shared "unknown" key.
 */
export function recordForwardedChains(): void {
  if (globalState.forwardedChainsRecorded) return;
  globalState.forwardedChainsRecorded = true;

  const stamp = processChainStamp();
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = (message ?? {}) as { request?: unknown; socket?: unknown };
    if (!(request instanceof IncomingMessage)) return;

    const peerAddress = socket instanceof Socket ? socket.remoteAddress : request.socket?.remoteAddress;
    request.headers[forwardedChainHeader] = sealChain(buildForwardedChain(request.headers["x-forwarded-for"], peerAddress), stamp);
  });
}
