import { isIPv4, isIPv6 } from 'net';
import { Rule, levels, argOf, TOP } from './types';
import { replaceLine, insertDirective } from '../edits';
import { ConfigView, Setting } from '../config-view';
import { lookupDirective, Target } from '../catalog';
import type { Fix } from '../findings';

/** What a bind address exposes. `name` is a host name other than localhost: cannot judge. */
export type AddressKind = 'any' | 'loopback' | 'private' | 'public' | 'name';

function ipv4Kind(a: string): AddressKind {
  const [x, y] = a.split('.').map(Number);
  if (a === '0.0.0.0') return 'any';
  if (x === 127) return 'loopback';
  if (x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168)) return 'private';
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail becomes two groups). */
function ipv6Groups(a: string): number[] {
  let s = a.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const [p, q, r, t] = v4[1].split('.').map(Number);
    s = s.slice(0, v4.index) + ((p << 8) | q).toString(16) + ':' + ((r << 8) | t).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map(g => parseInt(g, 16));
}

/** Classifies one bind address as written (a leading "-" marks an optional address). */
export function addressKind(written: string): AddressKind {
  const a = written.replace(/^-/, '').toLowerCase();
  if (a === '*' || a === '::*') return 'any';
  if (a === 'localhost') return 'loopback';
  if (isIPv4(a)) return ipv4Kind(a);
  if (isIPv6(a.replace(/%.*$/, ''))) {
    const g = ipv6Groups(a);
    if (g.every(x => x === 0)) return 'any';
    if (g.slice(0, 7).every(x => x === 0) && g[7] === 1) return 'loopback';
    if (g.slice(0, 5).every(x => x === 0) && g[5] === 0xffff) {
      return ipv4Kind([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.'));
    }
    if ((g[0] & 0xfe00) === 0xfc00) return 'private';
    return 'public';
  }
  return 'name';
}

/** The winning bind line, or undefined when the file has none (the server then listens on every interface). */
export function bindSetting(config: ConfigView): Setting | undefined {
  return config.get('bind');
}

/** The server accepts TCP connections at all (port or tls-port is non-zero). */
export function listensOnTcp(config: ConfigView): boolean {
  return (config.value('port') ?? '6379') !== '0' || (config.value('tls-port') ?? '0') !== '0';
}

/** Every address the server listens on is a loopback address. */
export function loopbackOnly(config: ConfigView): boolean {
  const b = bindSetting(config);
  if (!b || !b.values.length) return false;
  return b.values.every(a => addressKind(a) === 'loopback');
}

/** A loopback-only bind line for this target ("-::1" is optional, so hosts without IPv6 still start). */
export function loopbackLine(target: Target): string {
  const modern = (lookupDirective('bind', target.id)?.spec.default ?? '').includes('-');
  return modern ? 'bind 127.0.0.1 -::1' : 'bind 127.0.0.1';
}

export const bindAllInterfaces: Rule = {
  meta: {
    code: 'RG307',
    name: 'bind-all-interfaces',
    family: 'security',
    summary: 'The server listens on all interfaces or a public address without TLS.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
      good: 'bind 127.0.0.1 -::1\nport 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    // Sentinels must be reachable by their peers; RG356 judges how open they are.
    if (ctx.sentinel || !listensOnTcp(c)) return;
    if ((c.value('tls-port') ?? '0') !== '0') return; // encrypted listener: RG308 covers a plaintext port next to it
    const line = loopbackLine(ctx.target);
    const b = bindSetting(c);
    const manual = (edit: Fix['edits'][number]): Fix[] => [{
      title: `Listen on loopback only (${line}); clients on other machines can no longer connect`,
      edits: [edit],
      auto: false,
    }];
    if (!b) {
      ctx.report({
        at: TOP,
        message: 'There is no bind line, so the server listens on every network interface (the default is "* -::*") and traffic is not encrypted. Anyone on any network this machine is attached to can reach the port. Bind to loopback or to a private address that only the application servers use, and firewall the port; for traffic across untrusted networks, use TLS.',
        fixes: () => manual(insertDirective(ctx.text, c, 'bind', [line], ['NETWORK'])),
      });
      return;
    }
    b.values.forEach((addr, i) => {
      const kind = addressKind(addr);
      if (kind !== 'any' && kind !== 'public') return;
      const what = kind === 'any'
        ? `"${addr}" means every ${addr.includes(':') ? 'IPv6' : 'IPv4'} interface, including public ones`
        : `${addr.replace(/^-/, '')} is not a private or loopback address, so it is probably reachable from the internet`;
      ctx.report({
        at: argOf(b, i + 1),
        message: `${what}, and without TLS passwords and data cross the network in clear text. Bind to loopback or to a private address (10/8, 172.16/12, 192.168/16, fc00::/7) that only the application servers reach, and firewall the port; if clients must come over untrusted networks, set up TLS.`,
        fixes: () => manual(replaceLine(ctx.text, b, [line])),
      });
    });
  },
};
