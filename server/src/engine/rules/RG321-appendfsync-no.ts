import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const appendfsyncNo: Rule = {
  meta: {
    code: 'RG321',
    name: 'appendfsync-no',
    family: 'persistence',
    summary: 'appendfsync no leaves flushing to the OS: up to ~30 s of writes can be lost.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\ndir ./\nappendonly yes\nappendfsync no\n',
      good: 'port 6379\ndir ./\nappendonly yes\nappendfsync everysec\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const set = ctx.config.get('appendfsync');
    if (!set || (set.values[0] ?? '').toLowerCase() !== 'no') return;
    const aofOn = (ctx.config.word('appendonly') ?? 'no') === 'yes';
    ctx.report({
      at: argOf(set, 1),
      message: `appendfsync no never asks the disk to flush the append-only file; the operating system writes it back when it likes (on Linux typically every 30 seconds), so a power loss or kernel crash can lose that much acknowledged data${aofOn ? '' : ' once AOF is switched on (appendonly is off now)'}. Use appendfsync everysec: at most about one second is lost, at a small cost.`,
      fixes: [{ title: 'Use appendfsync everysec', edits: [replaceArg(set, 1, 'everysec')], safety: 'review' }],
    });
  },
};
