import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const maxmemoryUnset: Rule = {
  meta: {
    code: 'RG330',
    name: 'maxmemory-unset',
    family: 'memory',
    summary: 'No maxmemory: the server grows until the OS kills it.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
