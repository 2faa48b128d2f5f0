import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** A listening TCP socket's local address, as /proc/net shows it, and whether only this machine can reach it. */
export type ListeningAddress = { address: string; loopback: boolean };

type ListeningSocket = ListeningAddress & { inode: string };

/** Lists the local addresses with a socket listening on `port`, from /proc/net/tcp and tcp6 (Linux only). */
export function listeningAddresses(port: number): ListeningAddress[] {
  return listeningSockets(port).map(({ address, loopback }) => ({ address, loopback }));
}

/**
 * Returns the pid of a process that has a socket listening on `port` on any local address, or
 * null when there is none. Finds it through each process's descriptor links (Linux only).
 */
export function findListeningPid(port: number): number | null {
  const links = new Set(listeningSockets(port).map(({ inode }) => `socket:[${inode}]`));
  if (links.size === 0) return null;

  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const descriptor of descriptors) {
      try {
        if (links.has(readlinkSync(`/proc/${entry}/fd/${descriptor}`))) return Number(entry);
      } catch {
        // The descriptor closed while the list was read.
      }
    }
  }
  return null;
}

/** Lists the sockets in state LISTEN on `port` from /proc/net/tcp and tcp6. A missing table counts as empty. */
function listeningSockets(port: number): ListeningSocket[] {
  const found: ListeningSocket[] = [];
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
      const columns = line.trim().split(/\s+/);
      const [, local, , state] = columns;
      const inode = columns[9];
      // State 0A is LISTEN; the port is the hexadecimal part after the colon.
      const [addressHex, portHex] = local?.split(":") ?? [];
      if (state !== "0A" || !addressHex || !inode || Number.parseInt(portHex ?? "", 16) !== port) continue;
      found.push({ ...decode(addressHex), inode });
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
