/** Spec for RG352 min-replicas-unset. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const HA = { profile: 'production-ha' as const };

test('RG352 fires in production-ha on a primary without min-replicas-to-write', () => {
  const unset = findingsOf('RG352', 'port 6379\n', HA);
  assert.deepEqual(unset.map(x => [x.line, x.character]), [[0, 0]]);
  assert.match(unset[0].message, /min-replicas-to-write 1 and min-replicas-max-lag 10/);
  const zero = findingsOf('RG352', 'port 6379\nmin-replicas-to-write 0\n', HA);
  assert.deepEqual(zero.map(x => [x.line, x.character]), [[1, 22]]);
  assert.equal(findingsOf('RG352', 'min-slaves-to-write 0\n', HA).length, 1, 'old name counts');
  assert.equal(findingsOf('RG352', 'replicaof no one\n', HA).length, 1, 'replicaof no one is a primary');
});

test('RG352 is quiet with min-replicas-to-write > 0, on replicas and in sentinel.conf', () => {
  assert.equal(findingsOf('RG352', 'min-replicas-to-write 1\nmin-replicas-max-lag 10\n', HA).length, 0);
  assert.equal(findingsOf('RG352', 'min-slaves-to-write 1\n', HA).length, 0);
  assert.equal(findingsOf('RG352', 'replicaof 10.0.0.5 6379\n', HA).length, 0);
  assert.equal(findingsOf('RG352', 'port 26379\nsentinel monitor m 127.0.0.1 6379 2\n', { ...HA, sentinel: true }).length, 0);
});

test('RG352 suppression comments', () => {
  assert.equal(findingsOf('RG352', '# redis-guard-disable-next-line RG352\nmin-replicas-to-write 0\n', HA).length, 0);
  assert.equal(findingsOf('RG352', '# redis-guard-disable RG352\nport 6379\n', HA).length, 0);
});

test('RG352 only matters for production-ha (information in staging, off elsewhere)', () => {
  assert.equal(findingsOf('RG352', 'port 6379\n', HA)[0].severity, 'warning');
  assert.equal(findingsOf('RG352', '# redis-guard: profile=production-ha\nport 6379\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG352', 'port 6379\n', { profile: 'staging' })[0].severity, 'information');
  assert.equal(findingsOf('RG352', 'port 6379\n').length, 0, 'production');
  assert.equal(findingsOf('RG352', 'port 6379\n', { profile: 'cluster' }).length, 0);
  assert.equal(findingsOf('RG352', 'port 6379\n', { profile: 'development' }).length, 0);
});
