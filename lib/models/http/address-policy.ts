import { isIP } from "node:net";

/**
 * Which addresses an http model may reach. A researcher registers the URL, and the worker (inside
 * the operator's network, beside the database) calls it: without this check any researcher could
 * make workers read loopback services, the cloud metadata endpoint (169.254.169.254) or private
 * hosts (SSRF). Every address is refused that is not a public unicast one; an operator names the
 * exceptions in MODEL_HOST_ALLOWLIST.
 */

/**
 * The refused ranges, IPv4 and IPv6, in CIDR notation with what each is (IPv4 embedded in mapped,
 * compatible, NAT64 and 6to4 addresses is checked against the IPv4 ranges).
 */
const BLOCKED: Record<string, string> = {
  "0.0.0.0/8": "unspecified",
  "10.0.0.0/8": "private",
  "100.64.0.0/10": "shared (CGNAT)",
  "127.0.0.0/8": "loopback",
  "169.254.0.0/16": "link-local",
  "172.16.0.0/12": "private",
  "192.0.0.0/24": "IETF protocol assignment",
  "192.168.0.0/16": "private",
  "198.18.0.0/15": "benchmarking",
  "224.0.0.0/4": "multicast",
  "240.0.0.0/4": "reserved or broadcast",
  "::/128": "unspecified",
  "::1/128": "loopback",
  "100::/64": "discard",
  "fc00::/7": "unique local (private)",
  "fe80::/10": "link-local",
  "fec0::/10": "site-local",
  "ff00::/8": "multicast",
};

/** BLOCKED parsed: IP family (4 or 6), first address, prefix length, what it is. */
const BLOCKED_RANGES = Object.entries(BLOCKED).map(([cidr, what]) => {
  const [base, bits] = cidr.split("/");
  return { family: isIP(base), base, bits: Number(bits), what };
});

export function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** The eight 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail included). */
export function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase().replace(/%.*$/, "");
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = ipv4ToInt(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const parse = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<number>(zeros).fill(0), ...right];
}

function inV4(ip: number, base: string, bits: number): boolean {
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
  return (ip & mask) >>> 0 === (ipv4ToInt(base) & mask) >>> 0;
}

function inV6(groups: number[], base: string, bits: number): boolean {
  const b = ipv6Groups(base);
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i] & mask) !== (b[i] & mask)) return false;
  }
  return true;
}

const v4Of = (hi: number, lo: number) => `${hi >>> 8}.${hi & 0xff}.${lo >>> 8}.${lo & 0xff}`;

/**
 * Why `ip` may not be reached (e.g. "loopback"), or undefined for a public unicast address.
 * Anything that is not an IP address at all is refused too.
 */
export function blockedAddressReason(ip: string): string | undefined {
  const family = isIP(ip.replace(/%.*$/, ""));
  if (family === 4) {
    const n = ipv4ToInt(ip);
    return BLOCKED_RANGES.find((r) => r.family === 4 && inV4(n, r.base, r.bits))?.what;
  }
  if (family !== 6) return "not an IP address";
  const g = ipv6Groups(ip);
  const own = BLOCKED_RANGES.find((r) => r.family === 6 && inV6(g, r.base, r.bits))?.what;
  if (own) return own;
  // IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96): the IPv4 address is what is reached.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) {
    const inner = blockedAddressReason(v4Of(g[6], g[7]));
    return inner && `${inner} (IPv4 in IPv6)`;
  }
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the embedded IPv4 address through a gateway.
  if (inV6(g, "64:ff9b::", 96)) {
    const inner = blockedAddressReason(v4Of(g[6], g[7]));
    return inner && `${inner} (through NAT64)`;
  }
  if (g[0] === 0x2002) {
    const inner = blockedAddressReason(v4Of(g[1], g[2]));
    return inner && `${inner} (through 6to4)`;
  }
  return undefined;
}

export interface AllowedHost {
  host: string;
  port?: number;
}

/** The URL's host as compared with the allow-list: lower case, no IPv6 brackets, no trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "");
}

export function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

/** Whether the operator's MODEL_HOST_ALLOWLIST names this URL's host (and port, when the entry has one). */
export function isAllowlisted(url: URL, allowlist: readonly AllowedHost[]): boolean {
  const host = hostOf(url);
  const port = portOf(url);
  return allowlist.some((a) => a.host === host && (a.port === undefined || a.port === port));
}

/**
 * A refusal that can be told without DNS (registration time): an IP literal in a blocked range, or
 * `localhost`. Names that resolve to such addresses are refused when a worker connects.
 */
export function literalHostRefusal(url: URL, allowlist: readonly AllowedHost[]): string | undefined {
  if (isAllowlisted(url, allowlist)) return undefined;
  const host = hostOf(url);
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  return isIP(host) ? blockedAddressReason(host) : undefined;
}
