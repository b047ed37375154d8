import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const sentinelTimeouts: Rule = {
  meta: {
    code: 'RG355',
    name: 'sentinel-timeouts',
    family: 'replication',
    summary: 'down-after-milliseconds or failover-timeout is extreme.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
