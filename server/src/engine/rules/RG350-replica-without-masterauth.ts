import { Rule, levels, argOf } from './types';
import { lookupDirective } from '../catalog';

export const replicaWithoutMasterauth: Rule = {
  meta: {
    code: 'RG350',
    name: 'replica-without-masterauth',
    family: 'replication',
    summary: 'A replica points at a primary but has no masterauth.',
    severity: levels('warning', 'warning', 'error', 'error', 'error'),
    fixable: false,
    examples: {
      bad: 'port 6380\nreplicaof 127.0.0.1 6379\n',
      good: 'port 6380\nreplicaof 127.0.0.1 6379\nmasterauth 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const c = ctx.config;
    const rep = c.get('replicaof');
    if (!rep || rep.values.length < 2) return;
    if (rep.values[0].toLowerCase() === 'no' && rep.values[1].toLowerCase() === 'one') return;
    if (c.value('masterauth') || c.value('primaryauth')) return;
    // Valkey 8 renamed masterauth to primaryauth (the old name still works)
    const authName = lookupDirective('primaryauth', ctx.target.id) ? 'primaryauth' : 'masterauth';
    const userName = authName === 'primaryauth' ? 'primaryuser' : 'masteruser';
    ctx.report({
      at: argOf(rep, 0),
      message: `This replica of ${rep.values[0]}:${rep.values[1]} has no ${authName}: a primary with a password refuses its sync. Add ${authName} with the primary's password.`,
      details: `Refused with NOAUTH, the replica never receives data and serves an empty or stale dataset; after a failover the same happens the other way round. Add ${userName} too when the primary uses ACL users, and keep the same password on every node so that roles can swap.`,
    });
  },
};
