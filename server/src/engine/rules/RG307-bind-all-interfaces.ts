import { addressKind, isLoopback } from '../bind-address';
import { Rule, levels, argOf, missingAt } from './types';
import { replaceLine, insertDirective } from '../edits';
import { ConfigView, Setting } from '../config-view';
import { lookupDirective, Target } from '../catalog';
import type { Fix } from '../findings';

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
  return b.values.every(isLoopback);
}

/** Every address the server listens on is loopback or private (RFC 1918, unique-local, link-local, shared): not reachable from the internet. */
export function privateOnly(config: ConfigView): boolean {
  const b = bindSetting(config);
  if (!b || !b.values.length) return false;
  return b.values.every(v => ['loopback', 'private', 'link-local', 'shared'].includes(addressKind(v.replace(/^-/, ''))));
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
      safety: 'review',
    }];
    // in a container every interface is the container's own: publishing the port decides who reaches it,
    // and a loopback bind would shut out the other containers and the published port alike
    if (ctx.container && (!b || b.values.some(a => addressKind(a) === 'any'))) {
      ctx.report({
        at: b ? argOf(b, 1 + Math.max(0, b.values.findIndex(a => addressKind(a) === 'any'))) : missingAt(ctx.config, 'bind', ['NETWORK']),
        atMost: 'information',
        message: 'The server listens on every interface of its container: who reaches it depends on how the port is published. Publish it on 127.0.0.1 where only the host needs it.',
        details: 'Inside a container that is normal: other containers on its network reach it, and a published port (ports: "6379:6379") opens it on every interface of the host. "127.0.0.1:6379:6379" keeps the published port on the host\'s loopback; without TLS, passwords and data cross these networks in clear text.',
      });
      return;
    }
    if (!b) {
      ctx.report({
        at: missingAt(ctx.config, 'bind', ['NETWORK']),
        message: 'No bind line: the server listens on every network interface, unencrypted. Bind to loopback or to the private address the clients use.',
        details: 'The default is "* -::*": anyone on any network this machine is attached to can reach the port. Bind to loopback or to a private address that only the application servers use, and firewall the port; for traffic across untrusted networks, use TLS.',
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
        message: `${what}, and without TLS passwords and data cross the network in clear text. Bind to loopback or a private address.`,
        details: 'Bind to loopback or to a private address (10/8, 172.16/12, 192.168/16, fc00::/7) that only the application servers reach, and firewall the port; if clients must come over untrusted networks, set up TLS.',
        fixes: () => manual(replaceLine(ctx.text, b, [line])),
      });
    });
  },
};
