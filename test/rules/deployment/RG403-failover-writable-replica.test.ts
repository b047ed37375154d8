/** Spec for RG403 failover-writable-replica. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const S = 'port 26380\nsentinel monitor m 127.0.0.1 6380 2\n';

test('RG403: replica-read-only no on a primary that Sentinel watches', () => {
  const f = findingsOf('RG403', { 'primary.conf': 'port 6380\nreplica-read-only no\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n', 'sentinel-1.conf': S });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['primary.conf', 2]]);
  assert.deepEqual(relatedOf(f[0]), [['sentinel-1.conf', 2]]);
  assert.equal(f[0].severity, 'warning');
});

test('RG403: not without Sentinels, not with yes', () => {
  assert.equal(findingsOf('RG403', { 'primary.conf': 'port 6380\nreplica-read-only no\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' }).length, 0);
  assert.equal(findingsOf('RG403', { 'primary.conf': 'port 6380\nreplica-read-only yes\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n', 'sentinel-1.conf': S }).length, 0);
});
