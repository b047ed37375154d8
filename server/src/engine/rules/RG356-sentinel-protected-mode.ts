import { Rule, levels, argOf, missingAt } from './types';
import { ConfigView } from '../config-view';

/** Clients must authenticate as the default user: requirepass, a password on `user default`, or an ACL file. */
function defaultUserNeedsPassword(c: ConfigView): boolean {
  if (c.value('requirepass') || c.value('aclfile')) return true;
  const lines = c.all('user').filter(u => u.values[0] === 'default');
  if (!lines.length) return false;
  const rules = lines[lines.length - 1].values.slice(1).map(r => r.toLowerCase());
  let hasPass = false;
  for (const r of rules) {
    if (r === 'off') return true;
    if (r === 'nopass' || r === 'resetpass' || r === 'reset') hasPass = false;
    else if (r.startsWith('>') || /^#[0-9a-f]{64}$/.test(r)) hasPass = true;
  }
  return hasPass;
}

/** Every bind address is a loopback address. */
function loopbackOnly(c: ConfigView): boolean {
  const bind = c.get('bind');
  if (!bind || !bind.values.length) return false;
  return bind.values.every(a => /^-?(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(a));
}

export const sentinelProtectedMode: Rule = {
  meta: {
    code: 'RG356',
    name: 'sentinel-protected-mode',
    family: 'replication',
    summary: 'Sentinel is open to the network without a password, or protected mode blocks the other Sentinels.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      sentinel: true,
      bad: 'port 26379\nprotected-mode no\nsentinel monitor mymaster 127.0.0.1 6379 2\n',
      good: 'port 26379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\nsentinel sentinel-pass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\nsentinel monitor mymaster 127.0.0.1 6379 2\n',
    },
  },
  check(ctx) {
    if (!ctx.sentinel) return;
    const c = ctx.config;
    if (defaultUserNeedsPassword(c) || loopbackOnly(c)) return;
    const pm = c.get('protected-mode');
    const on = (pm?.values[0] ?? '').toLowerCase() === 'yes';
    if (!on) {
      ctx.report({
        at: pm ? argOf(pm, 1) : missingAt(ctx.config, 'protected-mode', ['SECURITY', 'NETWORK']),
        message: `${pm ? 'protected-mode is no' : 'protected-mode is off (the Sentinel default)'}, with no private bind and no requirepass: anyone who reaches the port can trigger a failover. Set requirepass and bind.`,
        details: 'Anyone who can reach the Sentinel port can run SENTINEL FAILOVER, SENTINEL SET or SENTINEL REMOVE and point clients at a server of their choice. "sentinel sentinel-pass" does not help here: it is only the password this Sentinel uses towards other Sentinels. Set requirepass (the same on every Sentinel, together with sentinel sentinel-pass) and bind to the addresses the other Sentinels and the clients use.',
      });
      return;
    }
    ctx.report({
      at: argOf(pm!, 1),
      message: 'protected-mode yes without a password: this Sentinel answers only local clients, so the other Sentinels and remote clients cannot reach it. Set requirepass instead.',
      details: 'The other Sentinels cannot ask it whether the primary is down or collect its vote, and clients elsewhere cannot discover the primary, so failover and discovery fail. Set requirepass (and the same value in sentinel sentinel-pass on every Sentinel) instead of relying on protected mode.',
    });
  },
};
