/**
 * The target and profile a document is checked against come from the file before the settings
 * (a `# redis-guard:` comment, then its name), for the diagnostics and for the status the
 * client's language status item shows; each check is logged at debug level.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startLanguageServer, LanguageServer } from '../helpers/lsp-client';

let ls: LanguageServer;
let tmp: string;
const logged: Array<{ type: number; message: string }> = [];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-lsp-target-'));
  ls = await startLanguageServer({ settings: { server: 'redis@7.0' } });
  ls.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { logged.push(p); });
});

after(() => {
  ls?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A Memurai-only directive: fatal for Redis, fine for Memurai. */
const MEMURAI_ONLY = 'winlog-level notice\n';

const status = (uri: string) => ls.conn.sendRequest('redisGuard/fileStatus', { uri }) as Promise<Record<string, unknown> | null>;

test('memurai.conf is checked against Memurai 4.1 because of its name, whatever redisGuard.server says', async () => {
  const uri = ls.open(path.join(tmp, 'memurai.conf'), MEMURAI_ONLY);
  const ds = await ls.waitForDiagnostics(uri);
  assert.deepEqual(ds.filter(d => d.data?.fatal), [], 'winlog-level is a Memurai directive');
  assert.deepEqual(await status(uri), { target: 'memurai@4.1', label: 'Memurai 4.1', targetSource: 'file name', profile: 'production', profileSource: 'setting' });
});

test('redis.conf follows the setting, so the Memurai directive is fatal there', async () => {
  const uri = ls.open(path.join(tmp, 'redis.conf'), MEMURAI_ONLY);
  const ds = await ls.waitForDiagnostics(uri);
  assert.deepEqual(ds.filter(d => d.data?.fatal).map(d => d.code), ['RG111']);
  assert.match(ds.find(d => d.code === 'RG111').message, /Redis 7\.0/);
  assert.deepEqual(await status(uri), { target: 'redis@7.0', label: 'Redis 7.0', targetSource: 'setting', profile: 'production', profileSource: 'setting' });
});

test('a redis-guard comment names the server and the profile, before the file name', async () => {
  const uri = ls.open(path.join(tmp, 'memurai-cache.conf'), `# redis-guard: server=redis@8.0 profile=development\n${MEMURAI_ONLY}`);
  const ds = await ls.waitForDiagnostics(uri);
  assert.match(ds.find(d => d.code === 'RG111')?.message ?? '', /Redis 8\.0/);
  assert.deepEqual(await status(uri), { target: 'redis@8.0', label: 'Redis 8.0', targetSource: 'comment', profile: 'development', profileSource: 'comment' });
});

test('each check is logged at debug level with the file, the target and where it came from', async () => {
  const uri = ls.open(path.join(tmp, 'valkey-logged.conf'), 'maxmemory 1gb\n');
  await ls.waitForDiagnostics(uri);
  const deadline = Date.now() + 5000;
  let line: { type: number; message: string } | undefined;
  while (!(line = logged.find(l => l.message.startsWith('Checked valkey-logged.conf'))) && Date.now() < deadline) await new Promise(r => setTimeout(r, 20));
  assert.ok(line, `no log line for the check among ${JSON.stringify(logged.map(l => l.message))}`);
  assert.equal(line.type, 5, 'MessageType.Debug');
  assert.match(line.message, /against valkey@9\.1 \(from the file name\), profile production: \d+ findings? in \d+ ms$/);
});

test('a document the server does not hold has no status', async () => {
  assert.equal(await status('file:///nowhere/redis.conf'), null);
});
