/** Spec for RG405 sentinel-quorum-count. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const sentinels = (q: number, n: number, name = (i: number) => 'm') => Object.fromEntries(Array.from({ length: n }, (_, i) => [`sentinel-${i + 1}.conf`, `port ${26380 + i}\nsentinel monitor ${name(i)} 127.0.0.1 6380 ${q}\n`]));
const data = { 'primary.conf': 'port 6380\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' };

test('RG405: a quorum above the Sentinels of the deployment, in each Sentinel, on the quorum', () => {
  const f = findingsOf('RG405', { ...data, ...sentinels(4, 3) });
  assert.deepEqual(f.map(x => [x.file, x.line + 1, x.character]), [['sentinel-1.conf', 2, 34], ['sentinel-2.conf', 2, 34], ['sentinel-3.conf', 2, 34]]);
  assert.match(f[0].message, /never failed over/);
  assert.deepEqual(relatedOf(f[0]), [['sentinel-2.conf', 2], ['sentinel-3.conf', 2]]);
});

test('RG405: a quorum equal to the number of Sentinels is a warning; a majority is fine', () => {
  const eq = findingsOf('RG405', { ...data, ...sentinels(3, 3) });
  assert.equal(eq.length, 3);
  assert.match(eq[0].message, /any one of them is down/);
  assert.equal(findingsOf('RG405', { ...data, ...sentinels(2, 3) }).length, 0);
});

test('RG405: Sentinels that name the primary differently', () => {
  const f = findingsOf('RG405', { ...data, ...sentinels(2, 3, i => (i === 2 ? 'other' : 'm')) });
  assert.deepEqual(f.map(x => x.file), ['sentinel-3.conf']);
  assert.match(f[0].message, /calls the primary "other"/);
});
