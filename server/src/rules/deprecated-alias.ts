import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const deprecatedAlias: Rule = {
  meta: {
    code: 'RG372',
    name: 'deprecated-alias',
    family: 'compatibility',
    summary: 'An old name of a directive is used.',
    severity: levels('hint', 'information', 'information', 'information', 'information'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
