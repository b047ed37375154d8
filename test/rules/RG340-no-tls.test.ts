/** Spec for RG340 no-tls. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

test('RG340 fires once at the top when the server is reachable over the network without TLS', () => {
  assert.deepEqual(findingsOf('RG340', 'port 6379\n').map(f => [f.line, f.character]), [[0, 0]]);
  assert.equal(findingsOf('RG340', 'bind 10.0.0.5\n').length, 1, 'a private network is still a network');
  assert.equal(findingsOf('RG340', 'bind 127.0.0.1 10.0.0.5\n').length, 1);
  assert.match(findingsOf('RG340', 'port 6379\n')[0].message, /clear text/);
});

test('RG340 on loopback only is a note, not a warning: traffic stays on the machine until bind opens', () => {
  for (const text of ['bind 127.0.0.1 -::1\n', 'bind localhost\n']) {
    const f = findingsOf('RG340', text);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /loopback only/);
  }
  assert.equal(findingsOf('RG340', 'bind 127.0.0.1\n', { profile: 'staging' })[0].severity, 'information');
});

test('RG340 is quiet with TLS, without TCP, and in sentinel.conf', () => {
  assert.equal(findingsOf('RG340', 'port 0\ntls-port 6380\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\n').length, 0);
  assert.equal(findingsOf('RG340', 'tls-replication yes\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\n').length, 0);
  assert.equal(findingsOf('RG340', 'port 0\nunixsocket /run/redis/redis.sock\n').length, 0);
  assert.equal(findingsOf('RG340', 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG340 is off in development, information in staging, a warning in production', () => {
  assert.equal(findingsOf('RG340', 'port 6379\n', { profile: 'development' }).length, 0);
  assert.equal(findingsOf('RG340', 'port 6379\n', { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG340', 'port 6379\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG340', '# redis-guard: profile=cluster\nport 6379\n')[0].severity, 'warning');
});

test('RG340 can be suppressed for the file (its finding sits at the top)', () => {
  assert.equal(findingsOf('RG340', '# redis-guard-disable RG340\nport 6379\n').length, 0);
  assert.equal(findingsOf('RG340', '# redis-guard-disable\nport 6379\n').length, 0);
});

test('RG340 is information on loopback or private-only bind, and a warning where the port is reachable from other networks', () => {
  const sev = (text: string) => findingsOf('RG340', text).map(f => f.severity);
  assert.deepEqual(sev('bind 127.0.0.1 -::1\n'), ['information']);
  assert.deepEqual(sev('bind 10.0.0.5 -::1\n'), ['information']);
  assert.match(findingsOf('RG340', 'bind 172.16.0.9\n')[0].message, /private network/);
  assert.deepEqual(sev('bind 0.0.0.0\n'), ['warning']);
  assert.deepEqual(sev('bind 10.0.0.5 203.0.113.7\n'), ['warning'], 'one public address is enough');
  assert.deepEqual(sev('port 6379\n'), ['warning'], 'no bind line: every interface');
});
