import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const sentinelQuorum: Rule = {
  meta: {
    code: 'RG353',
    name: 'sentinel-quorum',
    family: 'replication',
    summary: 'The Sentinel quorum does not fit the number of Sentinels.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
