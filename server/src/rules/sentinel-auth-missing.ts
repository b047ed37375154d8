import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const sentinelAuthMissing: Rule = {
  meta: {
    code: 'RG354',
    name: 'sentinel-auth-missing',
    family: 'replication',
    summary: 'Sentinel monitors a primary without auth-pass.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
