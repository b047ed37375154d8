import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const defaultUserNopass: Rule = {
  meta: {
    code: 'RG302',
    name: 'default-user-nopass',
    family: 'security',
    summary: 'The default user is enabled without a password.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
