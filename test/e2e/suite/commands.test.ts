/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { copyOfSeed, diagnosticsWhen, discard, fatalLines, seedDiagnostics, show, waitFor } from './helpers';

suite('Commands', () => {
  test('every command the manifest contributes is registered', async () => {
    const ext = vscode.extensions.getExtension('redis-guard.redis-guard')!;
    await ext.activate();
    const contributed: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(contributed.filter(c => !registered.has(c)), []);
  });

  test('redisGuard.applyProductionProfile applies the automatic fixes to the active file, once confirmed in the preview', async () => {
    const uri = await copyOfSeed('memurai-profile.conf');
    try {
      const editor = await show(uri);
      await seedDiagnostics(uri);
      const before = editor.document.getText();
      const done = vscode.commands.executeCommand('redisGuard.applyProductionProfile');
      // the changes wait in the refactor preview (fixes.test.ts checks that) until they are applied
      await waitFor('the document to change', async () => {
        await vscode.commands.executeCommand('refactorPreview.apply');
        return editor.document.getText() !== before;
      });
      await done;
      assert.ok(editor.document.getText().includes('\nsave 900 1\n'), 'the save comments moved to their own lines');
      // the seed's line 82 keeps its comment: it moves in the same change as that line's review fix (rename-command CONFIG ""), which waits to be ticked
      const left = await diagnosticsWhen(uri, 'one fatal finding left', ds => ds.length > 0 && fatalLines(ds).length === 1);
      assert.match(editor.document.lineAt(fatalLines(left)[0] - 1).text, /^rename-command CONFIG "CONFIG_xyz123"\s+# Rename/);
    } finally {
      await discard(uri);
    }
  });
});
