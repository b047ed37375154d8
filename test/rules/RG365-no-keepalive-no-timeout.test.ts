/** Spec for RG365 no-keepalive-no-timeout. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const BAD = 'timeout 0\ntcp-keepalive 0\n';

test('RG365 fires at tcp-keepalive 0 when idle clients never time out', () => {
  const f = findingsOf('RG365', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 14, 15]]);
  assert.equal(findingsOf('RG365', 'tcp-keepalive 0\n').length, 1, 'timeout defaults to 0');
});

test('RG365 is quiet with keepalive or an idle timeout', () => {
  assert.equal(findingsOf('RG365', 'timeout 0\ntcp-keepalive 300\n').length, 0);
  assert.equal(findingsOf('RG365', 'timeout 0\n').length, 0, 'tcp-keepalive defaults to 300');
  assert.equal(findingsOf('RG365', 'timeout 600\ntcp-keepalive 0\n').length, 0);
});

test('RG365 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG365', BAD)[0].severity, 'warning');
  assert.equal(findingsOf('RG365', BAD, { profile: 'development' })[0].severity, 'information');
});

test('RG365 can be suppressed', () => {
  assert.equal(findingsOf('RG365', 'timeout 0\n# redis-guard-disable-next-line RG365\ntcp-keepalive 0\n').length, 0);
  assert.equal(findingsOf('RG365', '# redis-guard-disable RG365\n' + BAD).length, 0);
});

test('RG365 fix restores tcp-keepalive 300', () => {
  const fixed = applyFirstFix('RG365', BAD);
  assert.equal(fixed, 'timeout 0\ntcp-keepalive 300\n');
  assert.equal(findingsOf('RG365', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});
