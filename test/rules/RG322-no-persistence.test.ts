/** Spec for RG322 no-persistence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG322 fires on save "" with AOF off, at the save line that clears the snapshots', () => {
  const f = findingsOf('RG322', 'port 6379\nsave ""\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 5, 7]]);
  assert.match(f[0].message, /line 2/);
  assert.equal(findingsOf('RG322', 'save 900 1\nsave ""\nappendonly no\n').length, 1, 'save "" clears the earlier points');
  assert.equal(findingsOf('RG322', "save ''\n").length, 1);
});

test('RG322 is quiet when snapshots or AOF stay on, for a cache and in sentinel.conf', () => {
  assert.equal(findingsOf('RG322', 'port 6379\n').length, 0, 'no save line: default snapshot points');
  assert.equal(findingsOf('RG322', 'save ""\nsave 900 1\n').length, 0, 'points after save "" count');
  assert.equal(findingsOf('RG322', 'save ""\nappendonly yes\n').length, 0);
  assert.equal(findingsOf('RG322', '# redis-guard: role=cache\nsave ""\n').length, 0);
  assert.equal(findingsOf('RG322', 'port 26379\nsentinel monitor m 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG322 suppression comments', () => {
  assert.equal(findingsOf('RG322', '# redis-guard-disable-next-line RG322\nsave ""\n').length, 0);
  assert.equal(findingsOf('RG322', '# redis-guard-disable RG322\nsave ""\n').length, 0);
});

test('RG322 levels: error in production, warning in staging, information in development', () => {
  assert.equal(findingsOf('RG322', 'save ""\n')[0].severity, 'error');
  assert.equal(findingsOf('RG322', 'save ""\n', { profile: 'staging' })[0].severity, 'warning');
  assert.equal(findingsOf('RG322', '# redis-guard: profile=development\nsave ""\n')[0].severity, 'information');
});

test('RG322 fix turns AOF on (offered, not automatic)', () => {
  const set = 'save ""\nappendonly no\n';
  assert.equal(findingsOf('RG322', set)[0].fixes?.[0].safety, 'review');
  const fixed = applyFirstFix('RG322', set);
  assert.equal(fixed, 'save ""\nappendonly yes\n');
  assert.equal(findingsOf('RG322', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const inserted = applyFirstFix('RG322', '# SNAPSHOTTING\nsave ""\n\n# MEMORY\nmaxmemory 1gb\n');
  assert.equal(inserted, '# SNAPSHOTTING\nsave ""\nappendonly yes\n\n# MEMORY\nmaxmemory 1gb\n');
  assert.equal(findingsOf('RG322', inserted).length, 0);
  assert.deepEqual(fatalOf(inserted), []);
});
