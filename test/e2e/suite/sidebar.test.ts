/// <reference types="mocha" />
/**
 * The Redis Guard sidebar inside the real extension host: a connection whose password
 * lives in SecretStorage, the health items of a live redis-server, the key patterns of
 * a seeded data set, and a stopped server shown as a state.
 */
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import Redis from 'ioredis';
import { startRedis, RunningRedis } from '../../helpers/redis-server';
import { EXTENSION_ID, waitFor } from './helpers';
import type { RedisGuardApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/views/tree';

const PASSWORD = 'e2e-sidebar-password-4f1c9a7d';
const ID = 'e2e-sidebar';

suite('Sidebar (health view)', () => {
  let api: RedisGuardApi;
  let redis: RunningRedis;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as RedisGuardApi;
    assert.ok(api.sidebar, 'the test build exposes the sidebar');
    redis = await startRedis({ config: `requirepass ${PASSWORD}\nmaxmemory 64mb\nmaxmemory-policy allkeys-lru\n` });
    const seed = new Redis({ host: '127.0.0.1', port: redis.port, password: PASSWORD, lazyConnect: true });
    await seed.connect();
    const p = seed.pipeline();
    for (let i = 0; i < 300; i++) p.set(`token:blacklist:${i.toString(16).padStart(8, '0')}-1111-4222-8333-${i.toString(16).padStart(12, '0')}`, '1', 'EX', 3600);
    for (let i = 0; i < 200; i++) p.hset(`user:${i}:profile`, 'name', `u${i}`);
    await p.exec();
    seed.disconnect();
    await api.sidebar!.saveConnection({ id: ID, name: 'e2e sidebar', kind: 'standalone', url: `redis://127.0.0.1:${redis.port}`, commandTimeoutMs: 2000, connectTimeoutMs: 2000 }, { password: PASSWORD });
  });

  suiteTeardown(async () => {
    await api?.sidebar?.removeConnection(ID);
    await redis?.stop();
  });

  const rootNode = () => api.sidebar!.tree.getChildren().find(n => n.type === 'connection' && n.profile.id === ID) as Node;

  test('the password is in SecretStorage only, never in settings', () => {
    const settings = JSON.stringify(vscode.workspace.getConfiguration('redisGuard').get('connections'));
    assert.ok(settings.includes(ID), 'the connection is in settings');
    assert.ok(!settings.includes(PASSWORD), 'but not its password');
  });

  test('the tree shows the live server\'s health items with a status each', async () => {
    const m = api.sidebar!.monitorOf(ID)!;
    await waitFor('a successful refresh', async () => (await m.refresh()).items.length > 0);
    const node = rootNode();
    assert.match(String(api.sidebar!.tree.getTreeItem(node).description), /standalone/);
    const children = api.sidebar!.tree.getChildren(node);
    const labels = children.map(c => (c.type === 'item' ? c.item.label : c.type));
    for (const group of ['Server', 'Memory', 'Clients', 'Persistence']) assert.ok(labels.includes(group), `${group} in ${labels.join(', ')}`);
    assert.ok(labels.includes('patterns'), 'a key patterns node');
    const memory = children.find(c => c.type === 'item' && c.item.label === 'Memory')!;
    const item = api.sidebar!.tree.getTreeItem(memory);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon, 'a themed status icon');
    assert.ok(String((item.tooltip as vscode.MarkdownString).value).length > 10, 'a tooltip that says why');
  });

  test('Scan Key Patterns groups the seeded keys and warns about revocations under allkeys-lru', async () => {
    await vscode.commands.executeCommand('redisGuard.scanKeyPatterns', rootNode());
    const patterns = api.sidebar!.tree.getChildren(rootNode()).find(n => n.type === 'patterns')!;
    const rows = await waitFor('pattern rows', () => {
      const r = api.sidebar!.tree.getChildren(patterns);
      return r.length ? r : undefined;
    });
    const byLabel = new Map(rows.map(r => [r.type === 'pattern' ? r.row.label : '', r.type === 'pattern' ? r.row : undefined]));
    assert.match(byLabel.get('token:blacklist:*')!.description, /^300 keys · 100% with TTL/);
    assert.equal(byLabel.get('token:blacklist:*')!.status, 'warning');
    assert.match(byLabel.get('user:*:profile')!.description, /^200 keys · 0% with TTL/);
  });

  test('a stopped server shows a state on the connection, not an error dialog', async () => {
    await redis.stop();
    const m = api.sidebar!.monitorOf(ID)!;
    await waitFor('the connection to notice', async () => { await m.refresh(); return m.connectionState().state !== 'ready'; });
    const item = api.sidebar!.tree.getTreeItem(rootNode());
    assert.ok(item.description && !/standalone ·/.test(String(item.description)), `state shown: ${item.description}`);
  });
});
