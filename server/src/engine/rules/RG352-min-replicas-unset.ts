import { Rule, levels, argOf, missingAt } from './types';

export const minReplicasUnset: Rule = {
  meta: {
    code: 'RG352',
    name: 'min-replicas-unset',
    family: 'replication',
    summary: 'No min-replicas-to-write: a primary cut off from its replicas keeps accepting writes that a failover will drop.',
    severity: levels('off', 'information', 'off', 'warning', 'off'),
    fixable: false,
    examples: {
      bad: '# redis-guard: profile=production-ha\nport 6379\n',
      good: '# redis-guard: profile=production-ha\nport 6379\nmin-replicas-to-write 1\nmin-replicas-max-lag 10\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const c = ctx.config;
    const rep = c.get('replicaof');
    const isReplica = !!rep && !(rep.values[0]?.toLowerCase() === 'no' && rep.values[1]?.toLowerCase() === 'one');
    if (isReplica) return;
    const set = c.get('min-replicas-to-write');
    const n = Number(set?.values[0] ?? c.value('min-replicas-to-write') ?? '0');
    if (n > 0) return;
    ctx.report({
      at: set ? argOf(set, 1) : missingAt(ctx.config, 'min-replicas-to-write', ['REPLICATION']),
      message: `${set ? 'min-replicas-to-write is 0' : 'min-replicas-to-write is not set'}: cut off from its replicas, this primary keeps accepting writes a failover throws away. Set min-replicas-to-write 1 and min-replicas-max-lag 10.`,
      details: 'If a network split isolates the primary, clients on its side keep writing for as long as the split lasts; the other side promotes a replica, and when the old primary rejoins as a replica everything written in between is lost. With min-replicas-to-write 1 and min-replicas-max-lag 10 the primary refuses writes when no replica has acknowledged within 10 seconds, which bounds the loss (the price: writes also stop when every replica is down).',
    });
  },
};
