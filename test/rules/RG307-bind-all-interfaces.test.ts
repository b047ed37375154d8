/** Spec for RG307 bind-all-interfaces. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';
import { addressKind } from '../../server/src/engine/bind-address';

test('RG307 classifies bind addresses', () => {
  for (const a of ['*', '-*', '0.0.0.0', '::', '::*', '-::*', '0:0::0']) assert.equal(addressKind(a), 'any', a);
  for (const a of ['127.0.0.1', '127.1.2.3', '::1', '-::1', 'localhost', '0:0:0:0:0:0:0:1']) assert.equal(addressKind(a), 'loopback', a);
  for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.1', '192.168.1.10', 'fd00::1', 'fc12:3456::1', '::ffff:10.0.0.1']) assert.equal(addressKind(a), 'private', a);
  for (const a of ['172.32.0.1', '8.8.8.8', '203.0.113.7', '2001:db8::1', '::ffff:8.8.8.8', '11.0.0.1']) assert.equal(addressKind(a), 'public', a);
  assert.equal(addressKind('redis.internal'), 'name');
});

test('link-local and carrier-grade NAT addresses are not public', () => {
  for (const a of ['169.254.0.1', '169.254.255.254', 'fe80::1', 'fe80::1%eth0', '-fe80::abcd%ens3', 'febf::1', '::ffff:169.254.1.1']) assert.equal(addressKind(a), 'link-local', a);
  for (const a of ['100.64.0.1', '100.127.255.254', '::ffff:100.100.1.1']) assert.equal(addressKind(a), 'shared', a);
  // just outside those ranges
  for (const a of ['169.255.0.1', '100.63.255.255', '100.128.0.1', 'fec0::1']) assert.equal(addressKind(a), 'public', a);
  assert.equal(findingsOf('RG307', 'bind 169.254.10.2 fe80::1%eth0 100.64.3.4\n').length, 0);
  assert.equal(findingsOf('RG307', 'bind 100.128.0.1\n').length, 1);
});

test('RG307 fires without bind (at the top) and at each open address', () => {
  assert.deepEqual(findingsOf('RG307', 'port 6379\n').map(f => [f.line, f.character]), [[0, 0]]);
  const f = findingsOf('RG307', 'port 6379\nbind 127.0.0.1 203.0.113.7\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 15, 26]]);
  assert.match(f[0].message, /203\.0\.113\.7 is not a private/);
  assert.equal(findingsOf('RG307', 'bind 0.0.0.0\n')[0].character, 5);
  assert.equal(findingsOf('RG307', 'bind * -::*\n').length, 2);
});

test('RG307 is quiet for loopback and private addresses, with TLS, without TCP and in sentinel.conf', () => {
  assert.equal(findingsOf('RG307', 'bind 127.0.0.1 -::1 10.0.0.5 192.168.1.2 172.16.0.1 fd00::1\n').length, 0);
  assert.equal(findingsOf('RG307', 'bind redis.internal\n').length, 0, 'host names cannot be judged');
  assert.equal(findingsOf('RG307', 'bind 0.0.0.0\nport 0\ntls-port 6380\n').length, 0);
  assert.equal(findingsOf('RG307', 'port 0\nunixsocket /run/redis/redis.sock\n').length, 0);
  assert.equal(findingsOf('RG307', 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG307 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG307', 'bind 0.0.0.0\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG307', 'bind 0.0.0.0\n', { profile: 'development' })[0].severity, 'information');
});

test('RG307 can be suppressed', () => {
  assert.equal(findingsOf('RG307', 'port 6379\n# redis-guard-disable-next-line RG307\nbind 0.0.0.0\n').length, 0);
  assert.equal(findingsOf('RG307', '# redis-guard-disable RG307\nport 6379\n').length, 0, 'a finding at the top needs the file-wide form');
});

test('RG307 offers only a manual loopback fix', () => {
  const f = findingsOf('RG307', 'port 6379\nbind 0.0.0.0\n')[0];
  assert.equal(f.fixes![0].safety, 'review', 'remote clients would be cut off');
  const fixed = applyFirstFix('RG307', 'port 6379\nbind 0.0.0.0\n');
  assert.equal(fixed, 'port 6379\nbind 127.0.0.1 -::1\n');
  assert.equal(findingsOf('RG307', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  assert.equal(applyFirstFix('RG307', 'bind 0.0.0.0\n', { server: 'redis@6.0' }), 'bind 127.0.0.1\n', 'no optional addresses on 6.x');
  const inserted = applyFirstFix('RG307', 'port 6379\n');
  assert.equal(inserted, 'port 6379\nbind 127.0.0.1 -::1\n');
  assert.deepEqual(fatalOf(inserted), []);
});
