/**
 * What changes for a server in a container (a config beside a Dockerfile or compose file, or a
 * container's command line): the official images switch protected mode off unless the config
 * sets it (docker-library/redis: the 6.2-7.4 Dockerfiles build with protected-mode defaulting to
 * no, newer entrypoints append --protected-mode no), every interface is the container's own, and
 * the working directory is the image's (/data).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';
import { lintText } from '../../server/src/engine/lint';

const IN = { container: 'in docker-compose.yml' };

test('RG301 in a container: protected mode is off unless the file sets it, so anyone who reaches the port gets in', () => {
  assert.match(findingsOf('RG301', 'port 6379\n', IN)[0].message, /the official images switch protected mode off, so anyone who can reach the port has full access/);
  assert.match(findingsOf('RG301', 'port 6379\nprotected-mode yes\n', IN)[0].message, /protected mode answers all others DENIED/, 'an explicit line counts');
  assert.match(findingsOf('RG301', 'port 6379\n')[0].message, /protected mode answers all others DENIED/, 'outside a container the server default holds');
});

test('RG309 is quiet in a container without a protected-mode line, and fires with one', () => {
  assert.equal(findingsOf('RG309', 'bind 0.0.0.0\n', IN).length, 0);
  assert.equal(findingsOf('RG309', 'bind 0.0.0.0\nprotected-mode yes\n', IN).length, 1);
});

test('RG307 in a container is information about publishing the port, without the loopback fix', () => {
  for (const text of ['port 6379\n', 'bind 0.0.0.0\n', 'bind * -::*\n']) {
    const f = findingsOf('RG307', text, IN);
    assert.equal(f.length, 1, text);
    assert.equal(f[0].severity, 'information');
    assert.match(f[0].message, /every interface of its container: who reaches it depends on how the port is published/);
    assert.equal(f[0].fixes, undefined, 'binding loopback would shut the container off');
  }
  assert.equal(findingsOf('RG307', 'bind 0.0.0.0\n')[0].severity, 'warning', 'outside a container');
  assert.equal(findingsOf('RG307', 'bind 203.0.113.7\n', IN)[0].severity, 'warning', 'a public address is still one');
});

test('RG323 in a container is information about the volume at the working directory', () => {
  for (const text of ['port 6379\n', 'dir ./\n']) {
    const f = findingsOf('RG323', text, IN);
    assert.equal(f[0].severity, 'information', text);
    assert.match(f[0].message, /image's working directory \(\/data in the official images\)\. Keep a volume there/);
  }
  assert.equal(findingsOf('RG323', 'dir /data\n', IN).length, 0);
  assert.equal(findingsOf('RG323', 'dir ""\n', IN).length, 0, 'an empty dir is the validator\'s, as outside a container');
  assert.equal(findingsOf('RG323', 'port 6379\n')[0].severity, 'warning');
});

test('RG340 in a container is information: the container networks and published ports decide', () => {
  const f = findingsOf('RG340', 'port 6379\n', IN);
  assert.equal(f[0].severity, 'information');
  assert.match(f[0].message, /container network, and any published port/);
  assert.equal(findingsOf('RG340', 'port 6379\n')[0].severity, 'warning');
});

test('RG366 says where the container is: beside a file, or in a command line', () => {
  assert.match(lintText('daemonize yes\n', { server: 'redis@7.2', fs: null, container: 'beside a Dockerfile' }).find(f => f.code === 'RG366')!.message, /^daemonize yes beside a Dockerfile:/);
  assert.match(lintText('daemonize yes\n', { server: 'redis@7.2', fs: null, container: 'in a Kubernetes manifest' }).find(f => f.code === 'RG366')!.message, /^daemonize yes in a Kubernetes manifest:/);
});
