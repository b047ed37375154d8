/** Spec for RG361 loglevel-debug. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const BAD = 'port 6379\nloglevel debug\n';

test('RG361 fires at loglevel debug or verbose', () => {
  const f = findingsOf('RG361', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 9, 14]]);
  assert.equal(findingsOf('RG361', 'loglevel VERBOSE\n').length, 1);
});

test('RG361 is quiet for notice, warning and the default', () => {
  assert.equal(findingsOf('RG361', 'loglevel notice\n').length, 0);
  assert.equal(findingsOf('RG361', 'loglevel warning\n').length, 0);
  assert.equal(findingsOf('RG361', 'port 6379\n').length, 0);
});

test('RG361 is off in development and a warning in production', () => {
  assert.equal(findingsOf('RG361', BAD, { profile: 'development' }).length, 0);
  assert.equal(findingsOf('RG361', BAD, { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG361', BAD)[0].severity, 'warning');
});

test('RG361 can be suppressed', () => {
  assert.equal(findingsOf('RG361', 'port 6379\n# redis-guard-disable-next-line RG361\nloglevel debug\n').length, 0);
  assert.equal(findingsOf('RG361', '# redis-guard-disable RG361\n' + BAD).length, 0);
});

test('RG361 fix sets loglevel notice', () => {
  const fixed = applyFirstFix('RG361', BAD);
  assert.equal(fixed, 'port 6379\nloglevel notice\n');
  assert.equal(findingsOf('RG361', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
