import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const loglevelDebug: Rule = {
  meta: {
    code: 'RG361',
    name: 'loglevel-debug',
    family: 'operations',
    summary: 'loglevel debug or verbose in production floods the log.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\nloglevel debug\n',
      good: 'port 6379\nloglevel notice\n',
    },
  },
  check(ctx) {
    const set = ctx.config.get('loglevel');
    const level = (set?.values[0] ?? '').toLowerCase();
    if (!set || (level !== 'debug' && level !== 'verbose')) return;
    ctx.report({
      at: argOf(set, 1),
      message: `loglevel ${level} logs ${level === 'debug' ? 'nearly every event' : 'every client connection'}: the log fills the disk and buries the warnings. Use notice for production.`,
      details: 'The log grows fast, and writing it costs time on a busy server.',
      fixes: [{ title: 'Set loglevel notice', edits: [replaceArg(set, 1, 'notice')], safety: 'safe' }],
    });
  },
};
