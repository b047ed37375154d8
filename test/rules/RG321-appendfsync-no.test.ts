/** Spec for RG321 appendfsync-no. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG321 fires on appendfsync no at the value', () => {
  const f = findingsOf('RG321', 'appendonly yes\nappendfsync no\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 12, 14]]);
  assert.match(f[0].message, /everysec/);
  const off = findingsOf('RG321', 'appendonly no\nappendfsync No\n');
  assert.equal(off.length, 1, 'reported even while AOF is off: it applies once AOF is on');
  assert.match(off[0].message, /once AOF is on/);
  assert.match(off[0].details!, /appendonly is off now/);
});

test('RG321 is quiet for everysec, always, the default and sentinel.conf', () => {
  assert.equal(findingsOf('RG321', 'appendonly yes\nappendfsync everysec\n').length, 0);
  assert.equal(findingsOf('RG321', 'appendonly yes\nappendfsync always\n').length, 0);
  assert.equal(findingsOf('RG321', 'appendonly yes\n').length, 0);
  assert.equal(findingsOf('RG321', 'appendfsync no\nappendfsync everysec\n').length, 0, 'the last line wins');
});

test('RG321 suppression comments', () => {
  assert.equal(findingsOf('RG321', '# redis-guard-disable-next-line RG321\nappendfsync no\n').length, 0);
  assert.equal(findingsOf('RG321', '# redis-guard-disable RG321\nappendfsync no\n').length, 0);
});

test('RG321 levels: warning in production, information in staging, off in development', () => {
  assert.equal(findingsOf('RG321', 'appendfsync no\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG321', 'appendfsync no\n', { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG321', 'appendfsync no\n', { profile: 'development' }).length, 0);
});

test('RG321 automatic fix switches to everysec', () => {
  const text = 'appendonly yes\nappendfsync no\n';
  assert.equal(findingsOf('RG321', text)[0].fixes?.[0].safety, 'review');
  const fixed = applyFirstFix('RG321', text);
  assert.equal(fixed, 'appendonly yes\nappendfsync everysec\n');
  assert.equal(findingsOf('RG321', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
