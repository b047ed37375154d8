/** KeySet (the scanner's dedup set) answers exactly as a Set<string>. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { KeySet } from '../../server/src/live/patterns/keyset';

/** Adds every key to a KeySet and a Set, and checks that both give the same answer each time. */
function same(keys: string[], expected?: number): void {
  const ks = new KeySet(expected);
  const ref = new Set<string>();
  for (const k of keys) {
    const before = ref.size;
    ref.add(k);
    assert.equal(ks.add(k), ref.size !== before, JSON.stringify(k));
    assert.equal(ks.size, ref.size);
  }
}

test('duplicates are found, distinct keys are kept, across table growth', () => {
  const keys: string[] = [];
  for (let i = 0; i < 50_000; i++) keys.push(i % 2 ? `token:blacklist:${randomUUID()}` : `user:${i}:profile`);
  // every key again, in another order, and some a third time
  const again = keys.slice().reverse().concat(keys.filter((_, i) => i % 7 === 0));
  same(keys.concat(again)); // starts small and grows
  same(keys.concat(again), keys.length); // sized up front
});

test('keys that differ only slightly, empty, and with every one-byte character', () => {
  const keys = ['', 'a', 'b', 'ab', 'ba', 'a\u0000', '\u0000a', '\u0000', 'é', 'e\u0301', '\u00ff', 'ÿ', 'a'.repeat(300), 'a'.repeat(301)];
  let all = '';
  for (let c = 0; c < 256; c++) { all += String.fromCharCode(c); keys.push(String.fromCharCode(c), `k:${String.fromCharCode(c)}:x`); }
  keys.push(all, all.slice(1), all + all);
  same(keys.concat(keys));
});

test('keys with characters above U+00FF and keys longer than a chunk', () => {
  const big = 'x'.repeat((1 << 20) + 5);
  const keys = ['ключ:1', 'ключ:2', '键', '🔑:3', '\ud800', '\udc00', 'a\u0100', 'a\u00ff', big, big + 'y', 'y' + big];
  for (let i = 0; i < 2000; i++) keys.push(randomBytes(12).toString('latin1'), `k:${randomBytes(6).toString('hex')}:\u4e00${i}`);
  same(keys.concat(keys.slice().reverse()));
});

test('hash collisions are resolved on the key bytes', () => {
  // many keys, a tiny table at first: every probe sequence is long and hashes repeat in the low bits
  const keys: string[] = [];
  for (let i = 0; i < 20_000; i++) keys.push(String(i), String(i) + ':');
  same(keys.concat(keys));
});
