/** Spec for RG409 tls-mixed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const TLS = 'tls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\n';

test('RG409: a member without TLS when another has it', () => {
  const f = findingsOf('RG409', { 'primary.conf': `port 6380\ntls-port 6390\n${TLS}`, 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['replica-1.conf', 1]]);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 2]]);
});

test('RG409: tls-replication towards the plain-text port, or plain replication towards the TLS port', () => {
  const p = `port 6380\ntls-port 6390\n${TLS}`;
  const toPlain = findingsOf('RG409', { 'primary.conf': p, 'replica-1.conf': `port 0\ntls-port 6391\n${TLS}tls-replication yes\nreplicaof 127.0.0.1 6380\n` });
  assert.match(toPlain[0].message, /TLS handshake fails/);
  const toTls = findingsOf('RG409', { 'primary.conf': p, 'replica-1.conf': `port 0\ntls-port 6391\n${TLS}replicaof 127.0.0.1 6390\n` });
  assert.match(toTls[0].message, /connects without TLS/);
  assert.equal(findingsOf('RG409', { 'primary.conf': p, 'replica-1.conf': `port 0\ntls-port 6391\n${TLS}tls-replication yes\nreplicaof 127.0.0.1 6390\n` }).length, 0);
});
