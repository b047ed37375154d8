/** Spec for RG372 deprecated-alias. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

test('RG372 flags old names at the name', () => {
  const f = findingsOf('RG372', 'port 6380\nslaveof 10.0.0.5 6379\nhash-max-ziplist-entries 128\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 0, 7], [2, 0, 24]]);
  assert.match(f[0].message, /slaveof is an old name of replicaof/);
  assert.match(f[1].message, /hash-max-listpack-entries/);
  assert.equal(findingsOf('RG372', 'SLAVE-READ-ONLY yes\n').length, 1, 'names are case-insensitive');
});

test('RG372 knows the Valkey 8 renames and what each version calls canonical', () => {
  const pw = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';
  const v8 = findingsOf('RG372', `masterauth ${pw}\n`, { server: 'valkey@8.0' });
  assert.equal(v8.length, 1);
  assert.match(v8[0].message, /old name of primaryauth/);
  assert.ok(!v8[0].message.includes(pw));
  assert.equal(findingsOf('RG372', `masterauth ${pw}\n`, { server: 'redis@7.2' }).length, 0);
  assert.equal(findingsOf('RG372', 'hash-max-ziplist-entries 128\n', { server: 'redis@6.2' }).length, 0, 'canonical before 7.0');
});

test('RG372 is quiet for canonical names and for names the server ignores (RG200)', () => {
  assert.equal(findingsOf('RG372', 'replicaof 10.0.0.5 6379\nreplica-read-only yes\n').length, 0);
  assert.equal(findingsOf('RG372', 'list-max-ziplist-entries 512\n', { server: 'redis@7.0' }).length, 0);
});

test('RG372 suppression comments', () => {
  assert.equal(findingsOf('RG372', '# redis-guard-disable-next-line RG372\nslaveof 10.0.0.5 6379\n').length, 0);
  assert.equal(findingsOf('RG372', '# redis-guard-disable RG372\nslaveof 10.0.0.5 6379\n').length, 0);
});

test('RG372 levels: information in production, hint in development', () => {
  assert.equal(findingsOf('RG372', 'slaveof 10.0.0.5 6379\n')[0].severity, 'information');
  assert.equal(findingsOf('RG372', 'slaveof 10.0.0.5 6379\n', { profile: 'development' })[0].severity, 'hint');
});

test('RG372 automatic fix writes the canonical name', () => {
  const text = 'port 6380\nslaveof 10.0.0.5 6379\n';
  assert.equal(findingsOf('RG372', text)[0].fixes?.[0].safety, 'safe');
  const fixed = applyFirstFix('RG372', text);
  assert.equal(fixed, 'port 6380\nreplicaof 10.0.0.5 6379\n');
  assert.equal(findingsOf('RG372', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  assert.equal(applyFirstFix('RG372', 'SLAVE-READ-ONLY yes\n'), 'replica-read-only yes\n');
  assert.equal(applyFirstFix('RG372', 'masterauth abc\n', { server: 'valkey@8.0' }), 'primaryauth abc\n');
});
