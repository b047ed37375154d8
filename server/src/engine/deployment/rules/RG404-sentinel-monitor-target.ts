import { levels, argOf } from '../../rules/types';
import { listensAt } from '../view';
import { DeploymentRule, nameOf, placeOf } from './types';

export const sentinelMonitorTarget: DeploymentRule = {
  meta: {
    code: 'RG404',
    name: 'sentinel-monitor-target',
    family: 'replication',
    summary: "A Sentinel monitors an address and port where no primary file of the deployment listens.",
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    const data = ctx.members.filter(m => m.member.role !== 'sentinel');
    if (!data.length) return;
    for (const s of ctx.sentinels) {
      for (const mon of s.view.monitors) {
        const at = { ...argOf(mon.setting, 3), character: argOf(mon.setting, 3).character, endCharacter: argOf(mon.setting, 4).endCharacter };
        const hit = data.filter(d => listensAt(d.view, mon.host, mon.port, [d.member.host]));
        const primary = hit.find(h => h.member.role === 'primary');
        if (primary) continue;
        const replica = hit.find(h => h.member.role === 'replica');
        if (replica) {
          ctx.report({
            in: s, at,
            message: `"${mon.name}" points at ${mon.host}:${mon.port}, which is ${nameOf(replica)}, a replica, not the primary.`,
            details: 'Sentinel expects the monitored address to be the primary. A replica there reports role:slave, so Sentinel judges the wrong server, and after a restart from this file it may follow a stale topology. Point sentinel monitor at the primary; Sentinel finds the replicas itself.',
            related: [{ in: replica, at: placeOf(replica.view, replica.view.replicaof?.setting), message: `${nameOf(replica)}: a replica` }],
          });
          continue;
        }
        if (ctx.primaryOf(mon.host, mon.port)) continue; // a name no file binds (a container's service name) stands for the only primary
        const p = ctx.primaries[0] ?? data[0];
        ctx.report({
          in: s, at,
          message: `"${mon.name}" points at ${mon.host}:${mon.port}, where no data node of this deployment listens (${nameOf(p)} listens on ${p.member.host}:${p.view.port}).`,
          details: 'A Sentinel that cannot reach the address it monitors marks that primary down at once and never discovers its replicas or the other Sentinels, so it cannot fail anything over. Use the primary\'s address (its bind or announce address) and port.',
          related: [{ in: p, at: placeOf(p.view, p.view.config.get('port') ?? p.view.config.get('bind')), message: `${nameOf(p)}: where the primary listens` }],
        });
      }
    }
  },
};
