/** Spec for RG320 aof-disabled. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG320 fires on appendonly no at the value, and at the top when appendonly is unset', () => {
  const set = findingsOf('RG320', 'port 6379\nappendonly no\n');
  assert.deepEqual(set.map(f => [f.line, f.character, f.endCharacter]), [[1, 11, 13]]);
  assert.match(set[0].message, /appendonly is no/);
  const unset = findingsOf('RG320', 'port 6379\n');
  assert.deepEqual(unset.map(f => [f.line, f.character]), [[0, 0]]);
  assert.match(unset[0].message, /not set/);
  assert.equal(findingsOf('RG320', 'appendonly no\nappendonly yes\n').length, 0, 'the last line wins');
  assert.equal(findingsOf('RG320', 'appendonly NO\n').length, 1, 'booleans are case-insensitive');
});

test('RG320 is quiet with AOF on, for a cache and in sentinel.conf', () => {
  assert.equal(findingsOf('RG320', 'appendonly yes\n').length, 0);
  assert.equal(findingsOf('RG320', '# redis-guard: role=cache\nappendonly no\n').length, 0);
  assert.equal(findingsOf('RG320', 'port 26379\nsentinel monitor m 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG320 suppression comments', () => {
  assert.equal(findingsOf('RG320', '# redis-guard-disable-next-line RG320\nappendonly no\n').length, 0);
  assert.equal(findingsOf('RG320', '# redis-guard-disable RG320\nport 6379\n').length, 0);
  assert.equal(findingsOf('RG320', '# redis-guard-disable-next-line RG999\nappendonly no\n').length, 1);
});

test('RG320 is a warning in production, information in staging, off in development', () => {
  assert.equal(findingsOf('RG320', 'appendonly no\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG320', 'appendonly no\n', { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG320', '# redis-guard: profile=development\nappendonly no\n').length, 0);
});

test('RG320 fix sets appendonly yes; it is offered but not automatic', () => {
  const text = 'port 6379\nappendonly no\n';
  const f = findingsOf('RG320', text)[0];
  assert.equal(f.fixes?.[0].safety, 'review', 'a restart with appendonly newly on ignores dump.rdb');
  const fixed = applyFirstFix('RG320', text);
  assert.equal(fixed, 'port 6379\nappendonly yes\n');
  assert.equal(findingsOf('RG320', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});

test('RG320 fix inserts appendonly yes into the append-only section when it is unset', () => {
  const text = '# NETWORK\nport 6379\n\n# APPEND ONLY MODE\nappendfilename "appendonly.aof"\n\n# MEMORY\nmaxmemory 1gb\n';
  const fixed = applyFirstFix('RG320', text);
  assert.equal(fixed, '# NETWORK\nport 6379\n\n# APPEND ONLY MODE\nappendfilename "appendonly.aof"\nappendonly yes\n\n# MEMORY\nmaxmemory 1gb\n');
  assert.equal(findingsOf('RG320', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const example = applyFirstFix('RG320', 'port 6379\n# appendonly no\n');
  assert.equal(example, 'port 6379\n# appendonly no\nappendonly yes\n', 'next to the commented-out example');
});
