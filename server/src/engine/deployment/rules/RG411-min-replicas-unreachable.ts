import { levels } from '../../rules/types';
import { DeploymentRule, nameOf, placeOf } from './types';

export const minReplicasUnreachable: DeploymentRule = {
  meta: {
    code: 'RG411',
    name: 'min-replicas-unreachable',
    family: 'replication',
    summary: 'min-replicas-to-write asks for more replicas than the deployment has: every write is refused.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    if (ctx.deployment.kind === 'cluster') return;
    const data = ctx.members.filter(m => m.member.role === 'primary' || m.member.role === 'replica');
    if (data.length < 2) return;
    for (const m of data) {
      const set = m.view.config.get('min-replicas-to-write');
      const n = Number(set?.values[0]);
      if (!set || !Number.isInteger(n) || n < 1) continue;
      // as primary (now, or after a failover) it has every other data node as replica at most
      const available = data.length - 1;
      if (n <= available) continue;
      const others = data.filter(o => o !== m);
      ctx.report({
        in: m, at: placeOf(m.view, set),
        message: `min-replicas-to-write ${n}, but the deployment has ${available} other data node${available === 1 ? '' : 's'}: as primary this server refuses every write (NOREPLICAS).`,
        details: `A primary accepts writes only while at least min-replicas-to-write replicas are connected with a lag under min-replicas-max-lag seconds; otherwise it answers "NOREPLICAS Not enough good replicas to write". With fewer replicas than that in the deployment it refuses writes for good. Use at most ${available}, usually one less than the replicas you run so that one can be down.`,
        related: others.map(o => ({ in: o, at: placeOf(o.view, o.view.replicaof?.setting ?? o.view.config.get('port')), message: `${nameOf(o)}: ${o.member.role}` })),
      });
    }
  },
};
