import { Rule, levels } from './types';

/** TODO: not implemented yet. */
export const replicaWithoutMasterauth: Rule = {
  meta: {
    code: 'RG350',
    name: 'replica-without-masterauth',
    family: 'replication',
    summary: 'A replica points at a primary but has no masterauth.',
    severity: levels('warning', 'warning', 'error', 'error', 'error'),
    fixable: false,
    examples: { bad: '', good: '' },
  },
  check() { /* not implemented */ },
};
