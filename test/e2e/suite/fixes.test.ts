/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, copyOfSeed, diagnosticsWhen, discard, find, seedDiagnostics, show, waitFor } from './helpers';

type ProfileReply = { applied: number; message: string };

/** Runs the server's Apply production profile on `uri` and answers VS Code's refactor preview with `answer` once it shows. */
async function profileThroughPreview(uri: vscode.Uri, answer: 'refactorPreview.apply' | 'refactorPreview.discard'): Promise<{ reply: ProfileReply; changedBeforeAnswer: boolean }> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const before = doc.getText();
  let reply: ProfileReply | undefined;
  let changedBeforeAnswer = false;
  const pending = Promise.resolve(vscode.commands.executeCommand<ProfileReply>('redisGuard.server.applyProductionProfile', uri.toString())).then(r => { reply = r; });
  await waitFor('the refactor preview to take the answer', async () => {
    if (reply) return true;
    if (doc.getText() !== before) changedBeforeAnswer = true;
    await vscode.commands.executeCommand(answer);
    return reply !== undefined;
  }, 60000);
  await pending;
  return { reply: reply!, changedBeforeAnswer };
}

function actionsAt(uri: vscode.Uri, range: vscode.Range, kind: string): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
}

suite('Fixes and the light bulb', () => {
  test('Fix All leaves the password and the eviction policy of the seed untouched', async () => {
    const uri = await copyOfSeed('memurai-fixall.conf');
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await seedDiagnostics(uri);
      const actions = await actionsAt(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.redisGuard');
      const fixAll = actions.find(a => a.kind?.value === 'source.fixAll.redisGuard');
      assert.ok(fixAll?.edit, `actions: ${JSON.stringify(actions.map(a => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
      const text = doc.getText();
      assert.match(text, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m);
      assert.match(text, /^maxmemory-policy allkeys-lru$/m);
      assert.match(text, /^save 900 1$/m, 'the safe fixes were applied');
    } finally {
      await discard(uri);
    }
  });

  test('Apply production profile waits in the refactor preview: discarded, the file stays as it was', async () => {
    const uri = await copyOfSeed('memurai-preview-discard.conf');
    try {
      const editor = await show(uri);
      await seedDiagnostics(uri);
      const before = editor.document.getText();
      const { reply, changedBeforeAnswer } = await profileThroughPreview(uri, 'refactorPreview.discard');
      assert.strictEqual(changedBeforeAnswer, false, 'the file changed before the preview was answered');
      assert.strictEqual(reply.message, 'Nothing was changed.');
      assert.strictEqual(editor.document.getText(), before);
    } finally {
      await discard(uri);
    }
  });

  test('Apply production profile, applied from the preview as it opens: the safe changes only; the password and the policy wait to be ticked', async () => {
    const uri = await copyOfSeed('memurai-preview-apply.conf');
    try {
      const editor = await show(uri);
      await seedDiagnostics(uri);
      const { reply, changedBeforeAnswer } = await profileThroughPreview(uri, 'refactorPreview.apply');
      assert.strictEqual(changedBeforeAnswer, false, 'the file changed before the preview was answered');
      const text = editor.document.getText();
      assert.match(text, /^# Save if 1 key changed in 15 minutes\nsave 900 1$/m, 'the safe changes are ticked already');
      assert.match(text, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m, 'no password is written unless its change is ticked');
      assert.match(text, /^maxmemory-policy allkeys-lru$/m);
      assert.match(reply.message, /^Applied 4 fixes for the production profile: .*Left out in the preview: .*Replace with a new random password.*Use noeviction/);
      assert.doesNotMatch(reply.message, /A new password/);
    } finally {
      await discard(uri);
    }
  });

  test('Disable RG331 for this line inserts the comment and the diagnostic disappears', async () => {
    const uri = await copyOfSeed('memurai-disable.conf');
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      const d = find(await seedDiagnostics(uri), 'RG331');
      assert.ok(d, 'RG331 on the seed');
      const line = d.range.start.line;
      const action = (await actionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find(a => a.title === 'Disable RG331 for this line');
      assert.ok(action?.edit, 'the action is offered');
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      assert.strictEqual(doc.lineAt(line).text, '# redis-guard-disable-next-line RG331');
      assert.strictEqual(doc.lineAt(line + 1).text, 'maxmemory-policy allkeys-lru');
      await diagnosticsWhen(uri, 'RG331 to disappear while RG303 stays', ds => ds.some(x => codeOf(x) === 'RG303') && !ds.some(x => codeOf(x) === 'RG331'));
    } finally {
      await discard(uri);
    }
  });

  test('Show documentation for RG331 opens the rendered page, not the markdown source', async () => {
    const uri = await copyOfSeed('memurai-docs.conf');
    try {
      await vscode.workspace.openTextDocument(uri);
      const d = find(await seedDiagnostics(uri), 'RG331')!;
      const action = (await actionsAt(uri, d.range, vscode.CodeActionKind.QuickFix.value)).find(a => a.title === 'Show documentation for RG331');
      assert.ok(action?.command, 'the action carries a command');
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      const tabs = () => vscode.window.tabGroups.all.flatMap(g => g.tabs);
      const preview = await waitFor('a Markdown preview of RG331.md', () => tabs().find(t => t.input instanceof vscode.TabInputWebview && t.label.includes('RG331')));
      assert.ok(!tabs().some(t => t.input instanceof vscode.TabInputText && t.input.uri.path.endsWith('/RG331.md')), 'the markdown file is not open for editing');
      await vscode.window.tabGroups.close(preview);
    } finally {
      await discard(uri);
    }
  });
});
