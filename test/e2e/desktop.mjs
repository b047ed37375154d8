#!/usr/bin/env node
// The extension-host suite (test/e2e/suite) in DESKTOP VS Code, through @vscode/test-electron.
// For a machine with internet: test-electron (a devDependency) downloads VS Code when it runs
// (into .vscode-test/). On the build machines, which only reach the npm registry and Debian,
// that download fails; use `npm run test:e2e` (code-server) there. See docs/testing.md.
//
//   npm run test:vscode                 (Linux without a display: xvfb-run -a npm run test:vscode)
//
// Environment: RG_VSCODE_VERSION (default "stable"; e.g. "1.91.0", the oldest engine we support).
// Prints `ok`/`not ok` per test and, last, `N passed, M failed`; exit 1 on failure, 2 when
// @vscode/test-electron is not installed.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let testElectron;
try {
  testElectron = await import('@vscode/test-electron');
} catch {
  console.error('@vscode/test-electron is not installed; run: npm install');
  process.exit(2);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-desktop-'));
const out = path.join(ROOT, '.test-tmp', path.basename(tmp)); // inside the checkout: mocha resolves from node_modules
const ws = path.join(tmp, 'workspace');
const resultsFile = path.join(tmp, 'results.json');
let status = 1;
try {
  // the extension as the checkout builds it (desktop runs the folder; test:e2e runs the packaged .vsix)
  run('npm', ['run', '--silent', 'build']);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'tsconfig.json'), JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { outDir: 'out', rootDir: '../..', incremental: false },
    include: ['../../test/e2e/suite/*.ts', '../../test/helpers/redis-server.ts'],
  }));
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(out, 'tsconfig.json')]);

  // the same workspace as test/e2e/run.mjs gives the suite
  fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples', 'memurai.conf'), path.join(ws, 'memurai.conf'));
  fs.writeFileSync(path.join(ws, 'redis.conf'), '# Redis Guard end-to-end workspace: a small redis.conf\nbind 127.0.0.1\nport 6380\nprotected-mode yes\nmaxmemory 256mb\nmaxmemory-policy noeviction\n');
  fs.writeFileSync(path.join(ws, 'sentinel.conf'), '# Redis Guard end-to-end workspace: a small sentinel.conf\nport 26379\nsentinel monitor mymaster 127.0.0.1 6380 2\nsentinel down-after-milliseconds mymaster 5000\n');
  fs.writeFileSync(path.join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'redisGuard.server': 'redis@7.0' }, null, 2));

  let runError;
  try {
    await testElectron.runTests({
      version: process.env.RG_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(out, 'out', 'test', 'e2e', 'suite', 'index'),
      extensionTestsEnv: { RG_E2E_RESULTS: resultsFile, RG_E2E_EXTENSION_PATH: ROOT },
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
        '--user-data-dir', path.join(tmp, 'user-data')],
    });
  } catch (e) {
    runError = e;
  }

  let results;
  try { results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { /* VS Code never ran the suite */ }
  let passed = 0, failed = 0;
  if (results) {
    console.log(`# VS Code ${results.vscodeVersion}`);
    for (const t of results.passed) { passed++; console.log(`ok - ${t.title}`); }
    for (const t of results.failed) { failed++; console.log(`not ok - ${t.title}\n${t.error.split('\n').map(l => `    ${l}`).join('\n')}`); }
    for (const t of results.pending) console.log(`ok - ${t} # SKIP`);
  }
  if (!results?.finished) { failed++; console.log(`not ok - extension-host suite finished${runError ? `\n    ${runError.message}` : ''}`); }
  console.log(`${passed} passed, ${failed} failed`);
  status = failed === 0 && passed > 0 ? 0 : 1;
} catch (e) {
  console.log(`not ok - desktop harness\n    ${e.message}`);
  console.log('0 passed, 1 failed');
} finally {
  fs.rmSync(out, { recursive: true, force: true });
  if (status === 0) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log(`# kept ${tmp}`);
}
process.exit(status);
