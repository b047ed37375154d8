import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const oldTlsProtocols: Rule = {
  meta: {
    code: 'RG341',
    name: 'old-tls-protocols',
    family: 'tls',
    summary: 'tls-protocols allows TLSv1 or TLSv1.1.',
    severity: levels('warning', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
