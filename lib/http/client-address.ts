import { randomBytes, timingSafeEqual } from "node:crypto";
import { isIPv4, isIPv6 } from "node:net";

/**
 * Request header that carries the addresses a request came through, oldest first: the
 * X-Forwarded-For entries as the app received them, then the TCP peer's address. The server sets
 * it on every request before Next.js handles it (see record-forwarded-chains.ts), replacing any
 * value a client sent, because Next.js keeps a client's X-Forwarded-For as it is and drops the peer
 * address. The value starts with a random stamp of this process, so a header a client sent before
 * the recorder was running is recognised and ignored.
 */
export const forwardedChainHeader = "x-curbscore-forwarded-chain";

const processState = globalThis as unknown as { curbscoreChainStamp?: string };

/** Returns the random stamp of this server process, shared by every bundle through globalThis. */
export function processChainStamp(): string {
  processState.curbscoreChainStamp ??= randomBytes(16).toString("hex");
  return processState.curbscoreChainStamp;
}

/** Builds the header value: the stamp, a semicolon, then the chain. */
export function sealChain(chain: string, stamp: string): string {
  return `${stamp};${chain}`;
}

/** Returns the chain of a header value this process sealed, or null for a missing or foreign value. */
export function unsealChain(value: string | null, stamp: string): string | null {
  const separator = value?.indexOf(";") ?? -1;
  if (!value || separator < 0) return null;
  const given = Buffer.from(value.slice(0, separator));
  const expected = Buffer.from(stamp);
  return given.length === expected.length && timingSafeEqual(given, expected) ? value.slice(separator + 1) : null;
}

/** Only the last entries can be picked (TRUSTED_PROXY_HOPS is at most 10); older ones are dropped. */
const maxChainEntries = 16;

/** Characters an address may have in X-Forwarded-For (IPv4, IPv6, brackets, port, zone). */
const addressCharacters = /^[0-9A-Za-z.:[\]%_-]{1,64}$/;

/**
 * Builds the value of the chain header from the received X-Forwarded-For header(s) and the socket's
 * remote address. Entries that cannot be an address become "invalid", so the value is always a
 * safe header and a client cannot shift entries by sending commas inside one.
 */
export function buildForwardedChain(forwardedFor: string | string[] | undefined, peerAddress: string | undefined): string {
  const received = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => (addressCharacters.test(entry) ? entry : "invalid"));
  return [...received, peerAddress || "unknown"].slice(-maxChainEntries).join(", ");
}

/**
 * Picks the client's address from the chain. With no trusted proxy it is the TCP peer (the last
 * entry). With N trusted proxies it is the entry the outermost of them appended, N places before
 * the end, or the first entry of a shorter chain. Entries further left were written by the client
 * and are never used, so a forged X-Forwarded-For cannot change the result.
 */
export function pickClientAddress(chain: string | null, trustedProxyHops: number): string | null {
  if (!chain) return null;
  const entries = chain.split(",").map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) return null;
  return entries[Math.max(0, entries.length - 1 - trustedProxyHops)] ?? null;
}

/**
 * Returns the key rate limits count under for one address: the IPv4 address itself (IPv4-mapped
 * IPv6 included), or the /64 network of an IPv6 address, because one subscriber usually gets a
 * whole /64. Anything that is not an address counts under "unknown", so garbage opens no new keys.
 */
export function clientKeyForAddress(address: string | null): string {
  const ip = address ? stripPortAndBrackets(address.trim()) : null;
  if (ip && isIPv4(ip)) return ip;
  if (ip && isIPv6(ip)) {
    const groups = ipv6Groups(ip);
    const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
    if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
    return `${groups.slice(0, 4).map((group) => group.toString(16)).join(":")}::/64`;
  }
  return "unknown";
}

/** Returns the rate-limit key of a request, from the chain header and the configured trusted proxy hops. */
export function clientKeyOf(request: Request, trustedProxyHops: number): string {
  const chain = unsealChain(request.headers.get(forwardedChainHeader), processChainStamp());
  return clientKeyForAddress(pickClientAddress(chain, trustedProxyHops));
}

/** Removes "[...]" around IPv6, a ":port" suffix and an IPv6 zone ("%eth0"). */
function stripPortAndBrackets(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!.replace(/%.*$/, "");
  const ipv4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (ipv4WithPort) return ipv4WithPort[1]!;
  return address.replace(/%.*$/, "");
}

/** Expands a valid IPv6 address into its eight 16-bit groups, converting a dotted IPv4 tail. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(":");
  const tail = text.slice(lastColon + 1);
  if (isIPv4(tail)) {
    const [a, b, c, d] = tail.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", rest] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const restGroups = rest ? rest.split(":") : [];
  const zeros: string[] = Array.from({ length: 8 - headGroups.length - restGroups.length }, () => "0");
  return [...headGroups, ...(rest === undefined ? [] : zeros), ...restGroups].map((group) => parseInt(group, 16));
}
