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
      message: `tls-protocols allows ${old.join(' and ')}: these protocol versions are deprecated (RFC 8996) and have known weaknesses, and a client or attacker can negotiate the connection down to them. Allow only TLSv1.2 and TLSv1.3 (the server's own default); every current client library supports them.`,
      fixes: [{ title: 'Allow only TLSv1.2 and TLSv1.3', edits: [replaceArg(set, 1, '"TLSv1.2 TLSv1.3"')], safety: 'review' }],
    });
  },
};
