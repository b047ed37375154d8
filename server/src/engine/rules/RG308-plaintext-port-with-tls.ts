import { Rule, levels, argOf } from './types';
import { replaceArg, insertDirective } from '../edits';

const TLS_FILES = 'tls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\n';

export const plaintextPortWithTls: Rule = {
  meta: {
    code: 'RG308',
    name: 'plaintext-port-with-tls',
    family: 'tls',
    summary: 'A TLS port is configured but the plaintext port stays open.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    // Both examples need the certificate files to exist before the server starts.
    examples: {
      bad: `port 6379\ntls-port 6380\n${TLS_FILES}`,
      good: `port 0\ntls-port 6380\n${TLS_FILES}`,
    },
  },
  check(ctx) {
    const c = ctx.config;
    const tlsPort = c.value('tls-port') ?? '0';
    const port = c.value('port') ?? '6379';
    if (tlsPort === '0' || port === '0') return;
    const set = c.get('port');
    const tls = c.get('tls-port')!;
    // a cluster whose bus is not on TLS derives its bus port from port: closing it breaks the bus
    const plainBus = c.word('cluster-enabled') === 'yes' && c.word('tls-cluster') !== 'yes';
    ctx.report({
      at: set ? argOf(set, 1) : argOf(tls, 0),
      message: `TLS is on (tls-port ${tlsPort}) but ${set ? `port ${port}` : `the plaintext port ${port}`} still accepts clear text. Once every client uses TLS, ${plainBus ? 'set tls-cluster yes first, then ' : ''}set port 0.`,
      details: `Any client, or an attacker who can reach the plaintext port, can skip TLS and send the password in clear text. Replicas count as clients unless tls-replication is yes.${plainBus ? ' This cluster node does not use tls-cluster, and its bus port is derived from port.' : ''}`,
      fixes: () => [{
        title: 'Close the plaintext port (port 0)',
        edits: [set ? replaceArg(set, 1, '0') : insertDirective(ctx.text, c, 'port', ['port 0'], ['NETWORK', 'TLS'])],
        safety: 'review',
      }],
    });
  },
};
