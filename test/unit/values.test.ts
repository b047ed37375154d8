import { test } from 'node:test';
import assert from 'node:assert/strict';
import { string2ll, memtoull, strtollWhole, string2d, toLongLong, ULLONG_MAX } from '../../server/src/engine/values';

test('string2ll is strict', () => {
  assert.equal(string2ll('0'), 0n);
  assert.equal(string2ll('-5'), -5n);
  assert.equal(string2ll('9223372036854775807'), 9223372036854775807n);
  for (const bad of ['', '+1', '01', '00', '-0', '1 ', ' 1', '0x10', '1e3', '9223372036854775808', '1.5', '-']) {
    assert.equal(string2ll(bad), null, bad);
  }
});

test('memtoull units: k=1000, kb=1024, case-insensitive, no t, no decimals, no sign', () => {
  assert.equal(memtoull('2gb'), 2n * 1024n ** 3n);
  assert.equal(memtoull('2G'), 2n * 1000n ** 3n);
  assert.equal(memtoull('64MB'), 64n * 1024n * 1024n);
  assert.equal(memtoull('5k'), 5000n);
  assert.equal(memtoull('5Kb'), 5120n);
  assert.equal(memtoull('7b'), 7n);
  assert.equal(memtoull('100'), 100n);
  for (const bad of ['1t', '1tb', '1.5gb', '-1', '+1', '1 gb', 'gb1', '1gbb']) assert.equal(memtoull(bad), null, bad);
});

test('memtoull quirks the server has: empty digits are 0, overflow wraps', () => {
  assert.equal(memtoull(''), 0n);
  assert.equal(memtoull('gb'), 0n);
  assert.equal(memtoull('99999999999999999999'), ULLONG_MAX);
  assert.equal(memtoull('18446744073709551615kb'), (ULLONG_MAX * 1024n) % (1n << 64n));
});

test('strtoll accepts blanks and signs but must consume the whole string', () => {
  assert.deepEqual(strtollWhole(' +12', 10), { value: 12n, whole: true, overflow: false });
  assert.equal(strtollWhole('12x', 10).whole, false);
  assert.equal(strtollWhole('', 10).whole, true);
  assert.equal(strtollWhole('x', 10).whole, false);
  assert.equal(strtollWhole('777', 8).value, 511n);
  assert.equal(strtollWhole('8', 8).whole, false);
  assert.equal(strtollWhole('99999999999999999999', 10).overflow, true);
});

test('string2d', () => {
  assert.equal(string2d('99.9'), 99.9);
  assert.equal(string2d('1e2'), 100);
  assert.equal(string2d(' 1'), null);
  assert.equal(string2d('1 '), null);
  assert.equal(string2d('nan'), null);
  assert.equal(string2d(''), null);
});

test('toLongLong wraps like a C cast', () => {
  assert.equal(toLongLong(ULLONG_MAX), -1n);
  assert.equal(toLongLong(5n), 5n);
});
