/** Spec for RG354 sentinel-auth-missing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const S = { sentinel: true };
const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';

test('RG354 fires for every monitored master without auth-pass, at the master name', () => {
  const text = `port 26379\nsentinel monitor a 10.0.0.5 6379 2\nsentinel monitor b 10.0.0.8 6379 2\nsentinel auth-pass a ${PW}\n`;
  const f = findingsOf('RG354', text, S);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[2, 17, 18]]);
  assert.match(f[0].message, /sentinel auth-pass b/);
  assert.ok(!f[0].message.includes(PW));
});

test('RG354 is quiet with auth-pass and outside sentinel.conf', () => {
  assert.equal(findingsOf('RG354', `port 26379\nsentinel monitor a 10.0.0.5 6379 2\nsentinel auth-pass a ${PW}\n`, S).length, 0);
  assert.equal(findingsOf('RG354', 'port 26379\nsentinel monitor a 10.0.0.5 6379 2\n').length, 0);
});

test('RG354 suppression comments', () => {
  assert.equal(findingsOf('RG354', 'port 26379\n# redis-guard-disable-next-line RG354\nsentinel monitor a 10.0.0.5 6379 2\n', S).length, 0);
  assert.equal(findingsOf('RG354', '# redis-guard-disable RG354\nsentinel monitor a 10.0.0.5 6379 2\n', S).length, 0);
});

test('RG354 levels: warning in production, information in development', () => {
  const text = 'port 26379\nsentinel monitor a 10.0.0.5 6379 2\n';
  assert.equal(findingsOf('RG354', text, S)[0].severity, 'warning');
  assert.equal(findingsOf('RG354', text, { ...S, profile: 'development' })[0].severity, 'information');
});
