import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const loglevelDebug: Rule = {
  meta: {
    code: 'RG361',
    name: 'loglevel-debug',
    family: 'operations',
    summary: 'loglevel debug or verbose in production floods the log.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
