import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const daemonizeInContainer: Rule = {
  meta: {
    code: 'RG366',
    name: 'daemonize-in-container',
    family: 'operations',
    summary: 'daemonize yes in a container (beside a Dockerfile or compose file, or on its command line): the container stops at once.',
    severity: levels('warning', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'port 6379\ndaemonize yes\n',
      good: 'port 6379\ndaemonize no\n',
      container: 'beside a Dockerfile',
    },
  },
  check(ctx) {
    if (!ctx.container) return;
    const d = ctx.config.get('daemonize');
    if (!d || (d.values[0] ?? '').toLowerCase() !== 'yes') return;
    ctx.report({
      at: argOf(d, 1),
      message: `daemonize yes ${ctx.container}: the server forks into the background and the container's main process exits at once, so the container stops. Use daemonize no.`,
      fixes: [{ title: 'Set daemonize no', edits: [replaceArg(d, 1, 'no')], safety: 'review' }],
    });
  },
};
