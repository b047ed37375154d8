/** Spec for RG342 tls-client-auth-off. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const TLS = 'port 0\ntls-port 6380\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\n';
const BAD = TLS + 'tls-auth-clients no\n';

test('RG342 fires at tls-auth-clients no (or optional) when TLS is configured', () => {
  const f = findingsOf('RG342', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[4, 17, 19]]);
  assert.match(f[0].message, /clients need no certificate/);
  assert.match(findingsOf('RG342', TLS + 'tls-ca-cert-file /etc/redis/tls/ca.crt\ntls-auth-clients optional\n')[0].message, /only when offered/);
  assert.equal(findingsOf('RG342', 'tls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-auth-clients no\n').length, 1, 'prepared TLS counts');
});

test('RG342 is quiet with client certificates required or without TLS', () => {
  assert.equal(findingsOf('RG342', TLS + 'tls-ca-cert-file /etc/redis/tls/ca.crt\ntls-auth-clients yes\n').length, 0);
  assert.equal(findingsOf('RG342', TLS + 'tls-ca-cert-file /etc/redis/tls/ca.crt\n').length, 0, 'yes is the default');
  assert.equal(findingsOf('RG342', 'port 6379\ntls-auth-clients no\n').length, 0);
});

test('RG342 is information in production and off in development', () => {
  assert.equal(findingsOf('RG342', BAD)[0].severity, 'information');
  assert.equal(findingsOf('RG342', BAD, { profile: 'development' }).length, 0);
});

test('RG342 can be suppressed', () => {
  assert.equal(findingsOf('RG342', TLS + '# redis-guard-disable-next-line RG342\ntls-auth-clients no\n').length, 0);
  assert.equal(findingsOf('RG342', '# redis-guard-disable RG342\n' + BAD).length, 0);
});
