/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { descriptionOf } from '../../../server/src/engine/editor/describe';
import { codeOf, copyOfSeed, discard, open, seedDiagnostics, workspaceUri } from './helpers';

function markdownText(hovers: vscode.Hover[]): string {
  return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

suite('Editor features', () => {
  suiteSetup(async () => {
    await open('memurai.conf');
    await seedDiagnostics(workspaceUri('memurai.conf')); // the language server is up
  });

  test('hover on a directive shows its description', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', workspaceUri('memurai.conf'), new vscode.Position(57, 3)); // line 58: maxmemory-policy
    const text = markdownText(hovers ?? []);
    const expected = descriptionOf('maxmemory-policy')!.summary;
    assert.ok(text.includes('maxmemory-policy'), text);
    assert.ok(text.includes(expected), `hover: ${text}`);
  });

  test('completion on an empty line offers maxmemory-policy', async () => {
    const doc = await open('memurai.conf');
    assert.strictEqual(doc.lineAt(4).text, '', 'line 5 of the seed is empty');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(4, 0));
    const labels = list.items.map(i => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('maxmemory-policy'), `${labels.length} items, no maxmemory-policy`);
  });

  test('the outline puts requirepass under SECURITY without its value, and "IMPORTANT: …" is no section', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', workspaceUri('memurai.conf'));
    const security = (symbols ?? []).find(s => s.name === 'SECURITY');
    assert.ok(security, `sections: ${(symbols ?? []).map(s => s.name).join(', ')}`);
    const pass = security.children.find(c => c.name === 'requirepass');
    assert.ok(pass, `SECURITY holds: ${security.children.map(c => c.name).join(', ')}`);
    assert.ok(!JSON.stringify(symbols).includes('YOUR_STRONG_PASSWORD_HERE'), 'no password in the outline');
    assert.ok(!(symbols ?? []).some(s => /IMPORTANT/.test(s.name)));
  });

  test('value completions describe each value and mark the default', async () => {
    const uri = workspaceUri('redis-completion.conf');
    await vscode.workspace.fs.writeFile(uri, Buffer.from('maxmemory-policy \n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 17));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const noeviction = list.items.find(i => label(i) === 'noeviction');
    assert.ok(noeviction, list.items.map(label).join(', '));
    const text = (i: vscode.CompletionItem) => `${typeof i.label === 'string' ? '' : `${i.label.detail ?? ''} ${i.label.description ?? ''}`} ${i.detail ?? ''} ${typeof i.documentation === 'string' ? i.documentation : i.documentation?.value ?? ''}`;
    assert.match(text(noeviction), /default/i, 'the default is marked');
    for (const i of list.items) assert.ok(text(i).trim().length > 0, `${label(i)} has a description`);
  });

  test('quick fix on line 22 moves the comment to its own line above', async () => {
    const uri = await copyOfSeed('memurai-quickfix.conf');
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const ds = await seedDiagnostics(uri);
      const d = ds.find(x => codeOf(x) === 'RG113' && x.range.start.line === 21);
      assert.ok(d, 'no RG113 on line 22');
      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map(a => a.title);
      const fix = actions.find((a): a is vscode.CodeAction => a.title === 'Move the comment to its own line above');
      assert.ok(fix?.edit, `quick fixes offered: ${JSON.stringify(titles)}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit refused the edit');
      assert.match(doc.lineAt(21).text, /^#\s*Save if 1 key changed in 15 minutes$/);
      assert.strictEqual(doc.lineAt(22).text, 'save 900 1');
    } finally {
      await discard(uri);
    }
  });
});
