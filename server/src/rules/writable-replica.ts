import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const writableReplica: Rule = {
  meta: {
    code: 'RG351',
    name: 'writable-replica',
    family: 'replication',
    summary: 'replica-read-only no lets clients write to a replica; the writes vanish on resync.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
