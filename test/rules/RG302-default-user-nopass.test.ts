/** Spec for RG302 default-user-nopass. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const HASH = '#1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b';
const BAD = 'port 6379\nuser default on nopass ~* &* +@all\n';

test('RG302 fires at the nopass of an enabled default user', () => {
  const f = findingsOf('RG302', BAD);
  assert.equal(f.length, 1);
  assert.deepEqual([f[0].line, f[0].character, f[0].endCharacter], [1, 16, 22]);
  assert.match(f[0].message, /without AUTH/);
  assert.match(findingsOf('RG302', 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3\n' + BAD)[0].details!, /requirepass line does not help/);
});

test('RG302 is quiet when the default user is off or has a password', () => {
  assert.equal(findingsOf('RG302', 'user default off nopass ~* +@all\n').length, 0);
  assert.equal(findingsOf('RG302', 'user default on nopass off ~* +@all\n').length, 0, 'the last on/off wins');
  assert.equal(findingsOf('RG302', `user default on ${HASH} ~* &* +@all\n`).length, 0);
  assert.equal(findingsOf('RG302', 'user default on nopass >8f1b7c2e9a4d6f0b3e5c7a9d ~* +@all\n').length, 0, 'a password after nopass clears it');
  assert.equal(findingsOf('RG302', 'user default on nopass reset ~* +@all\n').length, 0);
  assert.equal(findingsOf('RG302', 'port 6379\n').length, 0, 'no user lines at all: RG301 covers that');
  assert.equal(findingsOf('RG302', BAD, { sentinel: true }).length, 0);
});

test('RG302 catches ACL users next to a still-open implicit default user', () => {
  const text = `port 6379\nuser app on ${HASH} ~app:* +@read +@write\n`;
  const f = findingsOf('RG302', text);
  assert.deepEqual(f.map(x => [x.line, x.character]), [[1, 0]]);
  assert.match(f[0].message, /user default off/);
  assert.equal(findingsOf('RG302', 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3\n' + text).length, 0);
  assert.equal(findingsOf('RG302', text + 'user default off\n').length, 0);
  const fixed = applyFirstFix('RG302', text);
  assert.equal(fixed, text + 'user default off\n');
  assert.deepEqual(fatalOf(fixed), []);
});

test('RG302 is an error in production and information in development', () => {
  assert.equal(findingsOf('RG302', BAD)[0].severity, 'error');
  assert.equal(findingsOf('RG302', BAD, { profile: 'development' })[0].severity, 'information');
  assert.equal(findingsOf('RG302', BAD, { profile: 'staging' })[0].severity, 'warning');
});

test('RG302 can be suppressed', () => {
  assert.equal(findingsOf('RG302', 'port 6379\n# redis-guard-disable-next-line RG302\nuser default on nopass ~* &* +@all\n').length, 0);
  assert.equal(findingsOf('RG302', '# redis-guard-disable RG302\n' + BAD).length, 0);
});

test('RG302 fixes are manual: a random password, or the default user off', () => {
  const f = findingsOf('RG302', BAD)[0];
  assert.ok(f.fixes!.every(x => x.safety === 'review'), 'clients would need the new password: never applied blind');
  const withPassword = applyFirstFix('RG302', BAD);
  assert.match(withPassword, /^port 6379\nuser default on >[0-9a-f]{64} ~\* &\* \+@all\n$/);
  assert.equal(findingsOf('RG302', withPassword).length, 0);
  assert.deepEqual(fatalOf(withPassword), []);
  const off = applyFirstFix('RG302', BAD, {}, 1);
  assert.equal(off, 'port 6379\nuser default off nopass ~* &* +@all\n');
  assert.equal(findingsOf('RG302', off).length, 0);
  assert.deepEqual(fatalOf(off), []);
});
