import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const noPersistence: Rule = {
  meta: {
    code: 'RG322',
    name: 'no-persistence',
    family: 'persistence',
    summary: 'Neither snapshots nor AOF are enabled: a restart loses all data.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
