import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const aofDisabled: Rule = {
  meta: {
    code: 'RG320',
    name: 'aof-disabled',
    family: 'persistence',
    summary: 'Append-only file persistence is off.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
