import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const passwordInFile: Rule = {
  meta: {
    code: 'RG305',
    name: 'password-in-file',
    family: 'security',
    summary: 'A password is written in the config file.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
