/** Spec for RG313 admin-commands-enabled. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const BAD = 'port 6379\nenable-debug-command yes\n';

test('RG313 fires at each admin switch set to yes', () => {
  const f = findingsOf('RG313', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 21, 24]]);
  assert.match(f[0].message, /DEBUG/);
  const all = findingsOf('RG313', 'enable-debug-command yes\nenable-module-command YES\nenable-protected-configs yes\n');
  assert.deepEqual(all.map(x => x.line), [0, 1, 2]);
  assert.match(all[1].message, /opens MODULE/);
  assert.match(all[1].details!, /MODULE LOAD/);
  assert.match(all[2].details!, /dir/);
});

test('RG313 is quiet for no, local, and targets without the switches', () => {
  assert.equal(findingsOf('RG313', 'enable-debug-command local\nenable-module-command no\n').length, 0);
  assert.equal(findingsOf('RG313', 'port 6379\n').length, 0);
  assert.equal(findingsOf('RG313', BAD, { server: 'redis@6.2' }).length, 0, 'unknown before 7.0 (the validator reports the line)');
});

test('RG313 is an error in production and information in development', () => {
  assert.equal(findingsOf('RG313', BAD)[0].severity, 'error');
  assert.equal(findingsOf('RG313', BAD, { profile: 'development' })[0].severity, 'information');
});

test('RG313 can be suppressed', () => {
  assert.equal(findingsOf('RG313', 'port 6379\n# redis-guard-disable-next-line RG313\nenable-debug-command yes\n').length, 0);
  assert.equal(findingsOf('RG313', '# redis-guard-disable RG313\n' + BAD).length, 0);
});

test('RG313 fix sets the switch to no; local is offered by hand', () => {
  const f = findingsOf('RG313', BAD)[0];
  assert.deepEqual(f.fixes!.map(x => x.safety), ['review', 'review']);
  const fixed = applyFirstFix('RG313', BAD);
  assert.equal(fixed, 'port 6379\nenable-debug-command no\n');
  assert.equal(findingsOf('RG313', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const local = applyFirstFix('RG313', BAD, {}, 1);
  assert.equal(local, 'port 6379\nenable-debug-command local\n');
  assert.deepEqual(fatalOf(local), []);
});
