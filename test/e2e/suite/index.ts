/**
 * Entry point of the extension-host suite (extensionTestsPath). VS Code calls run()
 * inside the extension host: through code-server on this kind of machine
 * (test/e2e/run.mjs) and through @vscode/test-electron on a desktop (test/e2e/desktop.mjs).
 *
 * Results go to the JSON file named by RG_E2E_RESULTS (default: e2e-results.json in
 * the workspace folder), because in code-server nothing comes back to the browser:
 *   { finished, vscodeVersion, passed: [{ title, durationMs }], failed: [{ title, error }], pending: [title] }
 * run() rejects when a test failed, which is what test-electron turns into an exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import type MochaType from 'mocha';

export interface E2eResults {
  finished: boolean;
  vscodeVersion: string;
  passed: { title: string; durationMs: number }[];
  failed: { title: string; error: string }[];
  pending: string[];
}

function resultsPath(vscodeApi: typeof import('vscode')): string {
  if (process.env.RG_E2E_RESULTS) return process.env.RG_E2E_RESULTS;
  const folder = vscodeApi.workspace.workspaceFolders?.[0];
  return path.join(folder ? folder.uri.fsPath : process.cwd(), 'e2e-results.json');
}

function write(file: string, results: E2eResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file); // the harness never reads a half-written file
}

export function run(): Promise<void> {
  // loaded here, not at the top: `node --test out/test/` loads this file too, outside VS Code
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscodeApi: typeof import('vscode') = require('vscode');
  // mocha 12 is an ES module; its CommonJS build is what an extension host loads without fuss
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha/lib/mocha.cjs') as { default?: typeof MochaType } & typeof MochaType;
  const Mocha = loaded.default ?? loaded;

  const file = resultsPath(vscodeApi);
  const results: E2eResults = { finished: false, vscodeVersion: vscodeApi.version, passed: [], failed: [], pending: [] };
  write(file, results);

  const mocha = new Mocha({ ui: 'tdd', timeout: 90000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter(f => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(__dirname, f));

  return new Promise((resolve, reject) => {
    let runner: MochaType.Runner;
    try {
      runner = mocha.run(failures => {
        results.finished = true;
        write(file, results);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      results.failed.push({ title: '(loading the suite)', error: (e as Error).stack ?? String(e) });
      results.finished = true;
      write(file, results);
      reject(e);
      return;
    }
    runner.on('pass', t => results.passed.push({ title: t.fullTitle(), durationMs: t.duration ?? 0 }));
    runner.on('fail', (t, err: Error) => results.failed.push({ title: t.fullTitle(), error: err?.stack ?? String(err) }));
    runner.on('pending', t => results.pending.push(t.fullTitle()));
  });
}
