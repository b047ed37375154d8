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
      message: `appendfsync no leaves flushing the AOF to the operating system: a crash can lose ~30 s of acknowledged writes${aofOn ? '' : ' once AOF is on'}. Use everysec.`,
      details: `The operating system writes the file back when it likes (on Linux typically every 30 seconds), so a power loss or kernel crash loses that much.${aofOn ? '' : ' appendonly is off now, so this matters once AOF is switched on.'} With everysec at most about one second is lost, at a small cost.`,
      fixes: [{ title: 'Use appendfsync everysec', edits: [replaceArg(set, 1, 'everysec')], safety: 'review' }],
    });
  },
};
