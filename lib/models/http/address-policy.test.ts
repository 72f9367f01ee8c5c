import { describe, expect, it } from "vitest";
import { blockedAddressReason, ipv6Groups, isAllowlisted, literalHostRefusal } from "./address-policy";
import { checkedLookup } from "./guarded-request";

describe("blockedAddressReason: IPv4", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.255.255.255", "unspecified"],
    ["10.0.0.0", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.0", "shared (CGNAT)"],
    ["100.127.255.255", "shared (CGNAT)"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["172.16.0.0", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["192.0.0.8", "IETF protocol assignment"],
    ["198.18.0.1", "benchmarking"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.255", "multicast"],
    ["255.255.255.255", "reserved or broadcast"],
  ])("%s is %s", (ip, reason) => expect(blockedAddressReason(ip)).toBe(reason));

  it.each(["1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0"])(
    "%s (just outside a blocked range) is public",
    (ip) => expect(blockedAddressReason(ip)).toBeUndefined(),
  );
  it.each(["172.15.255.255", "172.32.0.0", "169.253.255.255", "169.255.0.0", "192.167.255.255", "223.255.255.255"])(
    "%s (CIDR edge) is public",
    (ip) => expect(blockedAddressReason(ip)).toBeUndefined(),
  );
});

describe("blockedAddressReason: IPv6", () => {
  it.each([
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["fc00::1", "unique local (private)"],
    ["fdff:ffff::1", "unique local (private)"],
    ["fe80::1", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "site-local"],
    ["ff02::1", "multicast"],
    ["100::1", "discard"],
  ])("%s is %s", (ip, reason) => expect(blockedAddressReason(ip)).toBe(reason));

  it.each([
    ["::ffff:127.0.0.1", "loopback (IPv4 in IPv6)"],
    ["::ffff:7f00:1", "loopback (IPv4 in IPv6)"],
    ["::ffff:169.254.169.254", "link-local (IPv4 in IPv6)"],
    ["::ffff:a00:1", "private (IPv4 in IPv6)"],
    ["::127.0.0.1", "loopback (IPv4 in IPv6)"],
    ["64:ff9b::10.0.0.1", "private (through NAT64)"],
    ["2002:7f00:1::", "loopback (through 6to4)"],
    ["2002:a9fe:a9fe::1", "link-local (through 6to4)"],
  ])("%s (embedded IPv4) is %s", (ip, reason) => expect(blockedAddressReason(ip)).toBe(reason));

  it.each(["2001:4860:4860::8888", "::ffff:8.8.8.8", "2002:808:808::1", "fbff:ffff::1", "fe7f::1", "fe00::1"])(
    "%s (public, or just outside a blocked range) is allowed",
    (ip) => expect(blockedAddressReason(ip)).toBeUndefined(),
  );

  it("expands compressed forms and dotted tails", () => {
    expect(ipv6Groups("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(ipv6Groups("2001:db8::1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups("1:2:3:4:5:6:7:8")).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("refuses what is not an address", () => expect(blockedAddressReason("example.com")).toBe("not an IP address"));
});

describe("allow-list and literal hosts", () => {
  const allow = [{ host: "127.0.0.1", port: 8080 }, { host: "inference.internal" }, { host: "::1" }];
  it("matches host, and port when the entry has one", () => {
    expect(isAllowlisted(new URL("http://127.0.0.1:8080/x"), allow)).toBe(true);
    expect(isAllowlisted(new URL("http://127.0.0.1:8081/x"), allow)).toBe(false);
    expect(isAllowlisted(new URL("https://INFERENCE.internal./x"), allow)).toBe(true);
    expect(isAllowlisted(new URL("http://[::1]:9/x"), allow)).toBe(true);
  });
  it("refuses literal blocked hosts and localhost without DNS, unless allow-listed", () => {
    expect(literalHostRefusal(new URL("http://localhost/"), [])).toBe("loopback");
    expect(literalHostRefusal(new URL("http://a.localhost/"), [])).toBe("loopback");
    expect(literalHostRefusal(new URL("http://0x7f.1/"), [])).toBe("loopback");
    expect(literalHostRefusal(new URL("http://[::ffff:10.0.0.1]/"), [])).toBe("private (IPv4 in IPv6)");
    expect(literalHostRefusal(new URL("http://127.0.0.1:8080/"), allow)).toBeUndefined();
    expect(literalHostRefusal(new URL("http://example.com/"), [])).toBeUndefined();
  });
});

describe("checkedLookup", () => {
  const lookup = (host: string) =>
    new Promise<{ err: (Error & { code?: string }) | null; address: string }>((resolve) =>
      checkedLookup(host, { family: 0 }, (err, address) => resolve({ err, address: String(address) })),
    );
  it("refuses a name that resolves to loopback, so the socket never connects to it", async () => {
    const { err } = await lookup("localhost");
    expect(err?.code).toBe("EBLOCKEDADDRESS");
  });
});
