import { clip } from '../messages';
import { Rule, levels, argOf } from './types';
import { plainInt } from './RG353-sentinel-quorum';

interface Bound { sub: string; min: number; max: number; low: string; high: string; suggest: number }

const BOUNDS: Bound[] = [
  {
    sub: 'down-after-milliseconds', min: 1000, max: 60000, suggest: 30000,
    low: 'a short network hiccup, a slow fork or a busy command already makes the primary look down, so Sentinel fails over for nothing and loses unreplicated writes each time',
    high: 'a primary that really died stays unnoticed for over a minute, and clients get errors all that time',
  },
  {
    sub: 'failover-timeout', min: 10000, max: 600000, suggest: 180000,
    low: 'a failover that needs a full resync of a large dataset is cut off before it completes, and a new failover attempt follows quickly',
    high: 'a failover that got stuck is retried only after more than ten minutes',
  },
];

export const sentinelTimeouts: Rule = {
  meta: {
    code: 'RG355',
    name: 'sentinel-timeouts',
    family: 'replication',
    summary: 'down-after-milliseconds or failover-timeout is extreme.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      sentinel: true,
      bad: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\nsentinel down-after-milliseconds mymaster 500\n',
      good: 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\nsentinel down-after-milliseconds mymaster 5000\nsentinel failover-timeout mymaster 60000\n',
    },
  },
  check(ctx) {
    if (!ctx.sentinel) return;
    for (const b of BOUNDS) {
      for (const s of ctx.config.sentinel(b.sub)) {
        const n = plainInt(s.values[2]);
        if (n === undefined || (n >= b.min && n <= b.max)) continue;
        const tooLow = n < b.min;
        ctx.report({
          at: argOf(s, 3),
          message: `${b.sub} ${n} for "${clip(s.values[1] ?? '', 24)}" is ${tooLow ? 'very short' : 'very long'} (${(n / 1000).toString()} s). Keep it between ${b.min / 1000} and ${b.max / 1000} seconds (the default is ${b.suggest}).`,
          details: `${(tooLow ? b.low : b.high).replace(/^./, c => c.toUpperCase())}.`,
        });
      }
    }
  },
};
