/** Spec for RG350 replica-without-masterauth. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';

test('RG350 fires on replicaof (or slaveof) without masterauth, at the directive name', () => {
  const f = findingsOf('RG350', 'port 6380\nreplicaof 10.0.0.5 6379\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 0, 9]]);
  assert.match(f[0].message, /10\.0\.0\.5:6379/);
  assert.match(f[0].message, /masterauth/);
  assert.equal(findingsOf('RG350', 'slaveof 10.0.0.5 6379\n').length, 1);
  assert.match(findingsOf('RG350', 'replicaof 10.0.0.5 6379\n', { server: 'valkey@8.0' })[0].message, /primaryauth/);
  assert.equal(findingsOf('RG350', `replicaof 10.0.0.5 6379\nmasterauth ""\n`).length, 1, 'an empty masterauth is none');
});

test('RG350 is quiet with masterauth/primaryauth, without replicaof, and for replicaof no one', () => {
  assert.equal(findingsOf('RG350', `replicaof 10.0.0.5 6379\nmasterauth ${PW}\n`).length, 0);
  assert.equal(findingsOf('RG350', `replicaof 10.0.0.5 6379\nprimaryauth ${PW}\n`, { server: 'valkey@8.0' }).length, 0);
  assert.equal(findingsOf('RG350', `replicaof 10.0.0.5 6379\nmasterauth ${PW}\n`, { server: 'valkey@8.0' }).length, 0, 'old name on Valkey 8');
  assert.equal(findingsOf('RG350', 'port 6379\n').length, 0);
  assert.equal(findingsOf('RG350', 'replicaof no one\n').length, 0);
});

test('RG350 never puts a password in the message', () => {
  const f = findingsOf('RG350', `replicaof 10.0.0.5 6379\nrequirepass ${PW}\n`);
  assert.equal(f.length, 1);
  assert.ok(!f[0].message.includes(PW));
});

test('RG350 suppression comments', () => {
  assert.equal(findingsOf('RG350', '# redis-guard-disable-next-line RG350\nreplicaof 10.0.0.5 6379\n').length, 0);
  assert.equal(findingsOf('RG350', '# redis-guard-disable RG350\nreplicaof 10.0.0.5 6379\n').length, 0);
});

test('RG350 levels: error in production, warning in staging and development', () => {
  assert.equal(findingsOf('RG350', 'replicaof 10.0.0.5 6379\n')[0].severity, 'error');
  assert.equal(findingsOf('RG350', 'replicaof 10.0.0.5 6379\n', { profile: 'staging' })[0].severity, 'warning');
  assert.equal(findingsOf('RG350', '# redis-guard: profile=development\nreplicaof 10.0.0.5 6379\n')[0].severity, 'warning');
});
