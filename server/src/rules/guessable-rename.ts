import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const guessableRename: Rule = {
  meta: {
    code: 'RG311',
    name: 'guessable-rename',
    family: 'security',
    summary: 'A command is renamed to a name that is easy to guess, and the name is written in the file.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
