import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const maxclientsExtreme: Rule = {
  meta: {
    code: 'RG364',
    name: 'maxclients-extreme',
    family: 'operations',
    summary: 'maxclients is very low or very high.',
    severity: levels('information', 'information', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
