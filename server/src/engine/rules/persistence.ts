/** What the persistence rules share: where appendonly goes, its quick fix, and whether snapshots are off. */
import type { RuleContext } from './types';
import { ConfigView, Setting } from '../config-view';
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

/**
 * The `save ""` line that leaves the server without snapshot points, or undefined
 * when snapshots stay on. `save ""` clears every point; pairs after it add new ones;
 * without any save line the defaults apply.
 */
export function snapshotsCleared(config: ConfigView): Setting | undefined {
  const lines = config.all('save');
  let lastClear = -1;
  lines.forEach((s, i) => { if (s.values.length === 1 && s.values[0] === '') lastClear = i; });
  if (lastClear === -1) return undefined;
  const later = lines.slice(lastClear + 1).some(s => s.values.length >= 2);
  return later ? undefined : lines[lastClear];
}
