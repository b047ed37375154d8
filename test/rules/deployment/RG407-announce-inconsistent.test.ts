/** Spec for RG407 announce-inconsistent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const P = 'port 6380\nreplica-announce-ip 10.0.0.11\n';

test('RG407: a data node without an announce address when others have one', () => {
  const f = findingsOf('RG407', { 'primary.conf': P, 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['replica-1.conf', 1]]);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 2]]);
});

test('RG407: two members announcing one address and port', () => {
  const f = findingsOf('RG407', { 'primary.conf': P, 'replica-1.conf': 'port 6380\nreplicaof 127.0.0.1 6380\nreplica-announce-ip 10.0.0.11\n' });
  assert.match(f[0].message, /announces 10\.0\.0\.11:6380, as primary\.conf does/);
});

test('RG407: every member or none announcing is fine', () => {
  assert.equal(findingsOf('RG407', { 'primary.conf': P, 'replica-1.conf': 'port 6381\nreplicaof 10.0.0.11 6380\nreplica-announce-ip 10.0.0.12\n' }).length, 0);
  assert.equal(findingsOf('RG407', { 'primary.conf': 'port 6380\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' }).length, 0);
});
