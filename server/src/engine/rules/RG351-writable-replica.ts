import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const writableReplica: Rule = {
  meta: {
    code: 'RG351',
    name: 'writable-replica',
    family: 'replication',
    summary: 'replica-read-only no lets clients write to a replica; the writes vanish on resync.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6380\nreplicaof 127.0.0.1 6379\nreplica-read-only no\n',
      good: 'port 6380\nreplicaof 127.0.0.1 6379\nreplica-read-only yes\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const set = ctx.config.get('replica-read-only');
    if (!set || (set.values[0] ?? '').toLowerCase() !== 'no') return;
    const written = set.alias ?? 'replica-read-only';
    const isReplica = ctx.config.get('replicaof') !== undefined;
    ctx.report({
      at: argOf(set, 1),
      message: `${written} no lets clients write to this server as a replica; those writes are lost at the next resync. Keep it yes and write to the primary.`,
      details: `Writes to a replica never reach the primary or the other replicas, and the next full resync silently discards them, so clients see data appear and disappear.${isReplica ? '' : ' Any server can become a replica after a failover or a REPLICAOF.'}`,
      fixes: [{ title: `Set ${written} yes`, edits: [replaceArg(set, 1, 'yes')], safety: 'review' }],
    });
  },
};
