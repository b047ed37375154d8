/** Spec for RG341 old-tls-protocols. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const BAD = 'port 6379\ntls-protocols "TLSv1 TLSv1.1 TLSv1.2 TLSv1.3"\n';

test('RG341 fires at the protocol list when it allows TLSv1 or TLSv1.1', () => {
  const f = findingsOf('RG341', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 14, 45]]);
  assert.match(f[0].message, /TLSv1 and TLSv1\.1/);
  assert.equal(findingsOf('RG341', 'tls-protocols "tlsv1.1 tlsv1.2"\n').length, 1, 'names are case-insensitive');
  assert.equal(findingsOf('RG341', 'tls-protocols TLSv1\n').length, 1);
});

test('RG341 is quiet for TLSv1.2 and TLSv1.3', () => {
  assert.equal(findingsOf('RG341', 'tls-protocols "TLSv1.2 TLSv1.3"\n').length, 0);
  assert.equal(findingsOf('RG341', 'tls-protocols TLSv1.3\n').length, 0);
  assert.equal(findingsOf('RG341', 'port 6379\n').length, 0, 'the default allows only TLSv1.2 and TLSv1.3');
});

test('RG341 is an error in production and a warning in development', () => {
  assert.equal(findingsOf('RG341', BAD)[0].severity, 'error');
  assert.equal(findingsOf('RG341', BAD, { profile: 'development' })[0].severity, 'warning');
});

test('RG341 can be suppressed', () => {
  assert.equal(findingsOf('RG341', 'port 6379\n# redis-guard-disable-next-line RG341\ntls-protocols TLSv1\n').length, 0);
  assert.equal(findingsOf('RG341', '# redis-guard-disable RG341\n' + BAD).length, 0);
});

test('RG341 fix allows only TLSv1.2 and TLSv1.3', () => {
  const fixed = applyFirstFix('RG341', BAD);
  assert.equal(fixed, 'port 6379\ntls-protocols "TLSv1.2 TLSv1.3"\n');
  assert.equal(findingsOf('RG341', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const withTls = 'port 0\ntls-port 6380\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\ntls-protocols TLSv1\n';
  assert.deepEqual(fatalOf(applyFirstFix('RG341', withTls)), []);
});
