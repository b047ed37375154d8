import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const minReplicasUnset: Rule = {
  meta: {
    code: 'RG352',
    name: 'min-replicas-unset',
    family: 'replication',
    summary: 'No min-replicas-to-write: a primary cut off from its replicas keeps accepting writes that a failover will drop.',
    severity: levels('off', 'information', 'off', 'warning', 'off'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
