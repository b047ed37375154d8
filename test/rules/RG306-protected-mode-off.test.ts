/** Spec for RG306 protected-mode-off. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';
const BAD = 'port 6379\nprotected-mode no\n';

test('RG306 fires at protected-mode no when the default user has no password', () => {
  const f = findingsOf('RG306', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 15, 17]]);
  assert.equal(findingsOf('RG306', 'PROTECTED-MODE NO\n').length, 1, 'names and booleans are case-insensitive');
  // a user with a password does not protect connections that skip AUTH as default
  assert.equal(findingsOf('RG306', `protected-mode no\nuser app on >${PW} ~* +@all\n`).length, 1);
  assert.equal(findingsOf('RG306', `protected-mode no\nrequirepass ${PW}\nuser default on nopass ~* +@all\n`).length, 1);
});

test('RG306 is quiet with a password, with protected mode on, and in sentinel.conf', () => {
  assert.equal(findingsOf('RG306', `protected-mode no\nrequirepass ${PW}\n`).length, 0);
  assert.equal(findingsOf('RG306', `protected-mode no\nuser default on >${PW} ~* +@all\n`).length, 0);
  assert.equal(findingsOf('RG306', 'protected-mode no\naclfile /etc/redis/users.acl\n').length, 0);
  assert.equal(findingsOf('RG306', 'protected-mode yes\n').length, 0);
  assert.equal(findingsOf('RG306', 'port 6379\n').length, 0, 'the default is yes');
  assert.equal(findingsOf('RG306', 'port 26379\nprotected-mode no\nsentinel monitor mymaster 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG306 is an error in production and a warning in development', () => {
  assert.equal(findingsOf('RG306', BAD)[0].severity, 'error');
  assert.equal(findingsOf('RG306', BAD, { profile: 'development' })[0].severity, 'warning');
});

test('RG306 can be suppressed', () => {
  assert.equal(findingsOf('RG306', 'port 6379\n# redis-guard-disable-next-line RG306\nprotected-mode no\n').length, 0);
  assert.equal(findingsOf('RG306', '# redis-guard-disable RG306\n' + BAD).length, 0);
});

test('RG306 fix switches protected mode back on', () => {
  assert.equal(findingsOf('RG306', BAD)[0].fixes![0].safety, 'review');
  const fixed = applyFirstFix('RG306', BAD);
  assert.equal(fixed, 'port 6379\nprotected-mode yes\n');
  assert.equal(findingsOf('RG306', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
