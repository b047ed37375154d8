import { levels, argOf } from '../../rules/types';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';

export const sentinelQuorumCount: DeploymentRule = {
  meta: {
    code: 'RG405',
    name: 'sentinel-quorum-count',
    family: 'replication',
    summary: 'The quorum does not fit the Sentinels of the deployment, or they name the primary differently.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    for (const p of ctx.primaries) {
      const watching: Array<{ s: MemberFile; mon: MemberFile['view']['monitors'][number] }> = [];
      for (const s of ctx.sentinels) for (const mon of s.view.monitors) if (ctx.primaryOf(mon.host, mon.port) === p) watching.push({ s, mon });
      if (!watching.length) continue;
      // every Sentinel of the deployment is meant to watch this primary (one that watches another address is RG404's)
      const n = ctx.sentinels.length;
      const first = watching[0];
      for (const w of watching) {
        if (w.mon.name !== first.mon.name) {
          ctx.report({
            in: w.s, at: argOf(w.mon.setting, 2),
            message: `This Sentinel calls the primary "${w.mon.name}", ${nameOf(first.s)} calls it "${first.mon.name}": they do not count each other, so their votes never add up.`,
            details: 'Sentinels find each other through hello messages that carry the primary\'s name, and count the votes for a failover per name. Sentinels that use different names for one primary act as separate groups, each too small for its quorum and majority. Use one name in every sentinel.conf.',
            related: [{ in: first.s, at: argOf(first.mon.setting, 2), message: `${nameOf(first.s)}: "${first.mon.name}"` }],
          });
          continue;
        }
        const q = w.mon.quorum;
        if (q === undefined) continue;
        const others = watching.filter(o => o !== w).map(o => ({ in: o.s, at: placeOf(o.s.view, o.mon.setting), message: `${nameOf(o.s)}: another Sentinel of "${w.mon.name}"` }));
        if (q > n) {
          ctx.report({
            in: w.s, at: argOf(w.mon.setting, 5),
            message: `Quorum ${q} but the deployment has ${n} Sentinel${n === 1 ? '' : 's'} for "${w.mon.name}": never enough agree that the primary is down, so it is never failed over.`,
            details: `The quorum is how many Sentinels must see the primary down before a failover starts. With more than there are Sentinels it can never be reached. Use a majority of ${n} (${Math.floor(n / 2) + 1}); three Sentinels with quorum 2 is the usual layout.`,
            related: others,
          });
        } else if (q === n && n > 1) {
          ctx.report({
            in: w.s, at: argOf(w.mon.setting, 5),
            message: `Quorum ${q} equals the number of Sentinels (${n}): while any one of them is down no failover can start.`,
            details: `Every Sentinel must agree, so one Sentinel down or cut off blocks every failover. Use a majority (${Math.floor(n / 2) + 1}).`,
            related: others,
          });
        }
      }
    }
  },
};
