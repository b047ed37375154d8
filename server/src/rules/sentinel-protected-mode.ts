import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const sentinelProtectedMode: Rule = {
  meta: {
    code: 'RG356',
    name: 'sentinel-protected-mode',
    family: 'replication',
    summary: 'Sentinel runs with protected-mode off or on with no bind, which blocks or opens it unexpectedly.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
