import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

const OLD = new Set(['tlsv1', 'tlsv1.1']);

export const oldTlsProtocols: Rule = {
  meta: {
    code: 'RG341',
    name: 'old-tls-protocols',
    family: 'tls',
    summary: 'tls-protocols allows TLSv1 or TLSv1.1.',
    severity: levels('warning', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'port 6379\ntls-protocols "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"\n',
      good: 'port 6379\ntls-protocols "TLSv1.2 TLSv1.3"\n',
    },
  },
  check(ctx) {
    const set = ctx.config.get('tls-protocols');
    if (!set) return;
    // the server splits the list on blanks and compares each name without regard to case
    const old = (set.values[0] ?? '').split(/\s+/).filter(p => OLD.has(p.toLowerCase()));
    if (!old.length) return;
    ctx.report({
      at: argOf(set, 1),
      message: `tls-protocols allows ${old.join(' and ')}, deprecated versions a connection can be forced down to. Allow only TLSv1.2 and TLSv1.3 (the default).`,
      details: 'TLS 1.0 and 1.1 are deprecated by RFC 8996 and have known weaknesses; a client or an attacker on the path can negotiate a connection down to them. Every current client library supports TLS 1.2 and 1.3.',
      fixes: [{ title: 'Allow only TLSv1.2 and TLSv1.3', edits: [replaceArg(set, 1, '"TLSv1.2 TLSv1.3"')], safety: 'review' }],
    });
  },
};
