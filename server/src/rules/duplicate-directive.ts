import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const duplicateDirective: Rule = {
  meta: {
    code: 'RG371',
    name: 'duplicate-directive',
    family: 'compatibility',
    summary: 'A single-value directive is set twice; the last one silently wins.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
