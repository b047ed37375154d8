import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const rdbIntegrityOff: Rule = {
  meta: {
    code: 'RG325',
    name: 'rdb-integrity-off',
    family: 'persistence',
    summary: 'RDB checksums or compression are switched off.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
