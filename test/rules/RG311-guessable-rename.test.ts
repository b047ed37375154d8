/** Spec for RG311 guessable-rename. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';
import { guessable } from '../../server/src/engine/rules/RG311-guessable-rename';

const BAD = 'port 6379\nrename-command CONFIG CONFIG_xyz123\n';

test('RG311 explains why a new name is guessable', () => {
  assert.match(guessable('config', 'CONFIG_xyz123')!, /command name CONFIG/);
  assert.match(guessable('flushall', 'nukeit')!, /6 characters/);
  assert.match(guessable('keys', 'abababababababababab')!, /randomness/);
  assert.equal(guessable('config', 'b8f3c1e9a27d4f6085c3e1a9d7b2f4c6'), undefined);
});

test('RG311 fires at the new name', () => {
  const f = findingsOf('RG311', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 22, 35]]);
  assert.match(f[0].message, /easy to guess \(it still contains the command name CONFIG\)/);
  assert.match(f[0].details!, /read by anyone who can read this file/);
  assert.equal(findingsOf('RG311', 'rename-command flushall myflush\n').length, 1, 'case does not hide the name');
});

test('RG311 is quiet for disabled commands and random names', () => {
  assert.equal(findingsOf('RG311', 'rename-command CONFIG ""\n').length, 0);
  assert.equal(findingsOf('RG311', 'rename-command CONFIG b8f3c1e9a27d4f6085c3e1a9d7b2f4c6\n').length, 0);
});

test('RG311 is off in development and a warning in production', () => {
  assert.equal(findingsOf('RG311', BAD, { profile: 'development' }).length, 0);
  assert.equal(findingsOf('RG311', BAD)[0].severity, 'warning');
});

test('RG311 can be suppressed', () => {
  assert.equal(findingsOf('RG311', 'port 6379\n# redis-guard-disable-next-line RG311\nrename-command CONFIG CONFIG_xyz123\n').length, 0);
  assert.equal(findingsOf('RG311', '# redis-guard-disable RG311\n' + BAD).length, 0);
});

test('RG311 offers a manual fix that disables the command', () => {
  const f = findingsOf('RG311', BAD)[0];
  assert.equal(f.fixes![0].safety, 'review', 'scripts may use the renamed command');
  const fixed = applyFirstFix('RG311', BAD);
  assert.equal(fixed, 'port 6379\nrename-command CONFIG ""\n');
  assert.equal(findingsOf('RG311', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
