import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const protectedModeOff: Rule = {
  meta: {
    code: 'RG306',
    name: 'protected-mode-off',
    family: 'security',
    summary: 'protected-mode no without authentication opens the server to every network client.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
