/** Spec for RG355 sentinel-timeouts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const S = { sentinel: true };
const HEAD = 'port 26379\nsentinel monitor m 10.0.0.5 6379 2\n';

test('RG355 flags extreme down-after-milliseconds and failover-timeout, at the number', () => {
  const f = findingsOf('RG355', HEAD + 'sentinel down-after-milliseconds m 500\nsentinel failover-timeout m 3600000\n', S);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[2, 35, 38], [3, 28, 35]]);
  assert.match(f[0].message, /very short/);
  assert.match(f[1].message, /very long/);
  assert.equal(findingsOf('RG355', HEAD + 'sentinel down-after-milliseconds m 120000\n', S).length, 1);
  assert.equal(findingsOf('RG355', HEAD + 'sentinel failover-timeout m 5000\n', S).length, 1);
});

test('RG355 is quiet for sensible values, the defaults and outside sentinel.conf', () => {
  assert.equal(findingsOf('RG355', HEAD + 'sentinel down-after-milliseconds m 5000\nsentinel failover-timeout m 180000\n', S).length, 0);
  assert.equal(findingsOf('RG355', HEAD + 'sentinel down-after-milliseconds m 1000\nsentinel failover-timeout m 600000\n', S).length, 0, 'bounds are inclusive');
  assert.equal(findingsOf('RG355', HEAD, S).length, 0);
  assert.equal(findingsOf('RG355', HEAD + 'sentinel down-after-milliseconds m 500\n').length, 0);
});

test('RG355 suppression comments', () => {
  assert.equal(findingsOf('RG355', HEAD + '# redis-guard-disable-next-line RG355\nsentinel down-after-milliseconds m 500\n', S).length, 0);
  assert.equal(findingsOf('RG355', '# redis-guard-disable RG355\n' + HEAD + 'sentinel down-after-milliseconds m 500\n', S).length, 0);
});

test('RG355 levels: warning in production, information in development', () => {
  const text = HEAD + 'sentinel down-after-milliseconds m 500\n';
  assert.equal(findingsOf('RG355', text, S)[0].severity, 'warning');
  assert.equal(findingsOf('RG355', text, { ...S, profile: 'development' })[0].severity, 'information');
});
