/** Spec for RG410 primary-without-persistence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const R = 'port 6381\nreplicaof 127.0.0.1 6380\n';

test('RG410: a primary without snapshots or AOF, on its save line, pointing at its replicas', () => {
  const f = findingsOf('RG410', { 'primary.conf': 'port 6380\nsave ""\nappendonly no\n', 'replica-1.conf': R, 'replica-2.conf': 'port 6382\nreplicaof 127.0.0.1 6380\n' });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['primary.conf', 2]]);
  assert.match(f[0].message, /its 2 replicas copy the empty dataset/);
  assert.deepEqual(relatedOf(f[0]), [['replica-1.conf', 2], ['replica-2.conf', 2]]);
});

test('RG410: AOF or the default snapshots are persistence', () => {
  assert.equal(findingsOf('RG410', { 'primary.conf': 'port 6380\nsave ""\nappendonly yes\n', 'replica-1.conf': R }).length, 0);
  assert.equal(findingsOf('RG410', { 'primary.conf': 'port 6380\n', 'replica-1.conf': R }).length, 0);
});
