import { levels } from '../../rules/types';
import { DeploymentRule, nameOf, placeOf } from './types';

export const failoverWritableReplica: DeploymentRule = {
  meta: {
    code: 'RG403',
    name: 'failover-writable-replica',
    family: 'replication',
    summary: 'A primary that Sentinel may turn into a replica has replica-read-only no.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
  },
  check(ctx) {
    if (!ctx.sentinels.length) return;
    for (const p of ctx.primaries) {
      const set = p.view.config.get('replica-read-only');
      if (!set || (set.values[0] ?? '').toLowerCase() !== 'no') continue;
      const watcher = ctx.sentinels.find(s => s.view.monitors.some(m => ctx.primaryOf(m.host, m.port) === p));
      if (!watcher) continue;
      ctx.report({
        in: p,
        at: placeOf(p.view, set),
        message: 'After a failover Sentinel makes this server a replica, and with replica-read-only no it then accepts writes that its new primary never sees.',
        details: 'replica-read-only only matters while a server is a replica, but in a Sentinel deployment every data node takes that role sooner or later. Writes sent to a writable replica stay local, are lost at its next full sync and are not passed on to other replicas. Keep replica-read-only yes (the default) on every data node.',
        related: [{ in: watcher, at: placeOf(watcher.view, watcher.view.monitors[0].setting), message: `${nameOf(watcher)}: the Sentinel that fails it over` }],
      });
    }
  },
};
