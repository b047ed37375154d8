/** Spec for RG356 sentinel-protected-mode. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const S = { sentinel: true };
const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';
const MON = 'sentinel monitor m 10.0.0.5 6379 2\n';

test('RG356 fires when Sentinel is open: protected-mode no or unset (off by default in Sentinel), no password', () => {
  const off = findingsOf('RG356', 'port 26379\nprotected-mode no\n' + MON, S);
  assert.deepEqual(off.map(x => [x.line, x.character, x.endCharacter]), [[1, 15, 17]]);
  assert.match(off[0].message, /trigger a failover/);
  assert.match(off[0].details!, /SENTINEL FAILOVER/);
  const unset = findingsOf('RG356', 'port 26379\n' + MON, S);
  assert.deepEqual(unset.map(x => [x.line, x.character]), [[0, 0]]);
  assert.match(unset[0].message, /off \(the Sentinel default\)/);
  assert.equal(findingsOf('RG356', `port 26379\nprotected-mode no\nsentinel sentinel-pass ${PW}\n` + MON, S).length, 1, 'sentinel-pass does not protect this Sentinel');
});

test('RG356 fires when protected-mode yes without a password blocks the other Sentinels', () => {
  const f = findingsOf('RG356', 'port 26379\nbind 0.0.0.0\nprotected-mode yes\n' + MON, S);
  assert.deepEqual(f.map(x => [x.line, x.character]), [[2, 15]]);
  assert.match(f[0].message, /answers only local clients/);
});

test('RG356 is quiet with a password, a loopback-only bind, and outside sentinel.conf', () => {
  assert.equal(findingsOf('RG356', `port 26379\nprotected-mode no\nrequirepass ${PW}\n` + MON, S).length, 0);
  assert.equal(findingsOf('RG356', `port 26379\nuser default on >${PW} ~* &* +@all\n` + MON, S).length, 0);
  assert.equal(findingsOf('RG356', 'port 26379\nuser default on nopass ~* &* +@all\n' + MON, S).length, 1);
  assert.equal(findingsOf('RG356', 'port 26379\nbind 127.0.0.1 -::1\nprotected-mode no\n' + MON, S).length, 0);
  assert.equal(findingsOf('RG356', 'port 6379\nprotected-mode no\n').length, 0);
});

test('RG356 suppression comments', () => {
  assert.equal(findingsOf('RG356', 'port 26379\n# redis-guard-disable-next-line RG356\nprotected-mode no\n' + MON, S).length, 0);
  assert.equal(findingsOf('RG356', '# redis-guard-disable RG356\nport 26379\n' + MON, S).length, 0);
});

test('RG356 levels: warning in production, information in development', () => {
  const text = 'port 26379\nprotected-mode no\n' + MON;
  assert.equal(findingsOf('RG356', text, S)[0].severity, 'warning');
  assert.equal(findingsOf('RG356', text, { ...S, profile: 'development' })[0].severity, 'information');
});
