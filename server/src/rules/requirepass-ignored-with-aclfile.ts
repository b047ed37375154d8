import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const requirepassIgnoredWithAclfile: Rule = {
  meta: {
    code: 'RG304',
    name: 'requirepass-ignored-with-aclfile',
    family: 'security',
    summary: 'requirepass has no effect when aclfile is set.',
    severity: levels('warning', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
