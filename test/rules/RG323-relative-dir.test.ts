/** Spec for RG323 relative-dir. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';
import { isAbsolutePath } from '../../server/src/engine/rules/RG323-relative-dir';

test('RG323 fires on a relative dir at the value, and at the top when dir is unset', () => {
  const f = findingsOf('RG323', 'port 6379\ndir ./\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 4, 6]]);
  assert.match(f[0].message, /relative/);
  assert.equal(findingsOf('RG323', 'dir data\n').length, 1);
  const unset = findingsOf('RG323', 'port 6379\n');
  assert.deepEqual(unset.map(x => [x.line, x.character]), [[0, 0]]);
  assert.match(unset[0].message, /not set/);
});

test('RG323 accepts absolute POSIX, Windows drive and UNC paths', () => {
  assert.equal(findingsOf('RG323', 'dir /var/lib/redis\n').length, 0);
  assert.equal(findingsOf('RG323', "dir 'C:\\ProgramData\\Memurai'\n").length, 0);
  assert.equal(findingsOf('RG323', 'dir C:/ProgramData/Memurai\n').length, 0);
  assert.equal(findingsOf('RG323', 'dir ./\ndir /var/lib/redis\n').length, 0, 'the last line wins');
  assert.ok(isAbsolutePath('\\\\server\\share'));
  assert.ok(!isAbsolutePath('C:data'), 'drive-relative is relative');
  assert.equal(findingsOf('RG323', 'port 26379\nsentinel monitor m 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG323 suppression comments', () => {
  assert.equal(findingsOf('RG323', '# redis-guard-disable-next-line RG323\ndir ./\n').length, 0);
  assert.equal(findingsOf('RG323', '# redis-guard-disable RG323\nport 6379\n').length, 0);
});

test('RG323 levels: warning from staging on, off in development', () => {
  assert.equal(findingsOf('RG323', 'dir ./\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG323', 'dir ./\n', { profile: 'staging' })[0].severity, 'warning');
  assert.equal(findingsOf('RG323', '# redis-guard: profile=development\ndir ./\n').length, 0);
  assert.equal(findingsOf('RG323', 'dir ./\n', { rules: { RG323: 'hint' } })[0].severity, 'hint');
});
