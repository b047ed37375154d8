/** Spec for RG404 sentinel-monitor-target. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, relatedOf } from './helpers';

const P = 'bind 10.0.0.11\nport 6380\n';
const R = 'bind 10.0.0.12\nport 6380\nreplicaof 10.0.0.11 6380\n';

test('RG404: a port nobody listens on, on the address and port of the monitor line', () => {
  const f = findingsOf('RG404', { 'primary.conf': P, 'replica-1.conf': R, 'sentinel-1.conf': 'port 26380\nsentinel monitor m 10.0.0.11 6390 2\n' });
  assert.deepEqual(f.map(x => [x.file, x.line + 1, x.character]), [['sentinel-1.conf', 2, 19]]);
  assert.match(f[0].message, /10\.0\.0\.11:6390, where no data node/);
  assert.deepEqual(relatedOf(f[0]), [['primary.conf', 2]]);
});

test('RG404: an address that is a replica\'s', () => {
  const f = findingsOf('RG404', { 'primary.conf': P, 'replica-1.conf': R, 'sentinel-1.conf': 'port 26380\nsentinel monitor m 10.0.0.12 6380 2\n' });
  assert.match(f[0].message, /replica-1\.conf, a replica/);
});

test('RG404: the primary\'s address, a host name standing for the only primary, no data files at all', () => {
  assert.equal(findingsOf('RG404', { 'primary.conf': P, 'replica-1.conf': R, 'sentinel-1.conf': 'port 26380\nsentinel monitor m 10.0.0.11 6380 2\n' }).length, 0);
  assert.equal(findingsOf('RG404', { 'primary.conf': 'port 6379\n', 'replica-1.conf': 'port 6379\nreplicaof redis-primary 6379\n', 'sentinel-1.conf': 'port 26379\nsentinel resolve-hostnames yes\nsentinel monitor m redis-primary 6379 2\n' }).length, 0);
});
