/**
 * The language server over stdio, driven by a real JSON-RPC client, as an editor would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { startLanguageServer, LanguageServer } from '../helpers/lsp-client';

const root = path.resolve(__dirname, '..', '..', '..');

let ls: LanguageServer;
let conn: LanguageServer['conn'];
let proc: LanguageServer['proc'];
let tmp: string;
const waitForDiagnostics: LanguageServer['waitForDiagnostics'] = (...a) => ls.waitForDiagnostics(...a);

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-lsp-'));
  ls = await startLanguageServer();
  ({ conn, proc } = ls);
});

after(() => {
  ls?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function open(name: string, text: string): string {
  return ls.open(path.join(tmp, name), text);
}

test('opening the seed config publishes fatal diagnostics on lines 22, 23, 24 and 82', async () => {
  const text = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');
  const uri = open('memurai.conf', text);
  const diags = await waitForDiagnostics(uri);
  const fatalLines = [...new Set(diags.filter(d => d.data?.fatal).map(d => d.range.start.line + 1))].sort((a, b) => a - b);
  assert.deepEqual(fatalLines, [22, 23, 24, 82]);
  const d22 = diags.find(d => d.range.start.line === 21);
  assert.equal(d22.severity, 1);
  assert.match(d22.code, /^RG\d{3}$/);
  assert.ok(d22.codeDescription?.href, 'every diagnostic links to its documentation');
  assert.match(d22.message, /"save" takes pairs of <seconds> <changes>.*read as 9 more arguments, not a comment/);
});

test('a change re-validates: fixing the line removes the diagnostic', async () => {
  const uri = open('change.conf', 'maxmemory 2gb # note\n');
  const first = await waitForDiagnostics(uri, d => d.some(x => x.code === 'RG113'));
  assert.equal(first.find(x => x.code === 'RG113').range.start.line, 0);
  conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 20 } }, text: '' }],
  });
  const second = await waitForDiagnostics(uri, d => !d.some(x => x.code === 'RG113'));
  assert.deepEqual(second.filter(x => x.data?.fatal), []);
});

test('hover explains a directive with its type and default', async () => {
  const uri = open('hover.conf', 'maxmemory-policy allkeys-lru\nmaxmemory 2gb\n');
  await waitForDiagnostics(uri);
  const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.match(h.contents.value, /maxmemory-policy/);
  assert.match(h.contents.value, /noeviction/);
  assert.match(h.contents.value, /Default: `noeviction`/);
  const v: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 11 } });
  assert.match(v.contents.value, /2,147,483,648 bytes/);
});

test('completion offers directive names at line start and enum values after them', async () => {
  const uri = open('complete.conf', 'appendf\nappendfsync \n');
  await waitForDiagnostics(uri);
  const names: any = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 7 } });
  const labels = (Array.isArray(names) ? names : names.items).map((i: any) => i.label);
  assert.ok(labels.includes('appendfsync'));
  assert.ok(labels.includes('appendfilename'));
  const vals: any = await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 12 } });
  assert.deepEqual((Array.isArray(vals) ? vals : vals.items).map((i: any) => i.label).sort(), ['always', 'everysec', 'no']);
});

test('document symbols group directives under section comments', async () => {
  const uri = open('symbols.conf', '# NETWORK\nbind 127.0.0.1\nport 6379\n\n# SECURITY\nrequirepass x\n');
  await waitForDiagnostics(uri);
  const syms: any[] = await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(syms.map(s => s.name), ['NETWORK', 'SECURITY']);
  assert.deepEqual(syms[0].children.map((c: any) => c.name), ['bind', 'port']);
});

test('go to definition on include opens the included file', async () => {
  fs.writeFileSync(path.join(tmp, 'common.conf'), 'maxclients 100\n');
  const uri = open('main.conf', 'include common.conf\n');
  await waitForDiagnostics(uri);
  const locs: any[] = await conn.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 10 } });
  assert.equal(locs.length, 1);
  assert.equal(locs[0].uri, pathToFileURL(path.join(tmp, 'common.conf')).href);
});

test('the redisGuard.server setting changes the verdict', async () => {
  const uri = open('version.conf', 'locale-collate ""\n');
  const on70 = await waitForDiagnostics(uri, d => d.some(x => x.data?.fatal));
  assert.equal(on70.find(x => x.data?.fatal).code, 'RG111');
  ls.settings.server = 'redis@7.2';
  conn.sendNotification('workspace/didChangeConfiguration', { settings: { redisGuard: { server: 'redis@7.2' } } });
  const on72 = await waitForDiagnostics(uri, d => !d.some(x => x.code === 'RG111'));
  assert.equal(on72.filter(d => d.data?.fatal).length, 0);
  ls.settings.server = 'redis@7.0';
});

test('binary garbage does not crash the server', async () => {
  let junk = '';
  for (let i = 0; i < 5000; i++) junk += String.fromCharCode((i * 7919) % 65536);
  const uri = open('junk.conf', junk);
  await waitForDiagnostics(uri);
  const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
  assert.ok(h === null || typeof h === 'object');
  assert.equal(proc.exitCode, null);
});

/** Applies LSP text edits (non-overlapping) to a text. */
function applyTextEdits(text: string, edits: Array<{ range: any; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

test('quick fixes are built when the editor asks: diagnostics carry no edits, the action does, and it works', async () => {
  const text = '# NETWORK\nbind 127.0.0.1\n\n# SECURITY\n# requirepass foobared\n\n# LOGGING\nloglevel debug\n';
  const uri = open('fixes.conf', text);
  const diags = await waitForDiagnostics(uri, d => d.some(x => x.code === 'RG301'));
  assert.ok(diags.every(d => d.data?.fixes === undefined), 'diagnostics do not carry fix edits');
  const noAuth = diags.find(d => d.code === 'RG301');
  const debug = diags.find(d => d.code === 'RG361');
  assert.ok(debug, 'loglevel debug is reported');
  const actions: any[] = await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: noAuth.range, context: { diagnostics: [noAuth, debug], only: ['quickfix'] },
  });
  const add = actions.find(a => /requirepass/.test(a.title));
  const level = actions.find(a => /loglevel notice/.test(a.title));
  assert.ok(add && level, `actions offered: ${actions.map(a => a.title).join(' | ')}`);
  assert.deepEqual(add.diagnostics, [noAuth]);
  const fixed = applyTextEdits(text, [...add.edit.changes[uri], ...level.edit.changes[uri]]);
  assert.match(fixed, /^# NETWORK\nbind 127\.0\.0\.1\n\n# SECURITY\n# requirepass foobared\nrequirepass [0-9a-f]{32,}\n\n# LOGGING\nloglevel notice\n$/, 'requirepass goes under its commented example');
  // the same diagnostic asked again gets the same password: the fix is built once per check
  const again: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: noAuth.range, context: { diagnostics: [noAuth] } });
  assert.deepEqual(again.find(a => /requirepass/.test(a.title)).edit, add.edit);
});

test('a diagnostic from an older version of the text gets no quick fix that would land on the wrong line', async () => {
  const uri = open('stale.conf', 'loglevel debug\n');
  const diags = await waitForDiagnostics(uri, d => d.some(x => /loglevel/.test(x.message)));
  const old = diags.find(x => /loglevel/.test(x.message));
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '# moved down\nloglevel debug\n' }] });
  const actions: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: old.range, context: { diagnostics: [old], only: ['quickfix'] } });
  // only what does not depend on the line: the documentation
  assert.deepEqual(actions.filter(a => a.edit).map(a => a.title), []);
  assert.deepEqual(actions.map(a => a.title), ['Show documentation for RG361']);
  const now = await waitForDiagnostics(uri, d => d.some(x => /loglevel/.test(x.message) && x.range.start.line === 1));
  const fresh = now.find(x => /loglevel/.test(x.message));
  const ok: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: fresh.range, context: { diagnostics: [fresh], only: ['quickfix'] } });
  assert.equal(ok.find(a => a.edit).edit.changes[uri][0].range.start.line, 1);
});

test('hover on a finding with a short message shows the why behind it', async () => {
  const uri = open('details.conf', 'port 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n');
  const diags = await waitForDiagnostics(uri, d => d.some(x => x.code === 'RG310'));
  const d = diags.find(x => x.code === 'RG310');
  assert.ok(d.message.length <= 250, d.message);
  const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
  assert.match(h.contents.value, /\*\*RG310\*\*: .*FLUSHDB\/FLUSHALL wipe every key in one call/);
});

test('hover on a line the server refuses shows the server\'s own log line, which the message leaves out', async () => {
  const uri = open('refused.conf', 'port 6379\nappendonly maybe\n');
  const diags = await waitForDiagnostics(uri, d => d.some(x => x.code === 'RG103'));
  const d = diags.find(x => x.code === 'RG103');
  assert.ok(!d.message.includes("argument must be 'yes' or 'no'"), d.message);
  const h: any = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: d.range.start });
  assert.match(h.contents.value, /\*\*RG103\*\*, the server's log line: `argument must be 'yes' or 'no'`/);
});
