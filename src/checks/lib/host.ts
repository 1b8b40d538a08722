import { BlockList, isIP } from 'node:net';

/** Loopback, private (RFC 1918, unique-local) and link-local ranges, and "this network". */
const LOCAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  LOCAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  LOCAL.addSubnet(net, prefix, 'ipv6');
}

/** A URL's hostname without IPv6 brackets or a trailing dot, lower-case. */
export function bareHost(hostname: string): string {
  return hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** The host is an IP literal (browsers do not apply HSTS to those). */
export function isIpLiteral(hostname: string): boolean {
  return isIP(bareHost(hostname)) !== 0;
}

/**
 * True for `localhost` (and `*.localhost`, RFC 6761) and for literal addresses that are loopback,
 * private or link-local (IPv4-mapped IPv6 included). Names are not resolved: a public-looking name
 * that points at a private address counts as public.
 */
export function isLocalHost(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const family = isIP(host);
  if (family === 4) return LOCAL.check(host, 'ipv4');
  if (family === 6) return LOCAL.check(host, 'ipv6');
  return false;
}
