/** Spec for RG353 sentinel-quorum. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const S = { sentinel: true };
const MON = (q: number) => `port 26379\nsentinel monitor mymaster 10.0.0.5 6379 ${q}\n`;
const KNOWN = 'sentinel known-sentinel mymaster 10.0.0.6 26379 8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e8a0d2f4b\n'
  + 'sentinel known-sentinel mymaster 10.0.0.7 26379 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d\n';

test('RG353 warns on quorum 1, at the quorum', () => {
  const f = findingsOf('RG353', MON(1), S);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 40, 41]]);
  assert.match(f[0].message, /three Sentinels/);
});

test('RG353 compares the quorum with the Sentinels known from known-sentinel lines', () => {
  const tooHigh = findingsOf('RG353', MON(4) + KNOWN, S);
  assert.equal(tooHigh.length, 1);
  assert.match(tooHigh[0].message, /only 3 Sentinels/);
  assert.match(tooHigh[0].message, /never failed over/);
  assert.match(findingsOf('RG353', MON(3) + KNOWN, S)[0].message, /with one of them down, no failover happens/);
  assert.equal(findingsOf('RG353', MON(2) + KNOWN, S).length, 0);
  assert.equal(findingsOf('RG353', MON(3), S).length, 0, 'without known-sentinel lines the count is unknown');
  const other = 'port 26379\nsentinel monitor a 10.0.0.5 6379 3\nsentinel known-sentinel b 10.0.0.6 26379 8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e8a0d2f4b\n';
  assert.equal(findingsOf('RG353', other, S).length, 0, 'known sentinels of another master do not count');
});

test('RG353 only looks at sentinel.conf', () => {
  assert.equal(findingsOf('RG353', MON(1)).length, 0);
});

test('RG353 suppression comments', () => {
  assert.equal(findingsOf('RG353', 'port 26379\n# redis-guard-disable-next-line RG353\nsentinel monitor mymaster 10.0.0.5 6379 1\n', S).length, 0);
  assert.equal(findingsOf('RG353', '# redis-guard-disable RG353\n' + MON(1), S).length, 0);
});

test('RG353 levels: warning in production, information in development', () => {
  assert.equal(findingsOf('RG353', MON(1), S)[0].severity, 'warning');
  assert.equal(findingsOf('RG353', MON(1), { ...S, profile: 'development' })[0].severity, 'information');
});
