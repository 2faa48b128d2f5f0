import { describe, expect, it } from "vitest";
import { buildForwardedChain, clientKeyForAddress, pickClientAddress, sealChain, unsealChain } from "@/lib/http/client-address";

describe("buildForwardedChain", () => {
  it("appends the socket address to the received entries", () => {
    expect(buildForwardedChain("203.0.113.9, 198.51.100.7", "127.0.0.1")).toBe("203.0.113.9, 198.51.100.7, 127.0.0.1");
  });

  it("joins repeated X-Forwarded-For headers in order", () => {
    expect(buildForwardedChain(["203.0.113.9", "198.51.100.7"], "10.0.0.2")).toBe("203.0.113.9, 198.51.100.7, 10.0.0.2");
  });

  it("holds only the socket address without X-Forwarded-For", () => {
    expect(buildForwardedChain(undefined, "::ffff:127.0.0.1")).toBe("::ffff:127.0.0.1");
  });

  it("replaces entries that cannot be addresses", () => {
    expect(buildForwardedChain("<script>, 198.51.100.7", "127.0.0.1")).toBe("invalid, 198.51.100.7, 127.0.0.1");
  });

  it("keeps only the last sixteen entries", () => {
    const forged = Array.from({ length: 40 }, (_, index) => `192.0.2.${index}`).join(",");
    const chain = buildForwardedChain(forged, "127.0.0.1").split(", ");
    expect(chain).toHaveLength(16);
    expect(chain.at(-1)).toBe("127.0.0.1");
  });

  it("names a missing socket address unknown", () => {
    expect(buildForwardedChain(undefined, undefined)).toBe("unknown");
  });
});

describe("pickClientAddress", () => {
  const chain = "192.0.2.66, 203.0.113.9, 198.51.100.7, 127.0.0.1";

  it.each([
    { hops: 0, expected: "127.0.0.1" },
    { hops: 1, expected: "198.51.100.7" },
    { hops: 2, expected: "203.0.113.9" },
    { hops: 3, expected: "192.0.2.66" },
    { hops: 9, expected: "192.0.2.66" },
  ])("picks the entry $hops hops before the peer", ({ hops, expected }) => {
    expect(pickClientAddress(chain, hops)).toBe(expected);
  });

  it("ignores a forged X-Forwarded-For without trusted proxies", () => {
    expect(pickClientAddress(buildForwardedChain("198.51.100.200", "192.0.2.10"), 0)).toBe("192.0.2.10");
  });

  it("returns null for a missing chain", () => {
    expect(pickClientAddress(null, 0)).toBeNull();
    expect(pickClientAddress("", 1)).toBeNull();
  });
});

describe("clientKeyForAddress", () => {
  it.each([
    { address: "198.51.100.7", key: "198.51.100.7" },
    { address: "198.51.100.7:51234", key: "198.51.100.7" },
    { address: "::ffff:127.0.0.1", key: "127.0.0.1" },
    { address: "::ffff:7f00:2", key: "127.0.0.2" },
    { address: "2001:db8:1:2:3:4:5:6", key: "2001:db8:1:2::/64" },
    { address: "2001:DB8:1:2::9", key: "2001:db8:1:2::/64" },
    { address: "[2001:db8:a:b::1]:443", key: "2001:db8:a:b::/64" },
    { address: "fe80::1%eth0", key: "fe80:0:0:0::/64" },
    { address: "2001:db8::", key: "2001:db8:0:0::/64" },
    { address: "::1", key: "0:0:0:0::/64" },
    { address: "64:ff9b::192.0.2.33", key: "64:ff9b:0:0::/64" },
  ])("keys $address as $key", ({ address, key }) => {
    expect(clientKeyForAddress(address)).toBe(key);
  });

  it("puts one IPv6 /64 under one key", () => {
    expect(clientKeyForAddress("2001:db8:5:6::1")).toBe(clientKeyForAddress("2001:db8:5:6:ffff:ffff:ffff:ffff"));
    expect(clientKeyForAddress("2001:db8:5:6::1")).not.toBe(clientKeyForAddress("2001:db8:5:7::1"));
  });

  it.each(["invalid", "unknown", "999.1.1.1", "not-an-address", "", null])("keys %s as unknown", (address) => {
    expect(clientKeyForAddress(address)).toBe("unknown");
  });
});

describe("sealChain", () => {
  const stamp = "a".repeat(32);

  it("opens a value sealed with the same stamp", () => {
    expect(unsealChain(sealChain("198.51.100.7, 127.0.0.1", stamp), stamp)).toBe("198.51.100.7, 127.0.0.1");
  });

  it("rejects a value a client sent", () => {
    expect(unsealChain(sealChain("198.51.100.7", "b".repeat(32)), stamp)).toBeNull();
    expect(unsealChain("198.51.100.7", stamp)).toBeNull();
    expect(unsealChain(null, stamp)).toBeNull();
  });
});
