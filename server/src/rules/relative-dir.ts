import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const relativeDir: Rule = {
  meta: {
    code: 'RG323',
    name: 'relative-dir',
    family: 'persistence',
    summary: 'dir is relative, so data lands wherever the server was started.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
