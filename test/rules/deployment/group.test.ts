/** groupDeployments: folders, addresses, manifests, roles, files that belong to no deployment, and the views they share. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { groupDeployments, MAX_GROUPED_FILES } from '../../../server/src/engine/deployment/group';
import { checkDeployment } from '../../../server/src/engine/deployment/check';
import { viewOf } from '../../../server/src/engine/deployment/view';

const f = (p: string, text: string) => ({ path: path.resolve(p), text });
const roles = (d: ReturnType<typeof groupDeployments>[number]) => d.members.map(m => `${path.basename(m.path)}:${m.role}`);

test('one folder: primary, replicas and Sentinels, with hosts, ports and what each follows', () => {
  const ds = groupDeployments([
    f('/d/a/primary.conf', 'bind 10.0.0.11\nport 6379\n'),
    f('/d/a/replica.conf', 'bind 10.0.0.12\nport 6379\nreplicaof 10.0.0.11 6379\n'),
    f('/d/a/sentinel.conf', 'port 26379\nsentinel monitor mymaster 10.0.0.11 6379 2\n'),
    f('/d/a/unrelated.conf', 'port 7777\n'),
  ]);
  assert.equal(ds.length, 1);
  assert.deepEqual({ name: ds[0].name, kind: ds[0].kind, source: ds[0].source }, { name: 'a', kind: 'sentinel', source: 'inferred' });
  assert.deepEqual(roles(ds[0]), ['primary.conf:primary', 'replica.conf:replica', 'sentinel.conf:sentinel'], 'a standalone file nobody follows belongs to no deployment');
  assert.deepEqual(ds[0].members[1], { path: path.resolve('/d/a/replica.conf'), role: 'replica', host: '10.0.0.12', port: 6379, follows: { host: '10.0.0.11', port: 6379 } });
  assert.equal(ds[0].members[2].monitorName, 'mymaster');
  assert.equal(ds[0].members[2].port, 26379);
});

test('files alone in their folders join what they point at; a folder of standalone files is no deployment', () => {
  const ds = groupDeployments([
    f('/etc/redis/6380/redis.conf', 'port 6380\n'),
    f('/etc/redis/6381/redis.conf', 'port 6381\nreplicaof 127.0.0.1 6380\n'),
    f('/etc/redis/sentinel/sentinel.conf', 'port 26379\nsentinel monitor m 127.0.0.1 6380 2\n'),
    f('/srv/two/a.conf', 'port 1\n'), f('/srv/two/b.conf', 'port 2\n'),
  ]);
  assert.equal(ds.length, 1);
  assert.deepEqual(ds[0].members.map(m => m.role).sort(), ['primary', 'replica', 'sentinel']);
  assert.equal(ds[0].name, 'redis');
});

test('two folders with the same ports stay two deployments', () => {
  const files = ['x', 'y'].flatMap(d => [f(`/e/${d}/primary.conf`, 'port 6380\n'), f(`/e/${d}/replica.conf`, 'port 6381\nreplicaof 127.0.0.1 6380\n')]);
  assert.deepEqual(groupDeployments(files).map(d => d.name), ['x', 'y']);
});

test('replicas pointing at a service name: the one data file that follows nobody is the primary', () => {
  const ds = groupDeployments([f('/c/primary.conf', 'port 6379\n'), f('/c/replica.conf', 'port 6379\nreplicaof redis-primary 6379\n')]);
  assert.deepEqual(roles(ds[0]), ['primary.conf:primary', 'replica.conf:replica']);
});

test('cluster nodes and a Sentinel setup in one folder are two deployments', () => {
  const ds = groupDeployments([
    f('/m/n1.conf', 'port 7000\ncluster-enabled yes\n'), f('/m/n2.conf', 'port 7001\ncluster-enabled yes\n'),
    f('/m/p.conf', 'port 6380\n'), f('/m/sentinel.conf', 'port 26379\nsentinel monitor m 127.0.0.1 6380 2\n'),
  ]);
  assert.deepEqual(ds.map(d => [d.kind, d.members.length]), [['cluster', 2], ['sentinel', 2]]);
});

test('a manifest names members, roles and hosts; problems become RG400 on the manifest', () => {
  const files = [f('/k/a.conf', 'port 6379\n'), f('/k/b.conf', 'port 6379\nreplicaof redis-a 6379\n')];
  const manifest = { path: path.resolve('/k/redis-guard.json'), text: JSON.stringify({ name: 'shop', members: [{ file: 'a.conf', host: 'redis-a' }, { file: 'b.conf', host: 'redis-b', role: 'replica' }, { file: 'c.conf' }, { file: 'a.conf', role: 'boss' }] }) };
  const ds = groupDeployments(files, { manifest });
  assert.equal(ds.length, 1);
  assert.deepEqual({ name: ds[0].name, source: ds[0].source, manifestPath: ds[0].manifestPath }, { name: 'shop', source: 'manifest', manifestPath: manifest.path });
  assert.deepEqual(ds[0].members.map(m => [path.basename(m.path), m.role, m.host]), [['a.conf', 'primary', 'redis-a'], ['b.conf', 'replica', 'redis-b']]);
  const problems = checkDeployment(ds[0], files).filter(x => x.code === 'RG400');
  assert.deepEqual(problems.map(p => p.path), [manifest.path, manifest.path, manifest.path]);
  assert.match(problems.map(p => p.message).join('\n'), /unknown role "boss"[\s\S]*"c\.conf" is not among/);
  const bad = groupDeployments(files, { manifest: { ...manifest, text: '{ nope' } });
  assert.match(checkDeployment(bad.find(d => d.source === 'manifest')!, files)[0].message, /not valid JSON/);
});

test('a .redis-guard.yaml manifest says the same in YAML; broken YAML and aliases are RG400', () => {
  const files = [f('/y/a.conf', 'port 6379\n'), f('/y/b.conf', 'port 6379\nreplicaof redis-a 6379\n')];
  const yaml = 'name: shop\nmembers:\n  - file: a.conf\n    host: redis-a\n  - { file: b.conf, host: redis-b, role: replica }\n';
  const ds = groupDeployments(files, { manifest: { path: path.resolve('/y/.redis-guard.yaml'), text: yaml } });
  assert.deepEqual(ds.map(d => [d.name, d.source]), [['shop', 'manifest']]);
  assert.deepEqual(ds[0].members.map(m => [path.basename(m.path), m.role, m.host]), [['a.conf', 'primary', 'redis-a'], ['b.conf', 'replica', 'redis-b']]);
  assert.deepEqual(checkDeployment(ds[0], files).filter(x => x.code === 'RG400'), []);
  for (const [text, why] of [['members: [ { file: a.conf\n', /\.redis-guard\.yaml is not valid YAML/], ['x: &a [1]\nmembers: *a\n', /\.redis-guard\.yaml uses YAML aliases/]] as const) {
    const bad = groupDeployments(files, { manifest: { path: path.resolve('/y/.redis-guard.yaml'), text } });
    const found = checkDeployment(bad.find(d => d.source === 'manifest')!, files).filter(x => x.code === 'RG400');
    assert.match(found.map(x => x.message).join('\n'), why, text);
  }
});

test('a file too large to check, and more files than one grouping takes, are left out', () => {
  const big = f('/h/replica.conf', `replicaof 127.0.0.1 6380\n${'#'.repeat(5 * 1024 * 1024)}\n`);
  assert.deepEqual(groupDeployments([f('/h/primary.conf', 'port 6380\n'), big]), []);
  const many = Array.from({ length: MAX_GROUPED_FILES + 500 }, (_, i) => f(`/many/r${i}.conf`, `port ${7000 + i}\nreplicaof 127.0.0.1 6999\n`));
  const ds = groupDeployments([f('/many/p.conf', 'port 6999\n'), ...many]);
  assert.equal(ds[0].members.length, MAX_GROUPED_FILES);
});

test('a file is parsed once while its text stays the same: the grouping and the checks share its view', () => {
  const a = viewOf('/v/primary.conf', 'port 6380\n', 'redis@7.2');
  assert.equal(viewOf('/v/primary.conf', 'port 6380\n', 'redis@7.2'), a, 'same path, target and text: the same view');
  assert.notEqual(viewOf('/v/primary.conf', 'port 6381\n', 'redis@7.2'), a, 'a changed text is read again');
  assert.equal(viewOf('/v/primary.conf', 'port 6381\n', 'redis@7.2')!.port, 6381);
  assert.notEqual(viewOf('/v/primary.conf', 'port 6381\n', 'valkey@8.1'), viewOf('/v/primary.conf', 'port 6381\n', 'redis@7.2'), 'per target');
  // bounded by the texts' size: 3 MB files push out the oldest views
  const big = (n: number) => `port ${7000 + n}\n${'#'.repeat(3 * 1024 * 1024)}\n`;
  const first = viewOf('/v/big-0.conf', big(0));
  for (let i = 1; i < 4; i++) viewOf(`/v/big-${i}.conf`, big(i));
  assert.notEqual(viewOf('/v/big-0.conf', big(0)), first, 'the oldest view was dropped');
});
