/** Spec for RG312 rename-command-deprecated. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const BAD = 'rename-command FLUSHALL ""\nrename-command KEYS ""\n';

test('RG312 reports the renames once per file, at the first rename-command, naming the ACL rules', () => {
  const f = findingsOf('RG312', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[0, 0, 14]]);
  assert.equal(f[0].message, "rename-command is deprecated since 6.0 (2 lines): ACL rules such as -flushall -keys on the application's user do the same per user.");
  assert.match(f[0].details!, /replica/);
  assert.match(findingsOf('RG312', 'rename-command CONFIG ""\n')[0].message, /^rename-command is deprecated since 6\.0: ACL rules such as -config /);
});

test('RG312 applies to every target: redis.conf marks renaming deprecated since 6.0, when ACLs came', () => {
  for (const server of ['redis@6.0', 'redis@6.2', 'redis@7.0', 'valkey@8.0', 'memurai@4.1']) assert.equal(findingsOf('RG312', BAD, { server }).length, 1, server);
  assert.equal(findingsOf('RG312', 'port 6379\n').length, 0);
});

test('RG312 warns about the search module when CONFIG is renamed on Redis 8', () => {
  assert.match(findingsOf('RG312', 'rename-command CONFIG ""\n', { server: 'redis@8.0' })[0].message, /search module/);
  assert.doesNotMatch(findingsOf('RG312', 'rename-command CONFIG ""\n', { server: 'redis@7.2' })[0].message, /search module/);
});

test('RG312 is a hint in development and information in production', () => {
  assert.equal(findingsOf('RG312', BAD)[0].severity, 'information');
  assert.equal(findingsOf('RG312', BAD, { profile: 'development' })[0].severity, 'hint');
});

test('RG312 can be suppressed', () => {
  const f = findingsOf('RG312', '# redis-guard-disable-next-line RG312\n' + BAD);
  assert.deepEqual(f.map(x => x.line), [], 'the finding sits on the first rename, the silenced line');
  assert.equal(findingsOf('RG312', '# redis-guard-disable RG312\n' + BAD).length, 0);
});
