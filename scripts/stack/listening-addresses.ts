import { readFileSync } from "node:fs";

/** A listening TCP socket's local address, as /proc/net shows it, and whether only this machine can reach it. */
export type ListeningAddress = { address: string; loopback: boolean };

/** Lists the local addresses with a socket listening on `port`, from /proc/net/tcp and tcp6 (Linux only). */
export function listeningAddresses(port: number): ListeningAddress[] {
  const found: ListeningAddress[] = [];
  for (const [table, decode] of [
    ["/proc/net/tcp", decodeIpv4],
    ["/proc/net/tcp6", decodeIpv6],
  ] as const) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      // State 0A is LISTEN; the port is the hexadecimal part after the colon.
      const [addressHex, portHex] = local?.split(":") ?? [];
      if (state !== "0A" || !addressHex || Number.parseInt(portHex ?? "", 16) !== port) continue;
      found.push(decode(addressHex));
    }
  }
  return found;
}

/** /proc/net/tcp writes an IPv4 address as one 32-bit word in host (little-endian) byte order. */
function decodeIpv4(hex: string): ListeningAddress {
  const octets = [6, 4, 2, 0].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
  return { address: octets.join("."), loopback: octets[0] === 127 };
}

/** /proc/net/tcp6 writes an IPv6 address as four 32-bit words, each in host byte order. */
function decodeIpv6(hex: string): ListeningAddress {
  const bytes = [0, 8, 16, 24].flatMap((word) => [6, 4, 2, 0].map((offset) => Number.parseInt(hex.slice(word + offset, word + offset + 2), 16)));
  const groups = Array.from({ length: 8 }, (_, index) => ((bytes[index * 2]! << 8) | bytes[index * 2 + 1]!).toString(16));
  const address = groups.join(":");
  const zeroPrefix = bytes.slice(0, 10).every((byte) => byte === 0);
  const mappedIpv4 = zeroPrefix && bytes[10] === 0xff && bytes[11] === 0xff;
  const loopback = (zeroPrefix && bytes.slice(10, 15).every((byte) => byte === 0) && bytes[15] === 1) || (mappedIpv4 && bytes[12] === 127);
  return { address, loopback };
}
