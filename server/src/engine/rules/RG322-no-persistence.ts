import { Rule, levels, argOf } from './types';
import { enableAofFix, AOF_SWITCH_NOTE, snapshotsCleared } from './persistence';

export const noPersistence: Rule = {
  meta: {
    code: 'RG322',
    name: 'no-persistence',
    family: 'persistence',
    summary: 'Neither snapshots nor AOF are enabled: a restart loses all data.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'port 6379\ndir ./\nsave ""\nappendonly no\n',
      good: 'port 6379\ndir ./\nsave ""\nappendonly yes\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel || ctx.role === 'cache') return;
    const c = ctx.config;
    if ((c.word('appendonly') ?? 'no') !== 'no') return;
    const cleared = snapshotsCleared(c);
    if (!cleared) return;
    const line = cleared.directive.line.index + 1;
    ctx.report({
      at: argOf(cleared, 1),
      message: `save "" on line ${line} turns snapshots off and the AOF is off too: nothing is written to disk, so a restart starts empty. Turn on appendonly yes.`,
      details: `Or restore snapshot points (e.g. save 3600 1 300 100 60 10000). ${AOF_SWITCH_NOTE} ${ctx.roleReason}`,
      fixes: () => [enableAofFix(ctx)],
    });
  },
};
