import { Rule, RuleContext, levels, argOf, missingAt } from './types';
import { replaceArg, insertDirective } from '../edits';
import type { Fix } from '../findings';

/** Sections where a person would look for appendonly. */
export const AOF_SECTIONS = ['APPEND ONLY', 'AOF', 'PERSISTENCE', 'SNAPSHOTTING'];

/**
 * The quick fix "appendonly yes": replaces the winning value or inserts the line.
 * Not automatic: restarting an instance that holds data with `appendonly yes` newly
 * in the file starts it from an empty AOF and ignores dump.rdb (checked on 7.0.15).
 */
export function enableAofFix(ctx: RuleContext): Fix {
  const set = ctx.config.get('appendonly');
  return {
    title: 'Set appendonly yes (on a live server run CONFIG SET appendonly yes first)',
    edits: [set ? replaceArg(set, 1, 'yes') : insertDirective(ctx.text, ctx.config, 'appendonly', ['appendonly yes'], AOF_SECTIONS)],
    safety: 'review',
  };
}

/** Caveat shared by the AOF messages. */
export const AOF_SWITCH_NOTE = 'On a server that already holds data, run CONFIG SET appendonly yes first and wait for the rewrite to finish before restarting: a restart with appendonly newly set to yes starts from an empty AOF and ignores dump.rdb.';

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
    const set = c.get('appendonly');
    ctx.report({
      at: set ? argOf(set, 1) : missingAt(ctx.config, 'appendonly', AOF_SECTIONS),
      message: `${set ? 'appendonly is no' : 'appendonly is not set, so it is off (the default)'}: only RDB snapshots persist data, and every write since the last snapshot (minutes of data) is lost when the server crashes or the machine reboots. Turn on the append-only file (appendonly yes, with appendfsync everysec at most about one second is lost). ${AOF_SWITCH_NOTE} If this instance is a disposable cache, mark it with "# redis-guard: role=cache".`,
      fixes: () => [enableAofFix(ctx)],
    });
  },
};
