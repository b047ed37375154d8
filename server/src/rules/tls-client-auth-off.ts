import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const tlsClientAuthOff: Rule = {
  meta: {
    code: 'RG342',
    name: 'tls-client-auth-off',
    family: 'tls',
    summary: 'tls-auth-clients no accepts TLS clients without a certificate.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
