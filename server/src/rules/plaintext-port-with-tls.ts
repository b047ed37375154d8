import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const plaintextPortWithTls: Rule = {
  meta: {
    code: 'RG308',
    name: 'plaintext-port-with-tls',
    family: 'tls',
    summary: 'A TLS port is configured but the plaintext port stays open.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
