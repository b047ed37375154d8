import { levels } from '../../rules/types';
import { snapshotsCleared } from '../../rules/persistence';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';

const aof = (m: MemberFile) => (m.view.config.get('appendonly')?.values[0] ?? 'no').toLowerCase() === 'yes';
const persists = (m: MemberFile) => aof(m) || !snapshotsCleared(m.view.config);

export const primaryWithoutPersistence: DeploymentRule = {
  meta: {
    code: 'RG410',
    name: 'primary-without-persistence',
    family: 'persistence',
    summary: 'The primary keeps nothing on disk while it has replicas: restarted empty, it wipes them.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    for (const p of ctx.primaries) {
      if (persists(p)) continue;
      const mine = ctx.replicas.filter(r => r.view.replicaof && ctx.primaryOf(r.view.replicaof.host, r.view.replicaof.port) === p);
      if (!mine.length) continue;
      const saving = mine.filter(persists);
      ctx.report({
        in: p, at: placeOf(p.view, snapshotsCleared(p.view.config) ?? p.view.config.get('appendonly')),
        message: `This primary keeps nothing on disk: if it restarts (a crash, a service manager) it comes back empty and its ${mine.length} replica${mine.length === 1 ? '' : 's'} copy the empty dataset.`,
        details: `A replica always takes over its primary's dataset at a full sync, even an empty one${saving.length ? `; that ${saving.map(nameOf).join(' and ')} keep${saving.length === 1 ? 's' : ''} snapshots or an AOF does not help, it is replaced too` : ''}. Sentinel does not help either when the restart is quicker than down-after-milliseconds. Turn on AOF or snapshots on the primary, or keep it from restarting automatically.`,
        related: mine.map(r => ({ in: r, at: placeOf(r.view, r.view.replicaof!.setting), message: `${nameOf(r)}: replicates from it` })),
      });
    }
  },
};
