/** Spec for RG408 port-clash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const node = (port: number, extra = '') => `bind 127.0.0.1\nport ${port}\ncluster-enabled yes\n${extra}`;

test('RG408: a cluster node whose port is another node\'s bus port', () => {
  const f = findingsOf('RG408', { 'node-a.conf': node(7000), 'node-b.conf': node(17000) });
  assert.deepEqual(f.map(x => [x.file, x.line + 1]), [['node-b.conf', 2]]);
  assert.match(f[0].message, /port 17000 .* node-a\.conf's cluster bus port/);
  assert.deepEqual(relatedOf(f[0]), [['node-a.conf', 2]]);
});

test('RG408: cluster-port on another\'s bus port, a bus port above 65535, two data nodes on one port', () => {
  assert.match(findingsOf('RG408', { 'node-a.conf': node(7000), 'node-b.conf': node(7001, 'cluster-port 17000\n') })[0].message, /cluster-port 17000/);
  assert.match(findingsOf('RG408', { 'node-a.conf': node(7000), 'node-b.conf': node(60000) })[0].message, /above 65535/);
  assert.equal(findingsOf('RG408', { 'primary.conf': 'bind 127.0.0.1\nport 6380\n', 'replica-1.conf': 'bind 127.0.0.1\nport 6380\nreplicaof 127.0.0.1 6380\n' }).length, 1);
});

test('RG408: different hosts do not clash, nor members listening everywhere (a container each); distinct ports are fine', () => {
  assert.equal(findingsOf('RG408', { 'node-a.conf': 'bind 10.0.0.1\nport 7000\ncluster-enabled yes\n', 'node-b.conf': 'bind 10.0.0.2\nport 7000\ncluster-enabled yes\n' }).length, 0);
  assert.equal(findingsOf('RG408', { 'primary.conf': 'port 6379\n', 'replica-1.conf': 'port 6379\nreplicaof redis-primary 6379\n' }).length, 0);
  const manifest = JSON.stringify({ members: [{ file: 'primary.conf', host: 'h1' }, { file: 'replica-1.conf', host: 'h1' }] });
  assert.equal(findingsOf('RG408', { 'primary.conf': 'port 6379\n', 'replica-1.conf': 'port 6379\nreplicaof h1 6379\n' }, { manifest }).length, 1, 'the manifest puts both on h1');
  assert.equal(findingsOf('RG408', { 'node-a.conf': node(7000), 'node-b.conf': node(7001) }).length, 0);
});
