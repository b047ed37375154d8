/** Spec for RG305 password-in-file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';
const HASH = '#1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b';

test('RG305 reports every password token, at the token, without its value', () => {
  const text = `requirepass ${PW}\nmasterauth ${PW}x\nuser app on >${PW}y >${PW}z ~* +@all\n`;
  const f = findingsOf('RG305', text);
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 12], [1, 11], [2, 12], [2, 79]]);
  assert.match(f[2].message, /user app/);
  for (const x of f) assert.ok(!x.message.includes(PW), 'the message never shows the password');
  assert.match(f[0].message, /ACL file/);
  assert.match(f[0].details!, /aclfile/);
});

test('RG305 reads primaryauth on Valkey 8 and Sentinel passwords in sentinel.conf', () => {
  assert.equal(findingsOf('RG305', `primaryauth ${PW}\n`, { server: 'valkey@8.0' }).length, 1);
  assert.equal(findingsOf('RG305', `masterauth ${PW}\n`, { server: 'valkey@8.0' }).length, 1, 'the old name is an alias');
  const sentinel = `port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\nsentinel auth-pass mymaster ${PW}\n`;
  const f = findingsOf('RG305', sentinel, { sentinel: true });
  assert.deepEqual(f.map(x => [x.line, x.character]), [[2, 28]]);
});

test('RG305 is quiet for hashed passwords and empty values', () => {
  assert.equal(findingsOf('RG305', `user default on ${HASH} ~* &* +@all\n`).length, 0);
  assert.equal(findingsOf('RG305', 'requirepass ""\nport 6379\n').length, 0);
});

test('RG305 is information in production and off in development', () => {
  const text = `requirepass ${PW}\n`;
  assert.equal(findingsOf('RG305', text)[0].severity, 'information');
  assert.equal(findingsOf('RG305', text, { profile: 'development' }).length, 0);
});

test('RG305 can be suppressed', () => {
  assert.equal(findingsOf('RG305', `# redis-guard-disable-next-line RG305\nrequirepass ${PW}\n`).length, 0);
  assert.equal(findingsOf('RG305', `# redis-guard-disable RG305\nrequirepass ${PW}\nmasterauth ${PW}\n`).length, 0);
});
