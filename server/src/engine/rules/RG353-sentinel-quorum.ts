import { Rule, levels, argOf } from './types';

/** Parses a plain non-negative integer, or undefined. */
export function plainInt(v: string | undefined): number | undefined {
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

export const sentinelQuorum: Rule = {
  meta: {
    code: 'RG353',
    name: 'sentinel-quorum',
    family: 'replication',
    summary: 'The Sentinel quorum does not fit the number of Sentinels.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      sentinel: true,
      bad: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 1\n',
      good: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n',
    },
  },
  check(ctx) {
    if (!ctx.sentinel) return;
    const c = ctx.config;
    const known = c.sentinel('known-sentinel');
    for (const m of c.sentinel('monitor')) {
      const name = m.values[1];
      const quorum = plainInt(m.values[4]);
      if (name === undefined || quorum === undefined || quorum < 1) continue;
      const peers = new Set(known.filter(k => k.values[1] === name).map(k => `${k.values[2]}:${k.values[3]}`));
      const total = peers.size + 1;
      const at = argOf(m, 5);
      if (quorum === 1) {
        ctx.report({
          at,
          message: `Quorum 1 for "${name}": one Sentinel's network hiccup is enough to fail the primary over. Run at least three Sentinels on separate machines with quorum 2.`,
          details: `A single Sentinel that loses sight of the primary (its own network hiccup, a paused VM) declares it down and starts a failover${peers.size ? '' : ', and a lone Sentinel also elects itself to carry it out'}. Needless failovers drop the writes the old primary had not yet replicated.`,
        });
      } else if (peers.size && quorum > total) {
        ctx.report({
          at,
          message: `Quorum ${quorum} for "${name}" but this file knows only ${total} Sentinel${total === 1 ? '' : 's'}: the primary is never failed over. Use a majority (${Math.floor(total / 2) + 1}) or add Sentinels.`,
          details: `This one and ${peers.size} from known-sentinel lines: never enough of them can agree that the primary is down. Three Sentinels with quorum 2 is the usual layout.`,
        });
      } else if (peers.size && quorum === total) {
        ctx.report({
          at,
          message: `Quorum ${quorum} for "${name}" equals the Sentinels this file knows (${total}): with one of them down, no failover happens. Use a majority (${Math.floor(total / 2) + 1}).`,
          details: 'While any one Sentinel is down or unreachable the others cannot agree that the primary is down. Three Sentinels with quorum 2 is the usual layout.',
        });
      }
    }
  },
};
