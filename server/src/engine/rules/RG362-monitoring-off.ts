import { Rule, levels, argOf, missingAt } from './types';
import { replaceArg, insertDirective } from '../edits';
import { string2ll } from '../values';
import { privateOnly } from './RG307-bind-all-interfaces';

const SECTIONS = ['LATENCY MONITOR', 'SLOW LOG', 'MONITOR'];

export const monitoringOff: Rule = {
  meta: {
    code: 'RG362',
    name: 'monitoring-off',
    family: 'operations',
    summary: 'The slow log or the latency monitor is switched off.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: {
      bad: 'port 6379\nslowlog-log-slower-than -1\nlatency-monitor-threshold 100\n',
      good: 'port 6379\nslowlog-log-slower-than 10000\nslowlog-max-len 128\nlatency-monitor-threshold 100\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel) return;
    const slower = c.get('slowlog-log-slower-than');
    const slowerValue = slower ? string2ll(slower.values[0] ?? '') : null;
    if (slower && slowerValue !== null && slowerValue < 0n) {
      ctx.report({
        at: argOf(slower, 1),
        message: `slowlog-log-slower-than ${slower.values[0]} switches the slow log off, so SLOWLOG GET cannot show what was slow. Use 10000 (10 ms, the default) or less.`,
        fixes: [{ title: 'Log commands slower than 10 ms (10000)', edits: [replaceArg(slower, 1, '10000')], safety: 'review' }],
      });
    }
    const len = c.get('slowlog-max-len');
    if (len && len.values[0] === '0') {
      ctx.report({
        at: argOf(len, 1),
        message: 'slowlog-max-len 0 keeps no entries: SLOWLOG GET stays empty however slow the commands are. Keep at least the default 128.',
        fixes: [{ title: 'Keep 128 slow log entries', edits: [replaceArg(len, 1, '128')], safety: 'review' }],
      });
    }
    const latency = c.get('latency-monitor-threshold');
    if ((c.value('latency-monitor-threshold') ?? '0') === '0') {
      ctx.report({
        // left at its default on a server only this machine or a private network reaches: a hint, not a finding to act on
        atMost: !latency && privateOnly(c) ? 'hint' : undefined,
        at: latency ? argOf(latency, 1) : missingAt(ctx.config, 'latency-monitor-threshold', SECTIONS),
        message: `${latency ? 'latency-monitor-threshold 0 switches' : 'latency-monitor-threshold is not set, and its default 0 leaves'} the latency monitor off. Set a threshold, e.g. latency-monitor-threshold 100.`,
        details: 'Without it LATENCY LATEST, LATENCY HISTORY and LATENCY DOCTOR have nothing to report when the server stalls (slow forks, disk waits, expiry cycles). The threshold is in milliseconds; the cost is negligible.',
        fixes: () => [{
          title: 'Record events slower than 100 ms (latency-monitor-threshold 100)',
          edits: [latency ? replaceArg(latency, 1, '100') : insertDirective(ctx.text, c, 'latency-monitor-threshold', ['latency-monitor-threshold 100'], SECTIONS)],
          safety: 'review',
        }],
      });
    }
  },
};
