import { Rule, levels, lineOf } from './types';
import { deleteLine } from '../edits';
import { lookupDirective } from '../catalog';
import { Setting } from '../config-view';
import { isAbsolutePath } from './RG323-relative-dir';

/** Directives whose lines add up instead of replacing each other. */
export const REPEATABLE = new Set(['save', 'rename-command', 'user', 'include', 'loadmodule', 'client-output-buffer-limit', 'sentinel']);

/**
 * `dir` changes directory while the file is read: an `include` or a relative `dir`
 * after it resolves against it, so deleting an earlier one is only safe when neither follows.
 */
function dirDeletionSafe(all: Setting[], i: number, includes: number[]): boolean {
  const here = all[i].directive.line.index;
  const last = all[all.length - 1].directive.line.index;
  if (!isAbsolutePath(all[i + 1].values[0] ?? '')) return false;
  return !includes.some(l => l > here && l < last);
}

export const duplicateDirective: Rule = {
  meta: {
    code: 'RG371',
    name: 'duplicate-directive',
    family: 'compatibility',
    summary: 'A single-value directive is set twice; the last one silently wins.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\nmaxmemory 1gb\nmaxmemory-policy noeviction\nmaxmemory 2gb\n',
      good: 'port 6379\nmaxmemory-policy noeviction\nmaxmemory 2gb\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const includes = c.all('include').map(s => s.directive.line.index);
    for (const name of c.names()) {
      if (REPEATABLE.has(name) || name.includes('.')) continue;
      const info = lookupDirective(name, ctx.target.id);
      if (!info || info.spec.type === 'ignored') continue;
      const all = c.all(name);
      if (all.length < 2) continue;
      const winner = all[all.length - 1];
      const winnerLine = winner.directive.line.index + 1;
      const winnerName = winner.alias ?? name;
      for (let i = 0; i < all.length - 1; i++) {
        const s = all[i];
        const written = s.alias ?? name;
        const also = written !== winnerName ? ` (${written} and ${winnerName} are the same setting)` : '';
        const safe = name !== 'dir' || dirDeletionSafe(all, i, includes);
        ctx.report({
          at: lineOf(s),
          message: `${written} is set again on line ${winnerLine}${also}; the last line wins, so this one has no effect. Keep a single ${name} line.`,
          details: `Whoever edits this line will expect it to matter.${name === 'dir' ? ' dir also changes the directory for the lines that follow it, such as include and a relative dir.' : ''}`,
          fixes: [{ title: `Delete this overridden ${written} line`, edits: [deleteLine(s)], safety: safe ? 'safe' : 'review' }],
        });
      }
    }
  },
};
