import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const renameCommandDeprecated: Rule = {
  meta: {
    code: 'RG312',
    name: 'rename-command-deprecated',
    family: 'compatibility',
    summary: 'rename-command is deprecated in favour of ACLs and must match on every replica.',
    severity: levels('hint', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
