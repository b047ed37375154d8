import { Rule, levels, argOf } from './types';

export const sentinelAuthMissing: Rule = {
  meta: {
    code: 'RG354',
    name: 'sentinel-auth-missing',
    family: 'replication',
    summary: 'Sentinel monitors a primary without auth-pass.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      sentinel: true,
      bad: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n',
      good: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\nsentinel auth-pass mymaster 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    if (!ctx.sentinel) return;
    const c = ctx.config;
    const withPass = new Set(c.sentinel('auth-pass').filter(s => (s.values[2] ?? '') !== '').map(s => s.values[1]));
    for (const m of c.sentinel('monitor')) {
      const name = m.values[1];
      if (name === undefined || withPass.has(name)) continue;
      ctx.report({
        at: argOf(m, 2),
        message: `Sentinel monitors "${name}" without "sentinel auth-pass ${name} …": it cannot talk to a primary with a password. Add it with the data nodes' password.`,
        details: `This Sentinel then sees the primary and its replicas as failing, cannot reconfigure replicas and may not carry out a failover. Add "sentinel auth-user ${name}" too when the data nodes use ACL users.`,
      });
    }
  },
};
