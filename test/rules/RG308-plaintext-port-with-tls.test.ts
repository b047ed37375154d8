/** Spec for RG308 plaintext-port-with-tls. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const CERTS = 'tls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\n';
const BAD = `port 6379\ntls-port 6380\n${CERTS}`;

test('RG308 fires at the port value when a TLS port is open too', () => {
  const f = findingsOf('RG308', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[0, 5, 9]]);
  assert.match(f[0].message, /port 6379 still accepts clear text/);
});

test('RG308 fires at tls-port when the plaintext port is the default', () => {
  const f = findingsOf('RG308', `tls-port 6380\n${CERTS}`);
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 0]]);
  assert.match(f[0].message, /the plaintext port 6379/);
});

test('RG308 is quiet for TLS only or plaintext only', () => {
  assert.equal(findingsOf('RG308', `port 0\ntls-port 6380\n${CERTS}`).length, 0);
  assert.equal(findingsOf('RG308', 'port 6379\n').length, 0);
  assert.equal(findingsOf('RG308', `port 6379\ntls-port 0\n`).length, 0);
});

test('RG308 is off in development, information in staging, a warning in production', () => {
  assert.equal(findingsOf('RG308', BAD, { profile: 'development' }).length, 0);
  assert.equal(findingsOf('RG308', BAD, { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG308', BAD)[0].severity, 'warning');
});

test('RG308 can be suppressed', () => {
  assert.equal(findingsOf('RG308', `# redis-guard-disable-next-line RG308\n${BAD}`).length, 0);
  assert.equal(findingsOf('RG308', `# redis-guard-disable RG308\n${BAD}`).length, 0);
});

test('RG308 fix closes the plaintext port (replacing or adding the port line)', () => {
  const fixed = applyFirstFix('RG308', BAD);
  assert.equal(fixed, `port 0\ntls-port 6380\n${CERTS}`);
  assert.equal(findingsOf('RG308', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const added = applyFirstFix('RG308', `tls-port 6380\n${CERTS}`);
  assert.equal(added, `tls-port 6380\n${CERTS}port 0\n`);
  assert.equal(findingsOf('RG308', added).length, 0);
  assert.deepEqual(fatalOf(added), []);
});

test('RG308 fix is manual on a cluster node whose bus is not on TLS', () => {
  const cluster = `${BAD}cluster-enabled yes\n`;
  const f = findingsOf('RG308', cluster)[0];
  assert.equal(f.fixes![0].safety, 'review');
  assert.match(f.message, /set tls-cluster yes first, then set port 0/);
  assert.equal(findingsOf('RG308', `${cluster}tls-cluster yes\n`)[0].fixes![0].safety, 'review');
});
