import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const unusualFilename: Rule = {
  meta: {
    code: 'RG324',
    name: 'unusual-filename',
    family: 'persistence',
    summary: 'dbfilename or appendfilename has an unusual name or extension.',
    severity: levels('off', 'hint', 'information', 'information', 'information'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
