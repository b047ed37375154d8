/// <reference types="mocha" />
import './host-guard';
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FATAL_TEXT, SEED_FATAL_LINES, codeOf, fatalLines, find, open, seedDiagnostics, workspaceUri } from './helpers';

suite('Diagnostics of the seed (memurai@4.1 from its file name, production profile)', () => {
  let ds: vscode.Diagnostic[] = [];

  suiteSetup(async () => {
    await open('memurai.conf');
    ds = await seedDiagnostics(workspaceUri('memurai.conf'));
  });

  test('fatal errors on lines 22, 23, 24 and 82, code RG113', () => {
    assert.deepStrictEqual(fatalLines(ds), SEED_FATAL_LINES);
    for (const d of ds.filter(d => d.message.includes(FATAL_TEXT))) {
      assert.strictEqual(codeOf(d), 'RG113', `line ${d.range.start.line + 1}: ${d.message}`);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    }
  });

  test('diagnostics link to their docs page', () => {
    const d = find(ds, 'RG113')!;
    assert.ok(typeof d.code === 'object' && d.code.target.path.endsWith('/docs/codes.md'), JSON.stringify(d.code));
  });

  const production: [string, number][] = [['RG303', 15], ['RG331', 58], ['RG370', 62]];
  for (const [code, line] of production) {
    test(`production finding ${code} on line ${line}`, () => {
      const d = find(ds, code);
      assert.ok(d, `no ${code} among ${ds.map(codeOf).join(', ')}`);
      assert.strictEqual(d.range.start.line + 1, line);
      assert.ok(!d.message.includes(FATAL_TEXT), 'a production finding is not fatal');
    });
  }
});
