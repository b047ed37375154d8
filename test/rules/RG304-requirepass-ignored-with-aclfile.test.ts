/** Spec for RG304 requirepass-ignored-with-aclfile. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';
const HASH = '#1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b';
const BAD = `port 6379\nrequirepass ${PW}\naclfile /etc/redis/users.acl\n`;

test('RG304 fires at requirepass when aclfile is set', () => {
  const f = findingsOf('RG304', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 0, 11]]);
  assert.match(f[0].message, /with aclfile, every user, default included, comes only from the ACL file/);
  assert.match(f[0].details!, /\/etc\/redis\/users\.acl/);
  assert.match(f[0].details!, /nopass/);
  assert.ok(!f[0].message.includes(PW) && !f[0].details!.includes(PW), 'never repeats the password');
});

test('RG304 fires when a user default line replaces the requirepass password', () => {
  const f = findingsOf('RG304', `requirepass ${PW}\nuser default on ${HASH} ~* &* +@all\n`);
  assert.equal(f.length, 1);
  assert.match(f[0].message, /line 2/);
});

test('RG304 is quiet for requirepass alone, aclfile alone, or other users', () => {
  assert.equal(findingsOf('RG304', `requirepass ${PW}\n`).length, 0);
  assert.equal(findingsOf('RG304', 'aclfile /etc/redis/users.acl\n').length, 0);
  assert.equal(findingsOf('RG304', `requirepass ${PW}\nuser app on ${HASH} ~* +@all\n`).length, 0);
  assert.equal(findingsOf('RG304', 'requirepass ""\naclfile /etc/redis/users.acl\n').length, 0);
});

test('RG304 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG304', BAD)[0].severity, 'warning');
  assert.equal(findingsOf('RG304', BAD, { profile: 'development' })[0].severity, 'information');
});

test('RG304 can be suppressed', () => {
  assert.equal(findingsOf('RG304', `# redis-guard-disable-next-line RG304\nrequirepass ${PW}\naclfile /etc/redis/users.acl\n`).length, 0);
  assert.equal(findingsOf('RG304', '# redis-guard-disable RG304\n' + BAD).length, 0);
});

test('RG304 offers a manual fix that removes the ignored line', () => {
  assert.equal(findingsOf('RG304', BAD)[0].fixes![0].safety, 'review');
  const fixed = applyFirstFix('RG304', BAD);
  assert.equal(fixed, 'port 6379\naclfile /etc/redis/users.acl\n');
  assert.equal(findingsOf('RG304', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
