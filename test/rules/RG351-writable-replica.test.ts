/** Spec for RG351 writable-replica. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG351 fires on replica-read-only no (and slave-read-only no), at the value', () => {
  const f = findingsOf('RG351', 'replicaof 10.0.0.5 6379\nreplica-read-only no\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 18, 20]]);
  const alias = findingsOf('RG351', 'slave-read-only no\n');
  assert.deepEqual(alias.map(x => [x.line, x.character]), [[0, 16]]);
  assert.match(alias[0].message, /^slave-read-only no/);
  assert.match(alias[0].details!, /after a failover/);
});

test('RG351 is quiet for yes and the default', () => {
  assert.equal(findingsOf('RG351', 'replica-read-only yes\n').length, 0);
  assert.equal(findingsOf('RG351', 'replicaof 10.0.0.5 6379\n').length, 0);
  assert.equal(findingsOf('RG351', 'slave-read-only no\nreplica-read-only yes\n').length, 0, 'aliases: the last line wins');
});

test('RG351 suppression comments', () => {
  assert.equal(findingsOf('RG351', '# redis-guard-disable-next-line RG351\nreplica-read-only no\n').length, 0);
  assert.equal(findingsOf('RG351', '# redis-guard-disable RG351\nreplica-read-only no\n').length, 0);
});

test('RG351 levels: warning in production, information in development', () => {
  assert.equal(findingsOf('RG351', 'replica-read-only no\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG351', 'replica-read-only no\n', { profile: 'development' })[0].severity, 'information');
});

test('RG351 automatic fix sets yes', () => {
  const text = 'replicaof 10.0.0.5 6379\nreplica-read-only no\n';
  assert.equal(findingsOf('RG351', text)[0].fixes?.[0].safety, 'review');
  const fixed = applyFirstFix('RG351', text);
  assert.equal(fixed, 'replicaof 10.0.0.5 6379\nreplica-read-only yes\n');
  assert.equal(findingsOf('RG351', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  assert.equal(applyFirstFix('RG351', 'slave-read-only no\n'), 'slave-read-only yes\n');
});
