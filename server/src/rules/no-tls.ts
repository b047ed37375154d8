import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const noTls: Rule = {
  meta: {
    code: 'RG340',
    name: 'no-tls',
    family: 'tls',
    summary: 'No TLS: passwords and data cross the network in clear text.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
