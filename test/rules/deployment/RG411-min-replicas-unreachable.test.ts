/** Spec for RG411 min-replicas-unreachable. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const R = 'port 6381\nreplicaof 127.0.0.1 6380\n';

test('RG411: more replicas asked for than the deployment has', () => {
  const f = findingsOf('RG411', { 'primary.conf': 'port 6380\nmin-replicas-to-write 2\n', 'replica-1.conf': R });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['primary.conf', 2]]);
  assert.match(f[0].message, /NOREPLICAS/);
  assert.deepEqual(relatedOf(f[0]), [['replica-1.conf', 2]]);
});

test('RG411: as many as there are, and replicas that become primaries, are judged alike', () => {
  assert.equal(findingsOf('RG411', { 'primary.conf': 'port 6380\nmin-replicas-to-write 1\n', 'replica-1.conf': R }).length, 0);
  assert.deepEqual(findingsOf('RG411', { 'primary.conf': 'port 6380\n', 'replica-1.conf': `${R}min-replicas-to-write 2\n` }).map(x => x.file), ['replica-1.conf']);
});
