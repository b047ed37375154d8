/** Spec for RG406 sentinel-auth-mismatch. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf, PW } from './helpers';

const data = (auth: string) => ({ 'primary.conf': `port 6380\n${auth}\n`, 'replica-1.conf': `port 6381\nreplicaof 127.0.0.1 6380\n${auth}\nmasterauth ${PW}\n` });
const sentinel = (lines: string) => ({ 'sentinel-1.conf': `port 26380\nsentinel monitor m 127.0.0.1 6380 2\n${lines}\n` });

test('RG406: a wrong auth-pass, on its line, pointing at requirepass', () => {
  const f = findingsOf('RG406', { ...data(`requirepass ${PW}`), ...sentinel('sentinel auth-pass m wrong') });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['sentinel-1.conf', 3]]);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 2]]);
  assert.equal(findingsOf('RG406', { ...data(`requirepass ${PW}`), ...sentinel(`sentinel auth-pass m ${PW}`) }).length, 0);
});

test('RG406: an ACL user for Sentinel: unknown, or without the commands Sentinel sends', () => {
  const users = `user default off\nuser sentinel on >${PW} +ping +info`;
  const f = findingsOf('RG406', { ...data(users), ...sentinel(`sentinel auth-user m sentinel\nsentinel auth-pass m ${PW}`) });
  assert.match(f[0].message, /may not run subscribe, publish, role, config, client, multi, exec, slaveof/);
  assert.equal(findingsOf('RG406', { ...data(`user default off\nuser sentinel on >${PW} +@all`), ...sentinel(`sentinel auth-user m sentinel\nsentinel auth-pass m ${PW}`) }).length, 0);
  assert.match(findingsOf('RG406', { ...data(users), ...sentinel(`sentinel auth-user m watcher\nsentinel auth-pass m ${PW}`) })[0].message, /do not log in/);
});

test('RG406: nothing when the primary has no password or auth-pass is missing (RG354)', () => {
  assert.equal(findingsOf('RG406', { ...data('maxmemory 1gb'), ...sentinel('sentinel auth-pass m something') }).length, 0);
  assert.equal(findingsOf('RG406', { ...data(`requirepass ${PW}`), ...sentinel('') }).length, 0);
});
