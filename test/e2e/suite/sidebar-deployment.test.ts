/// <reference types="mocha" />
/**
 * Add Deployment from Config Files in the real extension host: a primary, a replica and a
 * Sentinel running on free ports, their config files in the workspace, the command answered
 * through VS Code's own quick input commands, the members in the tree with their roles and
 * "in sync", then a CONFIG SET made by this test (never by the extension) shown as drift of that
 * member only, in the tree and as diagnostics in its file. Adding it again updates it; a stopped
 * member shows a state; the password is in no setting and no log line.
 */
import './host-guard';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startRedis, RunningRedis } from '../../helpers/redis-server';
import { EXTENSION_ID, waitFor, workspaceUri } from './helpers';
import type { RedisGuardApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/views/tree';

const PASSWORD = 'e2e-deployment-password-3a9f60d1';
const FOLDER = 'deploy-e2e';

function logText(api: RedisGuardApi): string {
  const dir = api.logUri!.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir).filter(f => f.endsWith('.log')).map(f => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

suite('Add Deployment from Config Files', () => {
  let api: RedisGuardApi;
  let primary: RunningRedis;
  let replica: RunningRedis;
  let sentinel: RunningRedis;
  const sidebar = () => api.sidebar!;
  const tree = () => sidebar().tree;
  const file = (name: string) => workspaceUri(`${FOLDER}/${name}`);

  /** Answers the open step: moves to the item whose label matches, then accepts it (VS Code's quick input commands). */
  async function answer(step: number, label: RegExp): Promise<void> {
    const shown = await waitFor(`step ${step} with an item ${label}`, () => {
      const s = sidebar().shownInput();
      return s && s.step === step && s.items.some(i => label.test(i)) ? s : undefined;
    });
    for (let n = 0; n <= shown.items.length && !label.test(sidebar().shownInput()?.active ?? ''); n++) {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await waitFor('the selection to move', () => sidebar().shownInput() !== undefined, 2000);
    }
    assert.match(sidebar().shownInput()?.active ?? '', label, `active item of step ${step}: ${JSON.stringify(sidebar().shownInput())}`);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(`step ${step} to be answered`, () => sidebar().shownInput()?.step !== step || undefined, 5000);
  }

  /** Runs the command and walks its steps: the deployment, one password question per auth, the review. */
  async function addDeployment(passwords: RegExp[], confirm: RegExp): Promise<void> {
    const done = vscode.commands.executeCommand('redisGuard.addDeploymentFromConfigFiles');
    await answer(1, new RegExp(`^${FOLDER}$`));
    let step = 2;
    for (const p of passwords) await answer(step++, p);
    await answer(step, confirm);
    await done;
  }

  const deploymentNode = () => tree().getChildren().find(n => n.type === 'deployment' && n.name === FOLDER);
  const members = () => { const d = deploymentNode(); return d ? tree().getChildren(d) : []; };
  const memberByRole = (role: string) => members().find(n => n.type === 'connection' && n.profile.member?.role === role) as Extract<Node, { type: 'connection' }>;
  const description = (n: Node) => String(tree().getTreeItem(n).description ?? '');
  const tooltip = (n: Node) => String((tree().getTreeItem(n).tooltip as vscode.MarkdownString | undefined)?.value ?? '');

  suiteSetup(async function () {
    this.timeout(90_000);
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as RedisGuardApi;
    assert.ok(api.sidebar && api.logUri, 'the test build exposes the sidebar and the log folder');
    const common = `requirepass ${PASSWORD}\nmasterauth ${PASSWORD}\nmaxmemory-policy noeviction\nrepl-diskless-sync-delay 0\n`;
    primary = await startRedis({ config: common });
    replica = await startRedis({ config: `${common}replicaof 127.0.0.1 ${primary.port}\n` });
    const sentinelConf = `sentinel monitor e2e 127.0.0.1 ${primary.port} 1\nsentinel auth-pass e2e ${PASSWORD}\nsentinel down-after-milliseconds e2e 5000\n`;
    sentinel = await startRedis({ config: sentinelConf, args: ['--sentinel'] });
    // the workspace's files describe the running servers (the harness gives each its port)
    await vscode.workspace.fs.createDirectory(workspaceUri(FOLDER));
    const write = (name: string, text: string) => vscode.workspace.fs.writeFile(file(name), Buffer.from(text));
    await write('redis-primary.conf', `port ${primary.port}\n${common}`);
    await write('redis-replica.conf', `port ${replica.port}\n${common}replicaof 127.0.0.1 ${primary.port}\n`);
    await write('sentinel-1.conf', `port ${sentinel.port}\n${sentinelConf}`);
  });

  suiteTeardown(async () => {
    for (const n of members()) if (n.type === 'connection') await sidebar().removeConnection(n.profile.id);
    await Promise.all([primary?.stop(), replica?.stop(), sentinel?.stop()]);
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true }).then(undefined, () => undefined);
  });

  test('the command finds the deployment, asks for its passwords and adds one connection per member with its role', async function () {
    this.timeout(90_000);
    // data nodes: the password their files set; the Sentinel sets none of its own
    await addDeployment([/Use the password the files set/, /No password/], /^\$\(check\) Add 3 connections$/);
    const d = await waitFor('the deployment in the tree', deploymentNode);
    assert.match(description(d), /^3 members/);
    assert.deepEqual(members().map(n => tree().getTreeItem(n).label), [
      `primary 127.0.0.1:${primary.port}`, `replica 127.0.0.1:${replica.port}`, `sentinel 127.0.0.1:${sentinel.port}`,
    ]);
    assert.strictEqual(memberByRole('sentinel').profile.kind, 'sentinel');
    assert.strictEqual(memberByRole('sentinel').profile.masterName, 'e2e');
    const settings = JSON.stringify(vscode.workspace.getConfiguration('redisGuard').get('connections'));
    assert.ok(settings.includes('redis-replica.conf') && !settings.includes(PASSWORD), 'members in settings, their password not');
  });

  test('each data member is "in sync" with its own file, reached with the password from SecretStorage', async function () {
    this.timeout(60_000);
    for (const role of ['primary', 'replica']) {
      const n = memberByRole(role);
      await waitFor(`${role} in sync`, async () => {
        await sidebar().monitorOf(n.profile.id)!.refresh();
        await sidebar().compareMember(n.profile.id);
        return / · in sync$/.test(description(memberByRole(role)));
      });
    }
    const s = memberByRole('sentinel');
    await waitFor('the sentinel connection to reach the primary', async () => (await sidebar().monitorOf(s.profile.id)!.refresh()) && sidebar().monitorOf(s.profile.id)!.connectionState().state === 'ready');
  });

  test('a CONFIG SET by the test shows as drift of that member only, by name, and as a diagnostic in its file', async function () {
    this.timeout(60_000);
    await replica.cli('-a', PASSWORD, '--no-auth-warning', 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    const r = memberByRole('replica');
    // a comparison started before the CONFIG SET may still be in flight: wait for one after it
    await waitFor('the replica\'s drift', async () => { await sidebar().compareMember(r.profile.id); return / · 1 differ$/.test(description(memberByRole('replica'))); });
    assert.match(tooltip(memberByRole('replica')), /maxmemory\\-policy/);
    assert.ok(!tooltip(memberByRole('replica')).includes('allkeys'), 'names, not values');
    await sidebar().compareMember(memberByRole('primary').profile.id);
    assert.match(description(memberByRole('primary')), / · in sync$/);

    await vscode.commands.executeCommand('redisGuard.showMemberDrift', memberByRole('replica'));
    const uri = file('redis-replica.conf');
    const ds = await waitFor('drift diagnostics in redis-replica.conf', () => {
      const d = vscode.languages.getDiagnostics(uri).filter(x => x.code === 'drift');
      return d.length ? d : undefined;
    });
    assert.strictEqual(ds.length, 1);
    assert.strictEqual(ds[0].range.start.line, 3, 'on the maxmemory-policy line');
    assert.match(ds[0].message, /^maxmemory-policy: the file says "noeviction", the live server runs "allkeys-lru"/);
  });

  test('adding the deployment again updates its connections instead of duplicating them', async function () {
    this.timeout(90_000);
    const ids = members().map(n => (n.type === 'connection' ? n.profile.id : ''));
    await addDeployment([/Keep the stored password/, /Keep the stored password/], /^\$\(check\) Update 3 connections$/);
    const all = (vscode.workspace.getConfiguration('redisGuard').get<Array<{ id: string }>>('connections') ?? []).map(p => p.id);
    assert.deepEqual(ids.map(id => all.filter(x => x === id).length), [1, 1, 1]);
    assert.deepEqual(members().map(n => (n.type === 'connection' ? n.profile.id : '')), ids);
    await waitFor('the primary reached with the kept password', async () => {
      const m = sidebar().monitorOf(memberByRole('primary').profile.id)!;
      await m.refresh();
      return m.connectionState().state === 'ready';
    });
  });

  test('a member that stops shows "unreachable", not an error; no log line holds the password', async function () {
    this.timeout(60_000);
    await replica.stop();
    const id = memberByRole('replica').profile.id;
    await waitFor('the replica to be unreachable', async () => {
      await sidebar().monitorOf(id)!.refresh();
      return /^unreachable: connection refused$/.test(description(memberByRole('replica')));
    });
    assert.match(description(deploymentNode()!), /1 unreachable/);
    const log = await waitFor('the deployment in the log', () => { const t = logText(api); return /Deployment "deploy-e2e" \(\w+\)/.test(t) ? t : undefined; });
    assert.match(log, /drift from deploy-e2e\/redis-replica\.conf: 1 differ: maxmemory-policy/);
    assert.ok(!log.includes(PASSWORD), 'the password is in no log line');
  });
});
