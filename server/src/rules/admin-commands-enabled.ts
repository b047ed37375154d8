import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const adminCommandsEnabled: Rule = {
  meta: {
    code: 'RG313',
    name: 'admin-commands-enabled',
    family: 'security',
    summary: 'DEBUG, MODULE or protected configs are enabled for every client.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
