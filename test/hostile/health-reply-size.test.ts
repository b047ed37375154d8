/** ReplySizeWatch: finds where each RESP reply ends in a byte stream, however it is split, and trips on one too large. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplySizeWatch } from '../../server/src/live/redis/reply-size';

/** Feeds `data` in pieces of `step` bytes; the index of the byte where the watch tripped, or -1. */
function tripsAt(cap: number, data: string, step: number): number {
  const w = new ReplySizeWatch(cap);
  const buf = Buffer.from(data, 'latin1');
  for (let i = 0; i < buf.length; i += step) if (!w.feed(buf.subarray(i, i + step))) return i;
  return -1;
}

const small = [
  '+OK\r\n', '-ERR no\r\n', ':42\r\n', '$3\r\nabc\r\n', '$-1\r\n', '*-1\r\n', '*0\r\n', '$0\r\n\r\n',
  '*2\r\n$3\r\nabc\r\n*1\r\n:1\r\n', '%1\r\n+a\r\n*2\r\n+b\r\n+c\r\n', '~2\r\n:1\r\n:2\r\n', '_\r\n', ',1.5\r\n', '#t\r\n',
  '|1\r\n+key\r\n+val\r\n$2\r\nok\r\n', '=8\r\ntxt:abcd\r\n', '*3\r\n*0\r\n$1\r\n\r\r\n*1\r\n$2\r\n\n\n\r\n',
];

test('many small replies, split at every size, never add up to "too large"', () => {
  const stream = small.join('').repeat(40); // far more than the cap in total
  assert.ok(stream.length > 10 * 64);
  for (const step of [1, 2, 3, 7, 64, stream.length]) assert.equal(tripsAt(64, stream, step), -1, `step ${step}`);
});

test('one reply over the cap trips, wherever the chunks split it', () => {
  const big = [`$200\r\n${'x'.repeat(200)}\r\n`, `*3\r\n${`$40\r\n${'y'.repeat(40)}\r\n`.repeat(3)}`, `+${'z'.repeat(150)}\r\n`, `%2\r\n+a\r\n$90\r\n${'v'.repeat(90)}\r\n+b\r\n:1\r\n`];
  for (const reply of big) {
    for (const step of [1, 5, 64, 1000]) {
      const at = tripsAt(100, `+OK\r\n:1\r\n${reply}`, step);
      assert.ok(at >= 0, `${JSON.stringify(reply.slice(0, 12))} step ${step} trips`);
    }
  }
});

test('a reply just under the cap after a big one does not trip (the count restarts per reply)', () => {
  const r = `$80\r\n${'x'.repeat(80)}\r\n`; // 87 bytes
  assert.equal(tripsAt(100, r.repeat(5), 3), -1);
});
