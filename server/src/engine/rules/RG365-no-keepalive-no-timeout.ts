import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const noKeepaliveNoTimeout: Rule = {
  meta: {
    code: 'RG365',
    name: 'no-keepalive-no-timeout',
    family: 'operations',
    summary: 'timeout 0 with tcp-keepalive 0: dead clients are never noticed.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\ntimeout 0\ntcp-keepalive 0\n',
      good: 'port 6379\ntimeout 0\ntcp-keepalive 300\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const keepalive = c.get('tcp-keepalive');
    if (!keepalive || keepalive.values[0] !== '0') return;
    if ((c.value('timeout') ?? '0') !== '0') return;
    ctx.report({
      at: argOf(keepalive, 1),
      message: `tcp-keepalive 0 with ${c.get('timeout') ? 'timeout 0' : 'no timeout'}: connections of vanished clients stay open forever. Set tcp-keepalive 300 (the default).`,
      details: 'The server neither probes idle connections nor closes them, so a crashed client host or a dropped NAT or firewall entry leaves its connections open, using up maxclients and memory.',
      fixes: [{ title: 'Set tcp-keepalive 300', edits: [replaceArg(keepalive, 1, '300')], safety: 'safe' }],
    });
  },
};
