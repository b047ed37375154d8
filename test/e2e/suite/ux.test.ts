/// <reference types="mocha" />
/**
 * What a VS Code user expects of the extension: a levelled log, the language status of a
 * config (server and profile, and where they came from), health rows that explain themselves,
 * a status bar that names the worst check and reveals it, a read-only health report, a tested
 * connection before it is saved, and key patterns that turn stale when the server goes away.
 */
import './host-guard';
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { startRedis, RunningRedis } from '../../helpers/redis-server';
import { EXTENSION_ID, copyOfSeed, discard, seedDiagnostics, show, waitFor, workspaceUri } from './helpers';
import type { RedisGuardApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/views/tree';

const PASSWORD = 'e2e-ux-password-9b2d71c4';
const ID = 'e2e-ux';

/** Every log file of the extension (the "Redis Guard" LogOutputChannel writes one), concatenated. */
function logText(api: RedisGuardApi): string {
  const dir = api.logUri!.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir).filter(f => f.endsWith('.log')).map(f => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** A text as the tree escapes it for Markdown. */
const markdownEscaped = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => '\\' + c);

suite('VS Code conventions: log, language status, tooltips, stale marks', () => {
  let api: RedisGuardApi;

  suiteSetup(async function () {
    this.timeout(60_000);
    api = (await vscode.extensions.getExtension(EXTENSION_ID)!.activate()) as RedisGuardApi;
    assert.ok(api.sidebar && api.languageStatus && api.logUri, 'the test build exposes the sidebar, the language status and the log folder');
  });

  suite('log and language status', () => {
    suiteSetup(() => vscode.commands.executeCommand('_extensionTests.setLogLevel', 'debug'));
    suiteTeardown(() => vscode.commands.executeCommand('_extensionTests.setLogLevel', 'info'));

    test('opening a config writes the check (file, target, duration) to the Redis Guard log', async () => {
      const uri = await copyOfSeed('memurai-logged.conf');
      try {
        await show(uri);
        await seedDiagnostics(uri);
        const text = await waitFor('the check of memurai-logged.conf in the log', () => {
          const t = logText(api);
          return /Checked memurai-logged\.conf .*against memurai@4\.1 \(from the file name\)/.test(t) ? t : undefined;
        });
        assert.match(text, /\[debug\] Checked memurai-logged\.conf \(version \d+\) against memurai@4\.1 \(from the file name\), profile production: \d+ findings in \d+ ms/);
        assert.match(text, /\[info\] Language server started/);
        assert.match(text, /\[info\] Settings: server redis@7\.0, profile production/);
      } finally {
        await discard(uri);
      }
    });

    test('the language status of memurai.conf says Memurai 4.1, from its file name; redis.conf follows the setting', async () => {
      const status = api.languageStatus!;
      await show(workspaceUri('memurai.conf'));
      await waitFor('the status of memurai.conf', () => status.target.text === 'Memurai 4.1');
      assert.strictEqual(status.target.detail, 'from the file name');
      assert.strictEqual(status.target.command?.command, 'redisGuard.selectServer');
      assert.strictEqual(status.profile.text, 'Profile: production');
      assert.strictEqual(status.profile.command?.command, 'redisGuard.selectProfile');

      await show(workspaceUri('redis.conf'));
      await waitFor('the status of redis.conf', () => status.target.text === 'Redis 7.0');
      assert.strictEqual(status.target.detail, 'from the redisGuard.server setting');
    });
  });

  suite('sidebar against a live redis-server', () => {
    let redis: RunningRedis;
    const sidebar = () => api.sidebar!;
    const rootNode = () => sidebar().tree.getChildren().find(n => n.type === 'connection' && n.profile.id === ID) as Node;
    const config = () => vscode.workspace.getConfiguration('redisGuard');
    const byLabel = (nodes: Node[], label: string) => nodes.find(n => n.type === 'item' && n.item.label === label)!;
    const tooltip = (n: Node) => String((sidebar().tree.getTreeItem(n).tooltip as vscode.MarkdownString).value);

    suiteSetup(async function () {
      this.timeout(60_000);
      redis = await startRedis({ config: `requirepass ${PASSWORD}\nmaxmemory 64mb\n` });
      await redis.cli('-a', PASSWORD, '--no-auth-warning', 'SET', 'session:abc', '1');
      await sidebar().saveConnection({ id: ID, name: 'e2e ux', kind: 'standalone', url: `redis://127.0.0.1:${redis.port}`, commandTimeoutMs: 2000, connectTimeoutMs: 2000 }, { password: PASSWORD });
      const m = sidebar().monitorOf(ID)!;
      await waitFor('a successful refresh', async () => (await m.refresh()).items.length > 0);
    });

    suiteTeardown(async () => {
      await config().update('thresholds', undefined, vscode.ConfigurationTarget.Workspace);
      await sidebar().removeConnection(ID);
      await redis?.stop();
    });

    test('the test step of Add Connection shows the server it reached, and why not with a wrong password', async () => {
      const profile = { id: 'e2e-ux-probe', name: 'probe', kind: 'standalone' as const, url: `redis://127.0.0.1:${redis.port}`, connectTimeoutMs: 2000, commandTimeoutMs: 2000 };
      const ok = await sidebar().testConnection(profile, { password: PASSWORD });
      assert.ok(ok.ok, JSON.stringify(ok));
      assert.match(ok.reached!, /^Redis \d+\.\d+\.\d+.*primary/);
      const wrong = 'e2e-ux-wrong-password-51aa';
      const bad = await sidebar().testConnection(profile, { password: wrong });
      assert.strictEqual(bad.ok, false);
      assert.match(bad.error!, /auth/i);
      assert.ok(!bad.error!.includes(wrong), `the error holds no password: ${bad.error}`);
      assert.ok(!JSON.stringify(config().get('connections')).includes('e2e-ux-probe'), 'testing saves nothing');
    });

    test('a health row\'s tooltip has the full figure, the threshold from the settings and why it matters', async () => {
      const memory = byLabel(sidebar().tree.getChildren(rootNode()), 'Memory');
      const used = byLabel(sidebar().tree.getChildren(memory), 'Used');
      if (used.type !== 'item') throw new Error('not an item');
      let tip = tooltip(used);
      assert.ok(tip.includes(markdownEscaped(used.item.value)), `the whole value ${used.item.value} in ${tip}`);
      assert.match(tip, /\*\*Threshold:\*\* with maxmemory: warning above 80 %, problem above 90 %/);
      assert.match(tip, /`memoryWarnPct`/);
      assert.match(tip, /\*\*Why it matters:\*\* At maxmemory the server evicts keys/);

      await config().update('thresholds', { memoryWarnPct: 70 }, vscode.ConfigurationTarget.Workspace);
      tip = await waitFor('the tooltip to show the new threshold', () => { const t = tooltip(used); return /warning above 70 %/.test(t) ? t : undefined; });

      // a group lists its rows instead of "see below"
      const persistence = byLabel(sidebar().tree.getChildren(rootNode()), 'Persistence');
      assert.match(tooltip(persistence), /- AOF: off \(warning\)/);
    });

    test('the status bar names the worst check, and its command selects that row in the tree', async () => {
      const m = sidebar().monitorOf(ID)!;
      await m.refresh();
      const worst = m.state.worst;
      assert.notStrictEqual(worst, 'ok', 'no AOF and no save points: at least a warning');
      const bar = await waitFor('the status bar to name a check', () => {
        const s = sidebar().statusBar();
        return s.visible && /e2e ux: \w[\w-]* — .+ › .+: /.test(s.tooltip ?? '') ? s : undefined;
      });
      const named = / — (.+?): /.exec(bar.tooltip!)![1].split(' › ');
      assert.ok(bar.tooltip!.includes(`: ${worst} — `), bar.tooltip);
      await vscode.commands.executeCommand('redisGuard.showWorstCheck');
      const selected = await waitFor('a row to be selected', () => sidebar().selection()[0]);
      assert.strictEqual(selected.type, 'item');
      if (selected.type !== 'item') return;
      assert.strictEqual(selected.item.label, named[named.length - 1]);
      assert.strictEqual(selected.item.status, worst);
    });

    test('the health report opens read-only, not as an Untitled document', async () => {
      await vscode.commands.executeCommand('redisGuard.runHealthCheck', rootNode());
      const editor = await waitFor('the report editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'redis-guard-report' ? vscode.window.activeTextEditor : undefined);
      assert.strictEqual(editor.document.isUntitled, false);
      assert.strictEqual(editor.document.isDirty, false);
      assert.match(editor.document.getText(), /\[(OK|WARN)\]/);
      assert.ok(!editor.document.getText().includes(PASSWORD));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    test('key patterns show when they were scanned, and turn stale when the server stops', async () => {
      await vscode.commands.executeCommand('redisGuard.scanKeyPatterns', rootNode());
      const patterns = () => sidebar().tree.getChildren(rootNode()).find(n => n.type === 'patterns')!;
      await waitFor('pattern rows', () => sidebar().tree.getChildren(patterns()).length > 0);
      const fresh = sidebar().tree.getTreeItem(patterns());
      assert.match(String(fresh.description), /^\d+ patterns? · scanned \d\d:\d\d$/);
      const row = () => sidebar().tree.getChildren(patterns())[0];
      assert.ok(!String(sidebar().tree.getTreeItem(row()).description).startsWith('stale'));

      await redis.stop();
      const m = sidebar().monitorOf(ID)!;
      await waitFor('the connection to notice', async () => { await m.refresh(); return m.connectionState().state !== 'ready'; });
      const stale = sidebar().tree.getTreeItem(patterns());
      assert.match(String(stale.description), /^\d+ patterns? · stale, scanned \d\d:\d\d$/);
      assert.strictEqual((stale.iconPath as vscode.ThemeIcon).id, 'history');
      const item = sidebar().tree.getTreeItem(row());
      assert.match(String(item.description), /^stale · /);
      assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'history');
      assert.match(String((item.tooltip as vscode.MarkdownString).value), /\*\*Stale\*\*: the connection is/);
    });
  });
});
