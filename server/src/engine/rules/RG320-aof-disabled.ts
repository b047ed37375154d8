import { Rule, levels, argOf, missingAt } from './types';
import { enableAofFix, AOF_SECTIONS, AOF_SWITCH_NOTE, snapshotsCleared } from './persistence';

export const aofDisabled: Rule = {
  meta: {
    code: 'RG320',
    name: 'aof-disabled',
    family: 'persistence',
    summary: 'Append-only file persistence is off: everything written since the last snapshot is lost on a crash.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\ndir ./\nappendonly no\n',
      good: 'port 6379\ndir ./\nappendonly yes\nappendfsync everysec\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel || ctx.role === 'cache') return;
    const c = ctx.config;
    if ((c.word('appendonly') ?? 'no') !== 'no') return;
    // with snapshots off too, nothing is kept at all: RG322 says so
    if (snapshotsCleared(c)) return;
    const set = c.get('appendonly');
    ctx.report({
      at: set ? argOf(set, 1) : missingAt(ctx.config, 'appendonly', AOF_SECTIONS),
      message: `${set ? 'appendonly is no' : 'appendonly is not set, so it is off (the default)'}: only RDB snapshots persist data, so a crash loses the writes since the last one. Turn on appendonly yes.`,
      details: `Snapshots are minutes apart; with appendonly yes and appendfsync everysec at most about one second of writes is lost. ${AOF_SWITCH_NOTE} ${ctx.roleReason}`,
      fixes: () => [enableAofFix(ctx)],
    });
  },
};
