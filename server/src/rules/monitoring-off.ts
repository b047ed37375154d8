import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const monitoringOff: Rule = {
  meta: {
    code: 'RG362',
    name: 'monitoring-off',
    family: 'operations',
    summary: 'The slow log or the latency monitor is switched off.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
