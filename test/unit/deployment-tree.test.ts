/**
 * The tree with a deployment's members: grouped under the deployment, each row its role and
 * address with health and drift ("ok · in sync", "2 differ"), a drift row whose tooltip names
 * the directives (never their values), and a member that cannot be reached as a state in words.
 * And the store's one write for all members: in place, passwords to SecretStorage only.
 */
import { fakeContext, settingsWritten } from '../helpers/vscode-stub'; // first: before any client module
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionProfile } from '../../server/src/live/redis/connection';
import type { Monitor } from '../../server/src/live/health/monitor';
import type { MemberDrift } from '../../server/src/live/member-drift';
import { ConnectionsTree, Node } from '../../client/src/views/tree';
import { ConnectionStore } from '../../client/src/views/store';

const member = (id: string, role: 'primary' | 'replica' | 'sentinel', port: number): ConnectionProfile => ({
  id, name: `prod: ${role} 127.0.0.1:${port}`, kind: role === 'sentinel' ? 'sentinel' : 'standalone',
  member: { deployment: 'folder:/ws/prod#prod', deploymentName: 'prod', role, configFile: `/ws/prod/${role}.conf` },
});
const profiles: ConnectionProfile[] = [
  { id: 'solo', name: 'solo', kind: 'standalone', url: 'redis://127.0.0.1:6380' },
  member('p', 'primary', 7001), member('r', 'replica', 7002), member('s', 'sentinel', 27001),
];
const fakeMonitor = (state: string, message?: string) => ({
  connectionState: () => ({ state, message }), state: { items: [], worst: 'ok' }, redact: (s: string) => s,
}) as unknown as Monitor;
const monitors: Record<string, Monitor> = {
  p: fakeMonitor('ready'), r: fakeMonitor('ready'), s: fakeMonitor('down', 'cannot connect to 127.0.0.1:27001: connection refused'),
};
const drifts: Record<string, MemberDrift> = {
  p: { state: 'in-sync', compared: 5, at: 0 },
  r: {
    state: 'differ', compared: 6, at: 0, drifts: [
      { line: 1, character: 0, endCharacter: 10, name: 'maxmemory-policy', fileValue: 'noeviction', liveValue: 'allkeys-lru', sensitive: false, message: '' },
      { line: 2, character: 0, endCharacter: 10, name: 'masterauth', fileValue: 'secret-file-value', liveValue: 'secret-live-value', sensitive: true, message: '' },
    ],
  },
};
const tree = new ConnectionsTree(() => profiles, id => monitors[id], undefined, id => drifts[id]);
const item = (n: Node) => tree.getTreeItem(n) as unknown as { label: string; description?: string; tooltip?: { value: string }; contextValue?: string; command?: { command: string } };

test('members sit under their deployment, in the place of its first member; other connections stay at the root', () => {
  const root = tree.getChildren();
  assert.deepEqual(root.map(n => n.type), ['connection', 'deployment']);
  const dep = root[1];
  assert.equal(item(dep).label, 'prod');
  assert.equal(item(dep).description, '3 members · 1 unreachable · 1 with drift');
  const members = tree.getChildren(dep);
  assert.deepEqual(members.map(n => item(n).label), ['primary 127.0.0.1:7001', 'replica 127.0.0.1:7002', 'sentinel 127.0.0.1:27001']);
  assert.deepEqual(tree.getParent(members[0]), dep);
});

test('each member row says its health and drift, or why it cannot be reached', () => {
  const [p, r, s] = tree.getChildren(tree.getChildren()[1]);
  assert.equal(item(p).description, 'ok · in sync');
  assert.equal(item(r).description, 'ok · 2 differ');
  assert.equal(item(s).description, 'unreachable: connection refused');
  assert.equal(item(r).contextValue, 'connection-member');
  assert.equal(item(s).contextValue, 'connection-sentinel');
  const tip = item(r).tooltip!.value;
  assert.match(tip, /maxmemory\\-policy/);
  assert.match(tip, /masterauth \\\(a secret: values hidden\\\)/);
  assert.ok(!/secret-(file|live)-value|allkeys|noeviction/.test(tip), tip);
});

test('a data member\'s first child is its drift row, which shows the drift in the file when clicked; a Sentinel has none', () => {
  const [p, r, s] = tree.getChildren(tree.getChildren()[1]);
  const row = tree.getChildren(r)[0];
  assert.equal(row.type, 'drift');
  assert.equal(item(row).label, 'Drift from replica.conf');
  assert.equal(item(row).description, '2 differ');
  assert.equal(item(row).command?.command, 'redisGuard.showMemberDrift');
  assert.deepEqual(tree.getParent(row), r);
  assert.equal(tree.getChildren(p)[0].type, 'drift');
  assert.ok(!tree.getChildren(s).some(n => n.type === 'drift'));
});

test('saving a deployment\'s members is one settings write: updated ones keep their place, passwords go to SecretStorage, removed ones take theirs', async () => {
  const context = fakeContext();
  const store = new ConnectionStore(context as never);
  const solo: ConnectionProfile = { id: 'solo', name: 'solo', kind: 'standalone', url: 'redis://127.0.0.1:6380' };
  await store.saveMany([{ profile: solo }]);
  await store.saveMany([{ profile: member('p', 'primary', 7001), secrets: { password: 'store-test-pw-1f2e' } }, { profile: member('s', 'sentinel', 27001), secrets: { password: 'store-test-pw-1f2e', sentinelPassword: 'store-test-spw-77' } }]);
  assert.deepEqual(store.list().map(p => p.id), ['solo', 'p', 's']);
  const writes = settingsWritten.length;
  await store.saveMany([{ profile: { ...member('p', 'primary', 7001), name: 'prod: primary 127.0.0.1:7001 (renamed)' }, secrets: { password: undefined } }], ['s']);
  assert.equal(settingsWritten.length, writes + 1, 'one write');
  assert.deepEqual(store.list().map(p => p.id), ['solo', 'p']);
  assert.equal(store.get('p')!.name, 'prod: primary 127.0.0.1:7001 (renamed)');
  assert.deepEqual(await store.secrets('p'), { password: 'store-test-pw-1f2e', sentinelPassword: undefined }, 'undefined keeps the stored password');
  assert.deepEqual(await store.secrets('s'), { password: undefined, sentinelPassword: undefined });
  assert.ok(!settingsWritten.join('\n').includes('store-test-'), 'no password in settings');
});

test('while a member cannot be reached, its drift row keeps the last result, marked stale', () => {
  const down = new ConnectionsTree(() => profiles, id => (id === 'r' ? fakeMonitor('down', 'cannot connect to 127.0.0.1:7002: connection refused') : monitors[id]), undefined, id => drifts[id]);
  const r = down.getChildren(down.getChildren()[1])[1];
  assert.equal((down.getTreeItem(r) as unknown as { description: string }).description, 'unreachable: connection refused');
  assert.equal((down.getTreeItem(down.getChildren(r)[0]) as unknown as { description: string }).description, 'stale · 2 differ');
});
