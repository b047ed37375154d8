import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const noKeepaliveNoTimeout: Rule = {
  meta: {
    code: 'RG365',
    name: 'no-keepalive-no-timeout',
    family: 'operations',
    summary: 'timeout 0 with tcp-keepalive 0: dead clients are never noticed.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
