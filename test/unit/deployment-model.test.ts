/**
 * Add Deployment from Config Files, the pure part: connections per member (roles, addresses,
 * renames), stable ids so adding again updates, one password question per distinct auth with no
 * password in any text, and the words the tree shows for a member that cannot be reached.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupDeployments } from '../../server/src/engine';
import type { Deployment } from '../../server/src/engine';
import {
  authGroups, connectionsFor, deploymentKey, memberId, memberStateText, PasswordAnswer, pickItem, plan, secretsFor, withUsers,
} from '../../client/src/views/deployment-model';

const PW = 'model-test-data-password-7c1e';
const SPW = 'model-test-sentinel-password-93ab';

const files = new Map([
  ['/ws/prod/redis-primary.conf', `port 7001\nrequirepass ${PW}\nrename-command CONFIG CONFIG_abc\n`],
  ['/ws/prod/redis-replica.conf', `port 7002\nrequirepass ${PW}\nmasterauth ${PW}\nreplicaof 127.0.0.1 7001\n`],
  ['/ws/prod/sentinel-1.conf', `port 27001\nrequirepass ${SPW}\nsentinel monitor prod 127.0.0.1 7001 1\nsentinel auth-pass prod ${PW}\n`],
  ['/ws/prod/sentinel-2.conf', `port 27002\nsentinel monitor prod 127.0.0.1 7001 1\n`],
]);

const deployment = (paths = [...files.keys()]): Deployment => ({
  name: 'prod', kind: 'sentinel', source: 'inferred',
  members: paths.map(path => {
    const text = files.get(path)!;
    const port = Number(/^port (\d+)/m.exec(text)![1]);
    if (path.includes('sentinel')) return { path, role: 'sentinel' as const, host: '127.0.0.1', port, monitorName: 'prod', follows: { host: '127.0.0.1', port: 7001 } };
    if (text.includes('replicaof')) return { path, role: 'replica' as const, host: '127.0.0.1', port, follows: { host: '127.0.0.1', port: 7001 } };
    return { path, role: 'primary' as const, host: '127.0.0.1', port };
  }),
});

test('one connection per member: data nodes standalone at their address, Sentinels as sentinel connections, each with role and file', () => {
  const ps = connectionsFor(deployment(), files);
  assert.deepEqual(ps.map(p => [p.kind, p.member!.role, p.url ?? p.sentinels!.map(s => `${s.host}:${s.port}`).join()]), [
    ['standalone', 'primary', 'redis://127.0.0.1:7001'],
    ['standalone', 'replica', 'redis://127.0.0.1:7002'],
    ['sentinel', 'sentinel', '127.0.0.1:27001'],
    ['sentinel', 'sentinel', '127.0.0.1:27002'],
  ]);
  assert.equal(ps[2].masterName, 'prod');
  assert.deepEqual(ps[0].renames, { config: 'CONFIG_abc' }, 'CONFIG GET for drift goes to the renamed name');
  assert.equal(ps[0].name, 'prod: primary 127.0.0.1:7001');
  assert.equal(ps[1].member!.configFile, '/ws/prod/redis-replica.conf');
  assert.ok(ps.every(p => p.member!.deploymentName === 'prod' && p.member!.deployment === deploymentKey(deployment())));
  assert.ok(!JSON.stringify(ps).includes(PW) && !JSON.stringify(ps).includes(SPW), 'no password in what goes to settings');
});

test('the same deployment gets the same ids again; another folder of the same name does not', () => {
  const a = connectionsFor(deployment(), files).map(p => p.id);
  assert.deepEqual(connectionsFor(deployment(), files).map(p => p.id), a);
  const elsewhere: Deployment = { ...deployment(), members: deployment().members.map(m => ({ ...m, path: m.path.replace('/ws/prod/', '/ws/other/prod/') })) };
  assert.notEqual(deploymentKey(elsewhere), deploymentKey(deployment()));
  assert.equal(deploymentKey({ ...deployment(), manifestPath: '/ws/redis-guard.json' }), 'manifest:/ws/redis-guard.json');
  assert.notEqual(deploymentKey({ ...deployment(), kind: 'cluster' }), deploymentKey(deployment()), 'a cluster beside a Sentinel set in one folder');
  assert.equal(deploymentKey({ ...deployment(), kind: 'replication' }), deploymentKey(deployment()), 'a Sentinel added to a replication deployment updates it');
  assert.equal(memberId('k', '/a'), memberId('k', '/a'));
});

test('adding again updates the members, removes those gone from the files and leaves other connections alone', () => {
  const first = connectionsFor(deployment(), files);
  const other = { id: 'other', name: 'other', kind: 'standalone' as const, url: 'redis://127.0.0.1:6380' };
  const again = connectionsFor(deployment([...files.keys()].filter(p => !p.endsWith('sentinel-2.conf'))), files);
  const p = plan([other, ...first], again);
  assert.deepEqual(p.added, []);
  assert.deepEqual(p.updated.map(x => x.member!.role), ['primary', 'replica', 'sentinel']);
  assert.deepEqual(p.removed.map(x => x.member!.configFile), ['/ws/prod/sentinel-2.conf']);
  assert.deepEqual(plan([other], first).added.length, 4);
});

test('one password question per distinct auth: data nodes with the same requirepass share one, Sentinels have their own', () => {
  const { groups, fromFiles } = authGroups(deployment(), files);
  assert.deepEqual(groups.map(g => [g.kind, g.label, g.inFiles]), [
    ['data', 'primary 127.0.0.1:7001, replica 127.0.0.1:7002', true],
    ['sentinel', 'sentinel 127.0.0.1:27001', true],
    ['sentinel', 'sentinel 127.0.0.1:27002', false],
  ]);
  assert.equal(fromFiles.get(groups[0].key), PW);
  assert.ok(!JSON.stringify(groups).includes(PW) && !JSON.stringify(groups).includes(SPW), 'the questions hold no password');
});

test('the answers become each connection\'s secrets: a Sentinel gets the data password and its own; "no password" deletes, "keep" leaves', () => {
  const d = deployment();
  const key = deploymentKey(d);
  const { groups, fromFiles } = authGroups(d, files);
  const answers = new Map<string, PasswordAnswer>([
    [groups[0].key, { kind: 'set', value: fromFiles.get(groups[0].key)! }],
    [groups[1].key, { kind: 'set', value: 'typed-sentinel-pw' }],
    [groups[2].key, { kind: 'set', value: '' }],
  ]);
  const s = secretsFor(d, key, groups, answers);
  const byFile = (f: string) => s.get(memberId(key, `/ws/prod/${f}`));
  assert.deepEqual(byFile('redis-primary.conf'), { password: PW });
  assert.deepEqual(byFile('redis-replica.conf'), { password: PW });
  assert.deepEqual(byFile('sentinel-1.conf'), { password: PW, sentinelPassword: 'typed-sentinel-pw' });
  assert.deepEqual(byFile('sentinel-2.conf'), { password: PW, sentinelPassword: '' });
  const kept = secretsFor(d, key, groups, new Map([[groups[0].key, { kind: 'keep' } as PasswordAnswer]]));
  assert.deepEqual(kept.get(memberId(key, '/ws/prod/redis-primary.conf')), { password: undefined });
});

test('the QuickPick item names the deployment, its kind and every member with role and host:port', () => {
  const item = pickItem(deployment());
  assert.equal(item.label, 'prod');
  assert.equal(item.description, 'sentinel · 4 members');
  assert.equal(pickItem({ ...deployment(), manifestPath: '/ws/redis-guard.json', problems: ['x'] }, p => p.replace('/ws/', '')).description, 'sentinel · 4 members · redis-guard.json · 1 manifest problem');
  assert.equal(item.detail, 'primary 127.0.0.1:7001 (redis-primary.conf), replica 127.0.0.1:7002 (redis-replica.conf), sentinel 127.0.0.1:27001 (sentinel-1.conf), sentinel 127.0.0.1:27002 (sentinel-2.conf)');
});

test('a member that cannot be reached is a state in words', () => {
  assert.equal(memberStateText('down', 'cannot connect to 127.0.0.1:7001: connection refused'), 'unreachable: connection refused');
  assert.equal(memberStateText('down', undefined), 'unreachable');
  assert.equal(memberStateText('stalled', 'x'), 'unreachable: no answer');
  assert.equal(memberStateText('auth-failed', 'authentication failed for 127.0.0.1:7001: WRONGPASS'), 'authentication failed');
});

test('examples/sentinel-deployment through its manifest: 6 members at the manifest\'s addresses, ACL users asked for by name', () => {
  const dir = path.resolve(__dirname, '..', '..', '..', 'examples', 'sentinel-deployment');
  const read = (n: string) => ({ path: path.join(dir, n), text: fs.readFileSync(path.join(dir, n), 'utf8') });
  const files = fs.readdirSync(dir).filter(n => n.endsWith('.conf')).map(read);
  const [d] = groupDeployments(files, { manifest: read('redis-guard.json'), server: 'redis@7.2' });
  const texts = new Map(files.map(f => [f.path, f.text]));
  const ps = connectionsFor(d, texts);
  assert.deepEqual(ps.map(p => `${p.member!.role} ${p.url ?? p.sentinels!.map(x => `${x.host}:${x.port}`).join()}`), [
    'primary redis://127.0.0.1:6380', 'replica redis://127.0.0.1:6381', 'replica redis://127.0.0.1:6382',
    'sentinel 127.0.0.1:26380', 'sentinel 127.0.0.1:26381', 'sentinel 127.0.0.1:26382',
  ]);
  assert.ok(ps.every(p => p.member!.deployment === 'manifest:' + path.join(dir, 'redis-guard.json')));
  const { groups } = authGroups(d, texts);
  assert.deepEqual(groups.map(g => [g.kind, g.inFiles, g.users]), [['data', false, true], ['sentinel', false, false]], 'user lines, no requirepass: a user name is asked for');

  const answers = new Map<string, PasswordAnswer>([[groups[0].key, { kind: 'set', value: 'typed', username: 'monitor' }], [groups[1].key, { kind: 'set', value: '' }]]);
  const named = withUsers(d, ps, groups, answers, []);
  assert.deepEqual(named.map(p => p.username), ['monitor', 'monitor', 'monitor', 'monitor', 'monitor', 'monitor'], 'a Sentinel connection reaches the primary as the data nodes\' user');
  assert.ok(named.every(p => p.sentinelUsername === undefined));
  const kept = withUsers(d, ps, groups, new Map([[groups[0].key, { kind: 'keep' } as PasswordAnswer]]), named);
  assert.equal(kept[0].username, 'monitor', 'keep keeps the stored user name');
});
