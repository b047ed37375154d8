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
      message: `tcp-keepalive 0 with ${c.get('timeout') ? 'timeout 0' : 'no timeout (default 0)'}: the server neither probes idle connections nor closes them, so connections of clients that vanished (a crashed host, a dropped NAT or firewall entry) stay open forever and use up maxclients and memory. Set tcp-keepalive 300 (the default) so dead peers are detected.`,
      fixes: [{ title: 'Set tcp-keepalive 300', edits: [replaceArg(keepalive, 1, '300')], safety: 'safe' }],
    });
  },
};
