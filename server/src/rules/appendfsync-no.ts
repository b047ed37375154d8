import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const appendfsyncNo: Rule = {
  meta: {
    code: 'RG321',
    name: 'appendfsync-no',
    family: 'persistence',
    summary: 'appendfsync no leaves flushing to the OS: up to ~30 s of writes can be lost.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
