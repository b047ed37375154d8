/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, open } from './helpers';

suite('Language', () => {
  for (const name of ['memurai.conf', 'redis.conf', 'sentinel.conf']) {
    test(`${name} opens in the redis-conf language mode`, async () => {
      const doc = await open(name);
      assert.strictEqual(doc.languageId, 'redis-conf');
    });
  }

  test('the extension is active (and is the installed package when the harness says so)', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.ok(ext.isActive);
    const expected = process.env.RG_E2E_EXTENSION_PATH;
    if (expected) assert.strictEqual(ext.extensionUri.fsPath, expected);
  });
});
