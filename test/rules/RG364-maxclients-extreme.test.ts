/** Spec for RG364 maxclients-extreme. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

test('RG364 fires at a very low or very high maxclients', () => {
  const low = findingsOf('RG364', 'port 6379\nmaxclients 8\n');
  assert.deepEqual(low.map(x => [x.line, x.character, x.endCharacter]), [[1, 11, 12]]);
  assert.match(low[0].message, /very low/);
  const high = findingsOf('RG364', 'maxclients 100000\n');
  assert.match(high[0].message, /file descriptor/);
});

test('RG364 is quiet between 32 and 50000 and when unset', () => {
  for (const n of [32, 10000, 50000]) assert.equal(findingsOf('RG364', `maxclients ${n}\n`).length, 0, String(n));
  assert.equal(findingsOf('RG364', 'port 6379\n').length, 0);
});

test('RG364 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG364', 'maxclients 8\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG364', 'maxclients 8\n', { profile: 'development' })[0].severity, 'information');
});

test('RG364 can be suppressed', () => {
  assert.equal(findingsOf('RG364', '# redis-guard-disable-next-line RG364\nmaxclients 8\n').length, 0);
  assert.equal(findingsOf('RG364', '# redis-guard-disable RG364\nmaxclients 8\n').length, 0);
});
