/** Spec for RG402 rename-mismatch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

test('RG402: a command disabled on the replica only, at its rename line, pointing at the primary', () => {
  const f = findingsOf('RG402', { 'primary.conf': 'port 6380\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\nrename-command DEL ""\n' });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['replica-1.conf', 3]]);
  assert.match(f[0].message, /DEL is disabled here but not renamed in primary\.conf/);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 1]]);
});

test('RG402: a rename on the primary only, and two different new names', () => {
  const p = 'port 6380\nrename-command SET XSET\n';
  assert.match(findingsOf('RG402', { 'primary.conf': p, 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\n' })[0].message, /not renamed here but renamed to XSET/);
  assert.match(findingsOf('RG402', { 'primary.conf': p, 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\nrename-command SET YSET\n' })[0].message, /renamed to YSET here but renamed to XSET/);
  assert.equal(findingsOf('RG402', { 'primary.conf': p, 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\nrename-command set xset\n' }).length, 0, 'names compare without case');
});

test('RG402: a Sentinel must know a renamed CONFIG', () => {
  const texts = { 'primary.conf': 'port 6380\nrename-command CONFIG CONFIG_b81f\n', 'replica-1.conf': 'port 6381\nreplicaof 127.0.0.1 6380\nrename-command CONFIG CONFIG_b81f\n', 'sentinel-1.conf': 'port 26380\nsentinel monitor m 127.0.0.1 6380 2\n' };
  const f = findingsOf('RG402', texts);
  assert.deepEqual(f.map(x => x.file), ['sentinel-1.conf']);
  assert.match(f[0].message, /CONFIG renamed to CONFIG_B81F/);
  assert.equal(findingsOf('RG402', { ...texts, 'sentinel-1.conf': texts['sentinel-1.conf'] + 'sentinel rename-command m CONFIG CONFIG_b81f\n' }).length, 0);
});
