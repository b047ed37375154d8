/** Spec for RG330 maxmemory-unset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

test('RG330 fires when maxmemory is unset (top of file) or 0 (at the value)', () => {
  assert.deepEqual(findingsOf('RG330', 'port 6379\n').map(x => [x.line, x.character]), [[0, 0]]);
  const zero = findingsOf('RG330', 'port 6379\nmaxmemory 0\n');
  assert.deepEqual(zero.map(x => [x.line, x.character, x.endCharacter]), [[1, 10, 11]]);
  assert.match(zero[0].message, /no limit/);
  assert.equal(findingsOf('RG330', 'maxmemory 0gb\n').length, 1);
});

test('RG330 is quiet with a limit and in sentinel.conf', () => {
  assert.equal(findingsOf('RG330', 'maxmemory 2gb\n').length, 0);
  assert.equal(findingsOf('RG330', 'maxmemory 0\nmaxmemory 100mb\n').length, 0);
  assert.equal(findingsOf('RG330', 'port 26379\nsentinel monitor m 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG330 suppression comments', () => {
  assert.equal(findingsOf('RG330', '# redis-guard-disable-next-line RG330\nmaxmemory 0\n').length, 0);
  assert.equal(findingsOf('RG330', '# redis-guard-disable RG330\nport 6379\n').length, 0);
});

test('RG330 levels: warning in staging and production, off in development', () => {
  assert.equal(findingsOf('RG330', 'port 6379\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG330', 'port 6379\n', { profile: 'cluster' })[0].severity, 'warning');
  assert.equal(findingsOf('RG330', '# redis-guard: profile=development\nport 6379\n').length, 0);
});
