/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FATAL_TEXT, codeOf, diagnosticsWhen, show, workspaceUri } from './helpers';
import { HOURLY_COMPOSE } from '../../helpers/command-line-fixtures';

suite('docker-compose.yml: the redis-server command is checked in the file\'s own language', () => {
  test('fatal RG108 on the "#" that reaches the server, not on the YAML comment; the language stays the editor\'s', async () => {
    const uri = workspaceUri('docker-compose.yml');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(HOURLY_COMPOSE));
    const editor = await show(uri);
    assert.notStrictEqual(editor.document.languageId, 'redis-conf', 'the compose file keeps its own language');
    const ds = await diagnosticsWhen(uri, 'the fatal diagnostics of docker-compose.yml', d => d.some(x => codeOf(x) === 'RG108'), 60000);
    const fatal = ds.filter(d => d.message.includes(FATAL_TEXT));
    assert.deepStrictEqual(fatal.map(d => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.character]), [['RG108', 6, 40, 41], ['RG108', 9, 52, 55]]);
    for (const d of fatal) assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    // hover of a config file does not reach compose files
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(3, 27));
    assert.ok(!hovers.some(h => h.contents.some(c => /Redis Guard|save/i.test(typeof c === 'string' ? c : (c as vscode.MarkdownString).value ?? ''))), 'no config-file hover in YAML');
  });
});
