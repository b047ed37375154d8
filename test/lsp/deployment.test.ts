/**
 * Cross-file diagnostics in the language server: a member's file is checked with its folder's
 * other config files (read from disk, off the message loop in the check worker), and each open
 * file involved gets its findings with related information pointing at the other file. Saving
 * one member checks the other open files of its folder again.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startLanguageServer, LanguageServer } from '../helpers/lsp-client';

const root = path.resolve(__dirname, '..', '..', '..');
const BROKEN = path.join(root, 'examples', 'sentinel-deployment', 'broken', 'replica-auth-mismatch');
let ls: LanguageServer;
let tmp: string;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-lsp-deploy-'));
  for (const n of fs.readdirSync(BROKEN).filter(n => n.endsWith('.conf'))) fs.copyFileSync(path.join(BROKEN, n), path.join(tmp, n));
  ls = await startLanguageServer({ settings: { server: 'redis@7.2' } });
});

after(() => {
  ls?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const text = (n: string) => fs.readFileSync(path.join(tmp, n), 'utf8');

test('the replica with the wrong masterauth gets RG401, pointing at the primary\'s user line', async () => {
  const uri = ls.open(path.join(tmp, 'redis-replica-1.conf'), text('redis-replica-1.conf'));
  const ds = await ls.waitForDiagnostics(uri, d => d.some(x => x.code === 'RG401'));
  const d = ds.find(x => x.code === 'RG401');
  assert.match(d.message, /do not log in to redis-primary\.conf/);
  assert.equal(d.range.start.line, text('redis-replica-1.conf').split('\n').findIndex(l => l.startsWith('masterauth ')));
  assert.deepEqual(d.relatedInformation.map((r: any) => [r.location.uri, r.location.range.start.line]), [[pathToFileURL(path.join(tmp, 'redis-primary.conf')).href, text('redis-primary.conf').split('\n').findIndex(l => l.startsWith('user replica '))]]);
  assert.match(d.codeDescription.href, /docs\/rules\/RG401\.md$/);
});

test('fixing the primary to match and saving it clears the replica\'s finding', async () => {
  const wrong = /^masterauth (\S+)$/m.exec(text('redis-replica-1.conf'))![1];
  const primary = path.join(tmp, 'redis-primary.conf');
  const fixed = text('redis-primary.conf').replace(/^user replica on #\S+/m, `user replica on >${wrong}`);
  const uri = ls.open(primary, text('redis-primary.conf'));
  await ls.waitForDiagnostics(uri);
  fs.writeFileSync(primary, fixed);
  ls.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  ls.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
  const replica = pathToFileURL(path.join(tmp, 'redis-replica-1.conf')).href;
  await ls.waitForDiagnostics(replica, d => !d.some(x => x.code === 'RG401'));
});
