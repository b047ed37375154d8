import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const bindAllInterfaces: Rule = {
  meta: {
    code: 'RG307',
    name: 'bind-all-interfaces',
    family: 'security',
    summary: 'The server listens on all interfaces or a public address without TLS.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
