import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const logfileEmptyWithDaemonize: Rule = {
  meta: {
    code: 'RG360',
    name: 'logfile-empty-with-daemonize',
    family: 'operations',
    summary: 'logfile "" with daemonize yes sends logs to /dev/null.',
    severity: levels('warning', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
