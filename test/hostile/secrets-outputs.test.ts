/**
 * No output of the live code carries a password, in any case or encoding: the CLI's streams
 * (text and JSON), the monitor's items and messages, every tree item of the sidebar, the
 * key-pattern scanner's failure, and the settings the connection store writes. The servers
 * here echo the password back in their errors, as Redis does for an unknown command.
 */
import { settingsWritten, fakeContext } from '../helpers/vscode-stub'; // first: before any client module
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { error, FakeResp, healthyReply, startFakeResp } from '../helpers/fake-resp';
import { RunningRedis, startRedis } from '../helpers/redis-server';
import { runCli } from '../helpers/run-cli';
import { Monitor } from '../../server/src/live/health/monitor';
import { resolveThresholds } from '../../server/src/live/health/thresholds';
import { patternRowsFor, scanFailureText } from '../../server/src/live/patterns/monitor-scan';
import type { ConnectionProfile } from '../../server/src/live/redis/connection';
import { ConnectionsTree, Node } from '../../client/src/views/tree';
import { ConnectionStore } from '../../client/src/views/store';
import { proposedName } from '../../client/src/views/profile-names';

/** A password whose URL-encoded, JSON-escaped and upper-case forms all differ from it. */
const PASSWORD = 'Echo-pw/"q+Z7x';

function forms(pw: string): string[] {
  return [...new Set([pw, pw.toUpperCase(), pw.toLowerCase(), encodeURIComponent(pw), encodeURIComponent(pw).toLowerCase(), JSON.stringify(pw).slice(1, -1)])];
}
function assertClean(where: string, text: string, pw = PASSWORD): void {
  for (const f of forms(pw)) assert.ok(!text.includes(f), `${where} holds "${f}":\n${text}`);
}

/** An error that echoes the password in every form a server or a URL could. */
const echo = (pw: string) => error(`ERR no such thing for '${pw.toUpperCase()}' (redis://:${encodeURIComponent(pw)}@10.0.0.1) "${JSON.stringify(pw).slice(1, -1)}" ${pw}`);

const fakes: FakeResp[] = [];
const servers: RunningRedis[] = [];
const monitors: Monitor[] = [];
after(async () => {
  for (const m of monitors) await m.dispose();
  for (const s of fakes) await s.close();
  for (const s of servers) await s.stop();
});

/** AUTH, PING, CLIENT and INFO answer; every other command fails with the echo. */
const echoing = startFakeResp((argv, c) => c.write(['auth', 'ping', 'client', 'info'].includes(argv[0]) ? healthyReply(argv) : echo(PASSWORD)))
  .then(s => { fakes.push(s); return s; });

test('CLI health, text and JSON, against a server that echoes the password', async () => {
  const s = await echoing;
  for (const format of ['text', 'json']) {
    const r = await runCli(['health', `redis://127.0.0.1:${s.port}`, '--password-env', 'RG_ECHO_PW', '--format', format], { RG_ECHO_PW: PASSWORD });
    assert.equal(r.code, 1, r.out + r.err); // the echoed failures are "not checked"
    assert.match(r.out, /\*\*\*/, 'the echo is there, redacted');
    assert.doesNotMatch(r.err, /warning: the password in the URL/, 'no warning with --password-env');
    assertClean(`health --format ${format}`, r.out + r.err);
  }
});

test('monitor state, tree items and scan failure against the echoing server', async () => {
  const s = await echoing;
  const profile: ConnectionProfile = { id: 'echo', name: 'echo', kind: 'standalone', url: `redis://127.0.0.1:${s.port}`, commandTimeoutMs: 2000 };
  const m = new Monitor(profile, { password: PASSWORD }, resolveThresholds({}));
  monitors.push(m);
  const state = await m.refresh();
  assert.ok(state.items.length > 0);
  assertClean('monitor state', JSON.stringify({ items: state.items, error: state.error, conn: m.connectionState() }));

  let scanError: unknown;
  await patternRowsFor(m, { keyBudget: 100, timeBudgetMs: 2000, pinned: [] }).catch(e => { scanError = e; });
  assert.ok(scanError, 'DBSIZE fails with the echo, so the scan fails');
  const shown = scanFailureText(m, scanError);
  assert.match(shown, /^scan failed: .*\*\*\*/);
  assertClean('scan failure', shown);

  const tree = new ConnectionsTree(() => [profile], id => (id === 'echo' ? m : undefined));
  tree.setPatterns('echo', shown);
  const texts: string[] = [];
  const walk = (n?: Node) => {
    for (const child of tree.getChildren(n)) {
      const t = tree.getTreeItem(child) as unknown as { label: string; description?: string; tooltip?: { value: string } };
      texts.push(t.label, t.description ?? '', t.tooltip?.value ?? '');
      walk(child);
    }
  };
  walk();
  assert.ok(texts.length > 20);
  assert.ok(texts.some(t => t.includes('***')), 'some item held the echo');
  assertClean('tree items', texts.join('\n'));
});

test('real redis-server with AUTH renamed echoes the password: the scanner\'s error never holds it', async () => {
  const pw = 'Scan-Secret/pw+7k';
  const s = await startRedis({ config: 'rename-command AUTH ""\n' });
  servers.push(s);
  const profile: ConnectionProfile = { id: 'renamed', name: 'renamed', kind: 'standalone', url: `redis://127.0.0.1:${s.port}`, commandTimeoutMs: 2000, connectTimeoutMs: 2000 };
  const m = new Monitor(profile, { password: pw }, resolveThresholds({}));
  monitors.push(m);
  let scanError: Error | undefined;
  await patternRowsFor(m, { keyBudget: 100, timeBudgetMs: 2000, pinned: [] }).catch(e => { scanError = e; });
  assert.ok(scanError);
  assert.match(scanError!.message, /^AUTH: not permitted/, 'the error names the command only');
  assertClean('scanner error', scanError!.message, pw);
  assertClean('scan failure', scanFailureText(m, scanError), pw);
});

test('Add Connection\'s proposed name and the saved settings never hold the URL\'s password', async () => {
  const url = `redis://monitor:${encodeURIComponent(PASSWORD)}@10.0.0.5:6380`;
  const p: ConnectionProfile = { id: 'named', name: '', kind: 'standalone', url };
  assert.equal(proposedName(p), '10.0.0.5:6380');
  const store = new ConnectionStore(fakeContext() as never);
  await store.save({ ...p, name: `:${encodeURIComponent(PASSWORD)}@10.0.0.5:6380` }, { password: PASSWORD });
  assert.ok(settingsWritten.length > 0);
  assertClean('settings', settingsWritten.join('\n'));
  const [saved] = store.list();
  assert.equal(saved.name, '10.0.0.5:6380');
  assert.equal(saved.url, 'redis://monitor@10.0.0.5:6380');
  assert.equal((await store.secrets('named')).password, PASSWORD, 'the password is in SecretStorage');
});
