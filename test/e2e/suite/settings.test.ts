/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { diagnosticsWhen, find, open, seedDiagnostics, workspaceUri } from './helpers';

suite('Settings re-validate open files', () => {
  const uri = () => workspaceUri('memurai.conf');
  const config = () => vscode.workspace.getConfiguration('redisGuard');

  suiteSetup(async () => {
    await open('memurai.conf');
    await seedDiagnostics(uri());
  });

  /** Back to the workspace's own settings (redis@7.0, production, no overrides) and its diagnostics. */
  async function reset(): Promise<void> {
    await config().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(uri(), 'the production diagnostics',
      ds => find(ds, 'RG331') !== undefined && find(ds, 'RG303')?.severity === vscode.DiagnosticSeverity.Error);
  }
  setup(reset);
  suiteTeardown(reset);

  test('redisGuard.profile = development lowers RG303 to Information', async () => {
    await config().update('profile', 'development', vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(uri(), 'RG303 at Information',
      ds => find(ds, 'RG303')?.severity === vscode.DiagnosticSeverity.Information);
  });

  test('redisGuard.rules { "RG331": "off" } removes RG331', async () => {
    await config().update('rules', { RG331: 'off' }, vscode.ConfigurationTarget.Workspace);
    const ds = await diagnosticsWhen(uri(), 'RG331 to disappear', ds => ds.length > 0 && !find(ds, 'RG331'));
    assert.ok(find(ds, 'RG113'), 'the fatal findings stay');
  });
});
