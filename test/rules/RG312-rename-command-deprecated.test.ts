/** Spec for RG312 rename-command-deprecated. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const BAD = 'rename-command FLUSHALL ""\nrename-command KEYS ""\n';

test('RG312 reports each rename-command line at the directive name', () => {
  const f = findingsOf('RG312', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[0, 0, 14], [1, 0, 14]]);
  assert.match(f[0].message, /ACL/);
  assert.match(f[0].details!, /replica/);
});

test('RG312 applies to 7.0+ targets, Valkey and Memurai, not to Redis 6', () => {
  assert.equal(findingsOf('RG312', BAD, { server: 'redis@6.2' }).length, 0);
  assert.equal(findingsOf('RG312', BAD, { server: 'redis@7.0' }).length, 2);
  assert.equal(findingsOf('RG312', BAD, { server: 'valkey@8.0' }).length, 2);
  assert.equal(findingsOf('RG312', BAD, { server: 'memurai@4.1' }).length, 2);
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
  assert.deepEqual(f.map(x => x.line), [2], 'only the next line is silenced');
  assert.equal(findingsOf('RG312', '# redis-guard-disable RG312\n' + BAD).length, 0);
});
