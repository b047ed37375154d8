/**
 * The one place that says what a bind address is: what it exposes (for the production rules
 * and "connect using this config file") and whether a machine can listen on it (for the
 * validator). Ranges come from ipaddr.js, which follows the IANA special-purpose registries.
 */
import { isIPv4, isIPv6 } from 'net';
import * as ipaddr from 'ipaddr.js';

/**
 * What a bind address exposes. `link-local` (169.254/16, fe80::/10) and `shared` (100.64/10,
 * the carrier-grade NAT range of RFC 6598) are not reachable from the internet; `name` is a
 * host name other than localhost, which cannot be judged from the file.
 */
export type AddressKind = 'any' | 'loopback' | 'private' | 'link-local' | 'shared' | 'public' | 'name';

const RANGE_KIND: Record<string, AddressKind> = {
  unspecified: 'any',
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'shared',
};

function ipKind(address: ipaddr.IPv4 | ipaddr.IPv6): AddressKind {
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) return ipKind((address as ipaddr.IPv6).toIPv4Address());
  // anything else (documentation, reserved, 6to4, …) is treated as reachable
  return RANGE_KIND[address.range()] ?? 'public';
}

/** Classifies one bind address as written (a leading "-" marks an optional address, a "%zone" an interface). */
export function addressKind(written: string): AddressKind {
  const a = written.replace(/^-/, '').toLowerCase();
  if (a === '*' || a === '::*') return 'any';
  if (a === 'localhost') return 'loopback';
  const bare = a.replace(/%.*$/, '');
  if (isIPv4(a) || isIPv6(bare)) return ipKind(ipaddr.parse(bare));
  return 'name';
}

/** True for the addresses that say nothing leaves this machine. */
export const isLoopback = (written: string): boolean => addressKind(written) === 'loopback';

const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * Whether the server can listen on an address (without its "-"): 'ok' on any Linux host,
 * 'unverifiable' when it depends on the machine (its interfaces, its resolver), 'invalid'
 * when no machine can. Dotted quads are taken as the resolver takes them (leading zeros too).
 */
export function classifyBindAddress(addr: string): 'ok' | 'unverifiable' | 'invalid' {
  if (addr === '*' || addr === '::*' || addr === '0.0.0.0' || addr === '::' || addr === '::1' || addr === 'localhost') return 'ok';
  const v4 = DOTTED.exec(addr);
  if (v4) {
    if (v4.slice(1).some(x => Number(x) > 255)) return 'invalid';
    return v4[1] === '127' ? 'ok' : 'unverifiable';
  }
  if (addr.includes(':')) return /^[0-9a-fA-F:]+(%[A-Za-z0-9]+)?$/.test(addr) ? 'unverifiable' : 'invalid';
  return HOST_NAME.test(addr) ? 'unverifiable' : 'invalid';
}
