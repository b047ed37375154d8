/** Spec for RG324 unusual-filename. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

test('RG324 flags a wrong extension or odd characters, at the value', () => {
  const f = findingsOf('RG324', 'dbfilename backup.dat\nappendfilename "my data.aof"\n');
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 11], [1, 15]]);
  assert.match(f[0].message, /does not end in \.rdb/);
  assert.match(f[1].message, /blanks/);
  assert.doesNotMatch(f[1].message, /does not end/);
  assert.equal(findingsOf('RG324', 'appendfilename redis.log\n').length, 1);
});

test('RG324 is quiet for the usual names and the defaults', () => {
  assert.equal(findingsOf('RG324', 'dbfilename dump.rdb\nappendfilename "appendonly.aof"\n').length, 0);
  assert.equal(findingsOf('RG324', 'dbfilename cache-01_v2.RDB\n').length, 0);
  assert.equal(findingsOf('RG324', 'port 6379\n').length, 0);
});

test('RG324 suppression comments', () => {
  assert.equal(findingsOf('RG324', '# redis-guard-disable-next-line RG324\ndbfilename backup.dat\n').length, 0);
  assert.equal(findingsOf('RG324', '# redis-guard-disable RG324\ndbfilename backup.dat\n').length, 0);
});

test('RG324 levels: information in production, hint in staging, off in development', () => {
  assert.equal(findingsOf('RG324', 'dbfilename backup.dat\n')[0].severity, 'information');
  assert.equal(findingsOf('RG324', 'dbfilename backup.dat\n', { profile: 'staging' })[0].severity, 'hint');
  assert.equal(findingsOf('RG324', 'dbfilename backup.dat\n', { profile: 'development' }).length, 0);
});
