/** Spec for RG401 replica-auth-mismatch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findingsOf, relatedOf, PW } from './helpers';

const primary = (auth: string) => `port 6380\n${auth}\n`;
const replica = (lines: string) => `port 6381\nreplicaof 127.0.0.1 6380\n${lines}\n`;

test('RG401: a masterauth that is not the primary\'s requirepass, on the masterauth line, pointing at requirepass', () => {
  const f = findingsOf('RG401', { 'primary.conf': primary(`requirepass ${PW}`), 'replica-1.conf': replica('masterauth wrong') });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['replica-1.conf', 3]]);
  assert.match(f[0].message, /WRONGPASS/);
  assert.ok(f[0].message.length <= 160, f[0].message);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 2]]);
  assert.equal(f[0].severity, 'error');
});

test('RG401: ACL users, plain and hashed passwords, unknown or disabled users, missing replication permissions', () => {
  const hash = createHash('sha256').update(PW).digest('hex');
  const ok = { 'primary.conf': primary(`user default off\nuser repl on #${hash} +psync +replconf +ping`), 'replica-1.conf': replica(`masteruser repl\nmasterauth ${PW}`) };
  assert.equal(findingsOf('RG401', ok).length, 0, 'a hashed password matches');
  assert.match(findingsOf('RG401', { ...ok, 'replica-1.conf': replica(`masteruser nobody\nmasterauth ${PW}`) })[0].message, /has no user "nobody"/);
  assert.match(findingsOf('RG401', { ...ok, 'primary.conf': primary(`user repl off #${hash} +psync +replconf +ping`) })[0].message, /is off/);
  const noperm = findingsOf('RG401', { ...ok, 'primary.conf': primary(`user repl on >${PW} +ping`) });
  assert.match(noperm[0].message, /may not run psync, replconf: .*NOPERM/);
  assert.equal(findingsOf('RG401', { ...ok, 'primary.conf': primary(`user repl on >${PW} +@all`) }).length, 0);
});

test('RG401: masterauth towards a primary without a password (its AUTH is answered with an error)', () => {
  const f = findingsOf('RG401', { 'primary.conf': primary('maxmemory 1gb'), 'replica-1.conf': replica(`masterauth ${PW}`) });
  assert.match(f[0].message, /has no password/);
  assert.equal(findingsOf('RG401', { 'primary.conf': primary('maxmemory 1gb'), 'replica-1.conf': replica('maxmemory 1gb') }).length, 0, 'no masterauth: RG350 in the file itself');
});

test('RG401: with Sentinels, the primary must log in to its replicas after a failover', () => {
  const texts = { 'primary.conf': primary(`requirepass ${PW}`), 'replica-1.conf': replica(`requirepass ${PW}\nmasterauth ${PW}`), 'sentinel-1.conf': 'port 26380\nsentinel monitor m 127.0.0.1 6380 2\n' };
  const f = findingsOf('RG401', texts);
  assert.deepEqual(f.map(x => x.file), ['primary.conf']);
  assert.match(f[0].message, /After a failover/);
  assert.equal(findingsOf('RG401', { ...texts, 'primary.conf': primary(`requirepass ${PW}\nmasterauth ${PW}`) }).length, 0);
});

test('RG401: suppression in the file the finding is in; the development profile lowers it', () => {
  const texts = { 'primary.conf': primary(`requirepass ${PW}`), 'replica-1.conf': replica('# redis-guard-disable-next-line RG401\nmasterauth wrong') };
  assert.equal(findingsOf('RG401', texts).length, 0);
  const dev = findingsOf('RG401', { ...texts, 'replica-1.conf': replica('masterauth wrong') }, { profile: 'development' });
  assert.equal(dev[0].severity, 'warning');
  assert.equal(findingsOf('RG401', { ...texts, 'replica-1.conf': replica('masterauth wrong') }, { rules: { RG401: 'off' } }).length, 0);
});
