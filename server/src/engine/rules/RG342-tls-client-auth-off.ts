import { Rule, levels, argOf } from './types';
import { tlsConfigured } from './RG340-no-tls';

export const tlsClientAuthOff: Rule = {
  meta: {
    code: 'RG342',
    name: 'tls-client-auth-off',
    family: 'tls',
    summary: 'tls-auth-clients no (or optional) accepts TLS clients without a certificate.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: {
      bad: 'port 6379\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-auth-clients no\n',
      good: 'port 6379\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\ntls-auth-clients yes\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const set = c.get('tls-auth-clients');
    if (!set || !tlsConfigured(c)) return;
    const mode = (set.values[0] ?? '').toLowerCase();
    if (mode !== 'no' && mode !== 'optional') return;
    ctx.report({
      at: argOf(set, 1),
      message: `tls-auth-clients ${mode}: ${mode === 'no' ? 'clients need no certificate' : 'a certificate is checked only when offered'}, so only the password guards the TLS port. Require client certificates.`,
      details: 'Anyone who can reach the TLS port can open an encrypted connection. Where you control the clients, issue them certificates from your own CA, set tls-ca-cert-file and tls-auth-clients yes.',
    });
  },
};
