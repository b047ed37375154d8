/** Spec for RG363 output-buffer-hard-below-soft. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const BAD = 'port 6379\nclient-output-buffer-limit replica 64mb 256mb 60\n';

test('RG363 fires over the hard and soft limits of a group', () => {
  const f = findingsOf('RG363', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 35, 45]]);
  assert.match(f[0].message, /replica clients/);
});

test('RG363 checks every group of a line and compares memory units', () => {
  const line = 'client-output-buffer-limit normal 0 0 0 replica 64mb 256mb 60 pubsub 8mb 32mb 60\n';
  const f = findingsOf('RG363', line);
  assert.deepEqual(f.map(x => x.character), [line.indexOf('64mb'), line.indexOf('8mb')]);
  assert.equal(findingsOf('RG363', 'client-output-buffer-limit pubsub 1000k 1mb 60\n').length, 1, '1000k (1,000,000) < 1mb (1,048,576)');
  assert.equal(findingsOf('RG363', 'client-output-buffer-limit replica 1gb 512mb 60\n').length, 0);
});

test('RG363 is quiet for sound limits and for zero (no limit)', () => {
  assert.equal(findingsOf('RG363', 'client-output-buffer-limit replica 256mb 64mb 60\n').length, 0);
  assert.equal(findingsOf('RG363', 'client-output-buffer-limit replica 0 64mb 60\n').length, 0);
  assert.equal(findingsOf('RG363', 'client-output-buffer-limit pubsub 32mb 0 0\n').length, 0);
  assert.equal(findingsOf('RG363', 'port 6379\n').length, 0);
});

test('RG363 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG363', BAD)[0].severity, 'warning');
  assert.equal(findingsOf('RG363', BAD, { profile: 'development' })[0].severity, 'information');
});

test('RG363 can be suppressed', () => {
  assert.equal(findingsOf('RG363', 'port 6379\n# redis-guard-disable-next-line RG363\nclient-output-buffer-limit replica 64mb 256mb 60\n').length, 0);
  assert.equal(findingsOf('RG363', '# redis-guard-disable RG363\n' + BAD).length, 0);
});

test('RG363 fix swaps the two values as written', () => {
  const fixed = applyFirstFix('RG363', BAD);
  assert.equal(fixed, 'port 6379\nclient-output-buffer-limit replica 256mb 64mb 60\n');
  assert.equal(findingsOf('RG363', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
