import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const outputBufferHardBelowSoft: Rule = {
  meta: {
    code: 'RG363',
    name: 'output-buffer-hard-below-soft',
    family: 'operations',
    summary: 'A client-output-buffer-limit hard limit is below its soft limit.',
    severity: levels('warning', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
