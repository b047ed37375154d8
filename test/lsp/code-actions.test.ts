/**
 * The light bulb, Fix all and Apply production profile, over stdio as an editor drives them.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startLanguageServer, LanguageServer } from '../helpers/lsp-client';

const root = path.resolve(__dirname, '..', '..', '..');
const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');

let ls: LanguageServer;
let tmp: string;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-actions-'));
  ls = await startLanguageServer();
});

after(() => {
  ls?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Applies LSP text edits (non-overlapping) to a text. */
function applyTextEdits(text: string, edits: Array<{ range: any; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

async function openSeed(name: string): Promise<{ uri: string; diags: any[] }> {
  const uri = ls.open(path.join(tmp, name), seed);
  const diags = await ls.waitForDiagnostics(uri, d => d.some(x => x.code === 'RG113'));
  return { uri, diags };
}

function actionsFor(uri: string, d: any): Promise<any[]> {
  return ls.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
}

const line = (diags: any[], code: string, l: number) => diags.find(d => d.code === code && d.range.start.line === l - 1);

test('a rule finding: its fix (not preferred: it changes behaviour), disable for this line and file, and its rendered documentation', async () => {
  const { uri, diags } = await openSeed('list.conf');
  const d = line(diags, 'RG331', 58);
  assert.ok(d, 'RG331 on line 58');
  const actions = await actionsFor(uri, d);
  assert.deepEqual(actions.map(a => a.title), [
    'Use noeviction (writes fail when memory is full; nothing is evicted)',
    'Disable RG331 for this line', 'Disable RG331 for this file', 'Show documentation for RG331',
  ]);
  assert.equal(actions[0].isPreferred, false);
  const docs = actions[3];
  assert.equal(docs.edit, undefined);
  assert.equal(docs.command.command, 'redisGuard.openDocs');
  assert.deepEqual(docs.command.arguments, ['docs/rules/RG331.md']);
  assert.ok(fs.existsSync(path.join(root, 'docs', 'rules', 'RG331.md')));
});

test('a fatal finding: its safe fix is preferred; it cannot be disabled; its documentation is the codes page at its anchor', async () => {
  const { uri, diags } = await openSeed('fatal.conf');
  const actions = await actionsFor(uri, line(diags, 'RG113', 22));
  assert.deepEqual(actions.map(a => a.title), ['Move the comment to its own line above', 'Show documentation for RG113']);
  assert.equal(actions[0].isPreferred, true);
  assert.deepEqual(actions[1].command.arguments, ['docs/codes.md#rg113']);
  assert.match(fs.readFileSync(path.join(root, 'docs', 'codes.md'), 'utf8'), /<a id="rg113"><\/a>/);
});

test('disable for this line inserts the comment above the line and the diagnostic goes away', async () => {
  const { uri, diags } = await openSeed('disable.conf');
  const actions = await actionsFor(uri, line(diags, 'RG331', 58));
  const disable = actions.find(a => a.title === 'Disable RG331 for this line');
  const text = applyTextEdits(seed, disable.edit.changes[uri]);
  assert.deepEqual(text.split('\n').slice(57, 59), ['# redis-guard-disable-next-line RG331', 'maxmemory-policy allkeys-lru']);
  ls.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
  const after = await ls.waitForDiagnostics(uri, ds => ds.some(x => x.code === 'RG113' && x.range.start.line === 21) && !ds.some(x => x.code === 'RG331'));
  assert.ok(after.some(x => x.code === 'RG303'), 'the other findings stay');
});

test('a file-level finding sits on its section and can be disabled for the file only', async () => {
  const { uri, diags } = await openSeed('file-level.conf');
  const d = diags.find(x => x.code === 'RG310');
  assert.equal(d.range.start.line, 12, 'on "# SECURITY", where the rename-command lines would go');
  const titles = (await actionsFor(uri, d)).map(a => a.title);
  assert.ok(titles.includes('Disable RG310 for this file'), titles.join(' | '));
  assert.ok(!titles.includes('Disable RG310 for this line'), 'a comment line cannot be silenced by the line above it');
});

test('Fix all applies only safe fixes: the seed keeps its password and its eviction policy', async () => {
  const { uri } = await openSeed('fix-all.conf');
  const actions: any[] = await ls.conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.redisGuard'] },
  });
  assert.equal(actions.length, 1);
  const fixed = applyTextEdits(seed, actions[0].edit.changes[uri]);
  assert.match(fixed, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m);
  assert.match(fixed, /^maxmemory-policy allkeys-lru$/m);
  assert.match(fixed, /^# Save if 1 key changed in 15 minutes\nsave 900 1$/m, 'the safe fixes are applied');
  assert.doesNotMatch(fixed, /^rename-command (SHUTDOWN|EVAL) ""$/m);
});

/**
 * Runs Apply production profile; the editor applies the changes `keep` selects from the annotated
 * edit, as the preview would, and sends the document's change before its answer or, as VS Code
 * may, after it.
 */
async function applyProfile(name: string, keep: (annotation: any) => boolean, changeAfterAnswer = false): Promise<{ asked: any; reply: any; text: string }> {
  const { uri } = await openSeed(name);
  let asked: any;
  let text = seed;
  const handler = ls.conn.onRequest('workspace/applyEdit', (p: any) => {
    asked = p;
    const kept = p.edit.documentChanges[0].edits.filter((e: any) => keep(p.edit.changeAnnotations[e.annotationId]));
    text = applyTextEdits(seed, kept);
    const change = () => ls.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    if (changeAfterAnswer) setImmediate(change); else change();
    return { applied: true };
  });
  try {
    const reply = await ls.conn.sendRequest('workspace/executeCommand', { command: 'redisGuard.server.applyProductionProfile', arguments: [uri] });
    return { asked, reply, text };
  } finally {
    handler.dispose();
  }
}

test('Apply production profile: one annotated change per block; those that change behaviour need confirmation, and the password is shown there', async () => {
  const { asked, reply, text } = await applyProfile('profile.conf', () => true);
  const change = asked.edit.documentChanges[0];
  assert.equal(change.textDocument.version, 1);
  assert.equal(change.edits.length, 6, 'one change per block of lines, not one whole-document replacement');
  const annotations = asked.edit.changeAnnotations;
  const of = (re: RegExp) => {
    const e = change.edits.find((x: any) => re.test(annotations[x.annotationId].label));
    assert.ok(e, `a change labelled ${re}`);
    return { edit: e, annotation: annotations[e.annotationId] };
  };
  for (const e of change.edits) assert.ok(annotations[e.annotationId]?.label && annotations[e.annotationId].description, 'every change is labelled and described');
  const pw = of(/new random password/);
  const value = /^requirepass (\S+)$/m.exec(pw.edit.newText)?.[1];
  assert.ok(value && value !== 'YOUR_STRONG_PASSWORD_HERE', 'the preview shows the new password');
  assert.equal(pw.annotation.needsConfirmation, true);
  assert.match(pw.annotation.description, /requirepass.*update every client/);
  assert.equal(of(/noeviction/).annotation.needsConfirmation, true);
  assert.match(of(/noeviction/).annotation.description, /Changes behaviour/);
  const move = of(/^Move the comment to its own line above/);
  assert.equal(move.annotation.needsConfirmation, false);
  assert.match(move.annotation.description, /Changes nothing clients rely on/);
  assert.equal(move.edit.range.start.line, 21);
  // all of it kept
  assert.match(text, /^maxmemory-policy noeviction$/m);
  assert.match(reply.message, /^Applied 10 fixes for the production profile: /);
  assert.match(reply.message, /Use noeviction/);
  assert.match(reply.message, /Move the comment to its own line above \(×4\)/);
  assert.match(reply.message, /A new password is in requirepass: update every client \(and masterauth on every replica\)/);
  assert.doesNotMatch(reply.message, /Left out/);
  assert.ok(!reply.message.includes(value), 'the reply never holds the password');
});

test('Apply production profile: what the preview left out is named (the change arriving after the answer), and no password is announced that was not written', async () => {
  const { reply, text } = await applyProfile('profile-safe.conf', a => !a.needsConfirmation, true);
  assert.match(text, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m);
  assert.match(text, /^# Save if 1 key changed in 15 minutes\nsave 900 1$/m);
  assert.match(reply.message, /^Applied 4 fixes for the production profile: Move the comment to its own line above \(×3\); Use single quotes\. Left out in the preview: .*Replace with a new random password/);
  assert.doesNotMatch(reply.message, /A new password/);
  // line 82's comment moves in the same block as its review fix, so it waits with it
  assert.match(reply.message, /Disable CONFIG \(rename-command CONFIG ""\); Move the comment to its own line above\.$/);
});

test('Apply production profile: nothing changes when the preview is discarded', async () => {
  const { uri } = await openSeed('discard.conf');
  const handler = ls.conn.onRequest('workspace/applyEdit', () => ({ applied: false }));
  try {
    const reply: any = await ls.conn.sendRequest('workspace/executeCommand', { command: 'redisGuard.server.applyProductionProfile', arguments: [uri] });
    assert.equal(reply.message, 'Nothing was changed.');
    assert.equal(reply.applied, 0);
  } finally {
    handler.dispose();
  }
});
