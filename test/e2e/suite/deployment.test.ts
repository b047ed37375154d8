/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, find, workspaceUri } from './helpers';

/** Cross-file diagnostics in real VS Code: a replica whose masterauth is not its primary's password. */
suite('Deployment: a cross-file finding with related information', () => {
  const PASSWORD = '5d8563a26bf81d4d72b34cd8904a855c25efb0b07a816b65';
  const primary = () => workspaceUri('deployment/redis-primary.conf');
  const replica = () => workspaceUri('deployment/redis-replica-1.conf');

  suiteSetup(async () => {
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    await write(primary(), `bind 127.0.0.1\nport 6380\nrequirepass ${PASSWORD}\n`);
    await write(replica(), `bind 127.0.0.1\nport 6381\nreplicaof 127.0.0.1 6380\nrequirepass ${PASSWORD}\nmasterauth not-the-primary-password\n`);
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(workspaceUri('deployment'), { recursive: true }).then(undefined, () => undefined);
  });

  test('RG401 on the masterauth line, its related information on the primary\'s requirepass', async () => {
    await vscode.workspace.openTextDocument(replica());
    const ds = await diagnosticsWhen(replica(), 'RG401 on the replica', d => d.some(x => codeOf(x) === 'RG401'), 60000);
    const d = find(ds, 'RG401')!;
    assert.strictEqual(d.range.start.line, 4);
    assert.match(d.message, /does not log in to redis-primary\.conf/);
    assert.ok(d.relatedInformation?.length, 'related information');
    const r = d.relatedInformation![0];
    assert.strictEqual(r.location.uri.toString(), primary().toString());
    assert.strictEqual(r.location.range.start.line, 2);
  });
});
