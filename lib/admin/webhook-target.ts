// Where a webhook may post: only to public addresses. A URL naming (or resolving to) the
// server itself, its network or the cloud's metadata service would let an admin's form —
// or anyone who gets one webhook registered — probe and post to internal services
// (server-side request forgery). The address is checked when the webhook is registered
// and again on every delivery, on the address the connection actually uses (a name may
// resolve to something else later: DNS rebinding). WEBHOOK_ALLOW_PRIVATE_TARGETS=true
// lets an operator allow private targets (an intranet receiver; the tests' loopback one).
import dns from "node:dns";
import net from "node:net";

/** Address ranges no webhook may reach: loopback, private, link-local, unique-local, multicast, unspecified, reserved. */
const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ["0.0.0.0", 8], // "this network", 0.0.0.0 included
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) BLOCKED.addSubnet(prefix, bits, "ipv4");
for (const [prefix, bits] of [
  ["::", 128], // unspecified
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 of an IPv4 address
  ["2001:db8::", 32],
] as const) BLOCKED.addSubnet(prefix, bits, "ipv6");

/** True when `address` (an IP literal) is one a webhook may reach. */
export function isPublicAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return !BLOCKED.check(address, "ipv4");
  if (family === 6) {
    // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is that IPv4 address.
    const mapped = address.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return isPublicAddress(mapped[1]);
    return !BLOCKED.check(address, "ipv6");
  }
  return false;
}

export class PrivateTargetError extends Error {
  constructor(readonly host: string) {
    super(`${host} is a private, loopback or otherwise internal address; webhooks post only to public addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS=true allows them)`);
    this.name = "PrivateTargetError";
  }
}

/** The URL's host as a connection would use it: the WHATWG parser already turned 2130706433 and 127.1 into 127.0.0.1. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/**
 * Refuses a URL whose host is an internal address, "localhost", or a name that resolves to
 * an internal address now. A name that does not resolve now is let through (it is checked
 * again at each delivery).
 */
export async function checkWebhookTarget(rawUrl: string, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = hostOf(new URL(rawUrl));
  if (net.isIP(host)) {
    if (!isPublicAddress(host)) throw new PrivateTargetError(host);
    return;
  }
  if (host === "localhost" || host.endsWith(".localhost")) throw new PrivateTargetError(host);
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true, verbatim: true });
  } catch {
    return;
  }
  const internal = addresses.find((a) => !isPublicAddress(a.address));
  if (internal) throw new PrivateTargetError(host);
}

/**
 * A `lookup` for http(s).request that resolves as usual and then refuses internal
 * addresses, so the check applies to the very address the connection is made to.
 */
export function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as dns.LookupAddress[];
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(new PrivateTargetError(hostname) as NodeJS.ErrnoException, "", 0);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      return callback(null, list[0].address, list[0].family);
    });
  };
}
