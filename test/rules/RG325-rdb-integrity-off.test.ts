/** Spec for RG325 rdb-integrity-off. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG325 reports rdbchecksum no and rdbcompression no separately, at the value', () => {
  const f = findingsOf('RG325', 'rdbcompression no\nrdbchecksum no\n');
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 15], [1, 12]]);
  assert.match(f[0].message, /uncompressed/);
  assert.match(f[1].message, /checksum/);
});

test('RG325 is quiet with both on or unset', () => {
  assert.equal(findingsOf('RG325', 'rdbcompression yes\nrdbchecksum yes\n').length, 0);
  assert.equal(findingsOf('RG325', 'port 6379\n').length, 0);
  assert.equal(findingsOf('RG325', 'rdbchecksum no\nrdbchecksum yes\n').length, 0);
});

test('RG325 suppression comments', () => {
  assert.equal(findingsOf('RG325', '# redis-guard-disable-next-line RG325\nrdbchecksum no\n').length, 0);
  assert.equal(findingsOf('RG325', '# redis-guard-disable-next-line RG325\nrdbchecksum no\nrdbcompression no\n').length, 1, 'only the next line');
  assert.equal(findingsOf('RG325', '# redis-guard-disable RG325\nrdbchecksum no\nrdbcompression no\n').length, 0);
});

test('RG325 levels: warning in production, information in staging, off in development', () => {
  assert.equal(findingsOf('RG325', 'rdbchecksum no\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG325', 'rdbchecksum no\n', { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG325', 'rdbchecksum no\n', { profile: 'development' }).length, 0);
});

test('RG325 automatic fix sets yes', () => {
  const text = 'rdbchecksum no\n';
  assert.equal(findingsOf('RG325', text)[0].fixes?.[0].safety, 'review');
  const fixed = applyFirstFix('RG325', text);
  assert.equal(fixed, 'rdbchecksum yes\n');
  assert.equal(findingsOf('RG325', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  assert.equal(applyFirstFix('RG325', 'rdbcompression NO\n'), 'rdbcompression yes\n');
});
