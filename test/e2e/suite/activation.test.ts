/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';

suite('Activation', () => {
  test('activate() reports how long it took until the language client was ready', async () => {
    const ext = vscode.extensions.getExtension('redis-guard.redis-guard')!;
    const api = (await ext.activate()) as { activation: { activateToReadyMs: number; loadToReadyMs: number } };
    assert.ok(api.activation.activateToReadyMs > 0 && api.activation.activateToReadyMs < 60_000, JSON.stringify(api.activation));
    assert.ok(api.activation.loadToReadyMs >= api.activation.activateToReadyMs);
    // the benchmark (npm run bench) reads this figure from here
    if (process.env.RG_E2E_ACTIVATION_OUT) fs.writeFileSync(process.env.RG_E2E_ACTIVATION_OUT, JSON.stringify(api.activation));
  });
});
