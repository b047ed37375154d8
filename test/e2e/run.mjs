#!/usr/bin/env node
// End-to-end run of the PACKAGED extension in real VS Code: code-server 4.100.3
// (VS Code 1.100.3, the editor in a browser) driven by Debian's Chromium through
// playwright-core. See docs/testing.md.
//
//   npm run test:e2e
//
// 1. installs code-server into a cache outside the checkout (test/e2e/setup-code-server.sh;
//    a no-op after the first run), packages redis-guard.vsix (npm run package) and installs
//    it into a fresh extensions folder;
// 2. (a) extension-host suite: a window opened with the `payload` URL parameter runs
//    test/e2e/suite/index.ts inside code-server's extension host, against the INSTALLED
//    copy of the extension; the suite writes its results to $RG_E2E_RESULTS;
// 3. (b) UI checks on a normal window: Problems panel, hover, quick fix from the light-bulb
//    menu, the language status of memurai.conf, the Redis Guard sidebar against a live
//    redis-server; screenshots go to docs/images/.
// Prints `ok`/`not ok` per test and, last, exactly one line `N passed, M failed`.
// Exit status 1 on any failure or when no test ran.
//
// Environment:
//   RG_CODE_SERVER_DIR   code-server cache (default /var/cache/redis-guard/code-server-4.100.3)
//   RG_E2E_KEEP=1        keep the temp folder (logs, screenshots, workspaces) even on success
//   RG_E2E_TIMEOUT_MS    overall limit (default 900000)
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const T0 = Date.now();
const TOTAL_TIMEOUT_MS = Number(process.env.RG_E2E_TIMEOUT_MS || 15 * 60_000);
const HOST_SUITE_TIMEOUT_MS = 5 * 60_000;
const UI_TIMEOUT_MS = 30_000;
const CHROMIUM = process.env.RG_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const VIEWPORT = { width: 1280, height: 800 };

// ---------------------------------------------------------------------------
// bookkeeping

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-e2e-'));
const D = {
  data: path.join(tmp, 'user-data'),
  ext: path.join(tmp, 'extensions'),
  wsHost: path.join(tmp, 'ws-host'),
  wsUi: path.join(tmp, 'ws-ui'),
  shots: path.join(tmp, 'screenshots'),
  logs: path.join(tmp, 'logs'),
  // the compiled suite must sit inside the checkout so that `mocha` resolves from its node_modules
  out: path.join(ROOT, '.test-tmp', path.basename(tmp)),
};
for (const d of [D.data, D.ext, D.shots, D.logs]) fs.mkdirSync(d, { recursive: true });

/** @type {{ title: string, ok: boolean }[]} */
const results = [];
let codeServer; // ChildProcess, leader of its own process group
let browser; // playwright Browser
let redis; // RunningRedis from test/helpers/redis-server
let finished = false;

const elapsed = () => `${((Date.now() - T0) / 1000).toFixed(1)}s`;
const note = msg => console.log(`# ${msg} (${elapsed()})`);
const indent = s => String(s).split('\n').map(l => `    ${l}`).join('\n');

function record(title, ok, error) {
  results.push({ title, ok });
  console.log(`${ok ? 'ok' : 'not ok'} - ${title}`);
  if (!ok && error) console.log(indent(error));
}

/** Kills what this run started; synchronous so it also works from 'exit' and signal handlers. */
function killChildren() {
  if (codeServer?.pid && codeServer.exitCode === null) {
    // code-server keeps extension hosts (and their language servers) alive for reconnection:
    // the whole process group goes
    try { process.kill(-codeServer.pid, 'SIGKILL'); } catch { /* gone */ }
  }
  // Chromium: playwright kills it on close/exit; this is the safety net for a hung close
  for (const pid of childPids(process.pid)) {
    const cmd = readProc(pid, 'cmdline').replace(/\0/g, ' ');
    if (/chrom/i.test(cmd)) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* not a group leader */ }
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  }
}

function readProc(pid, file) {
  try { return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8'); } catch { return ''; }
}

function childPids(ppid) {
  const out = [];
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    const stat = readProc(e, 'stat');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === ppid) out.push(Number(e));
  }
  return out;
}

process.on('exit', killChildren);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, () => {
    console.log(`# interrupted (${sig})`);
    killChildren();
    fs.rmSync(D.out, { recursive: true, force: true });
    process.exit(130);
  });
}
setTimeout(() => {
  if (finished) return;
  record(`harness: everything done within ${TOTAL_TIMEOUT_MS / 1000}s`, false, 'overall timeout');
  printLogs();
  summary();
  process.exit(1);
}, TOTAL_TIMEOUT_MS).unref();

// ---------------------------------------------------------------------------
// helpers

/** Runs a command to completion; returns stdout; throws with its output on failure. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}\n${(r.stdout || '') + (r.stderr || '')}`.trim());
  return r.stdout || '';
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = srv.address();
      srv.close(() => (port === 6379 ? freePort().then(resolve, reject) : resolve(port)));
    });
  });
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function until(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    await sleep(250);
  }
}

/** Environment for code-server: ours, minus anything of a VS Code this may be running inside. */
function codeServerEnv(extra) {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  delete env.PASSWORD;
  delete env.HASHED_PASSWORD;
  return env;
}

function makeWorkspace(dir, settings) {
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'examples', 'memurai.conf'), path.join(dir, 'memurai.conf'));
  fs.writeFileSync(path.join(dir, 'redis.conf'), [
    '# Redis Guard end-to-end workspace: a small redis.conf',
    'bind 127.0.0.1',
    'port 6380',
    'protected-mode yes',
    'maxmemory 256mb',
    'maxmemory-policy noeviction',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'sentinel.conf'), [
    '# Redis Guard end-to-end workspace: a small sentinel.conf',
    'port 26379',
    'sentinel monitor mymaster 127.0.0.1 6380 2',
    'sentinel down-after-milliseconds mymaster 5000',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'redisGuard.server': 'redis@7.0', ...settings }, null, 2) + '\n');
}

/** Files under the user-data-dir's logs folder that belong to extension hosts, and the server's own log. */
function logFiles() {
  const found = [];
  const walk = d => {
    let entries = [];
    try { entries = fs.readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      // the extension host's own log, the server agent's, and Redis Guard's output channel
      else if (/^(remoteexthost|remoteagent|exthost)\.log$/.test(e.name) || p.includes(`${path.sep}redis-guard.redis-guard${path.sep}`)) found.push(p);
    }
  };
  walk(path.join(D.data, 'logs'));
  return found.sort();
}

function tail(file, lines) {
  try {
    const all = fs.readFileSync(file, 'utf8').split('\n');
    return all.slice(-lines).join('\n');
  } catch (e) { return `(cannot read: ${e.message})`; }
}

function printLogs() {
  console.log(`# ----- code-server log (${path.join(D.logs, 'code-server.log')}) -----`);
  console.log(indent(tail(path.join(D.logs, 'code-server.log'), 120)));
  for (const f of logFiles()) {
    console.log(`# ----- ${path.relative(D.data, f)} -----`);
    console.log(indent(tail(f, 80)));
  }
  for (const f of ['browser-host.log', 'browser-ui.log']) {
    const p = path.join(D.logs, f);
    if (fs.existsSync(p)) { console.log(`# ----- ${f} (errors) -----`); console.log(indent(tail(p, 40))); }
  }
  console.log(`# logs, workspaces and screenshots kept in ${tmp}`);
  console.log(`#   screenshots: ${D.shots}`);
}

function summary() {
  const passed = results.filter(r => r.ok).length;
  const failed = results.length - passed;
  console.log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

// ---------------------------------------------------------------------------
// preparation

async function prepare() {
  note('code-server: checking the cache (first run installs it, about 1-3 minutes)');
  const setupOut = run('bash', [path.join(ROOT, 'test', 'e2e', 'setup-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bin = setupOut.trim().split('\n').pop();
  if (!bin || !fs.existsSync(bin)) throw new Error(`setup-code-server.sh printed no binary path:\n${setupOut}`);

  note('packaging redis-guard.vsix (npm run package)');
  run('npm', ['run', '--silent', 'package']);
  const vsix = path.join(ROOT, 'redis-guard.vsix');

  note('compiling the extension-host suite');
  fs.mkdirSync(D.out, { recursive: true });
  fs.writeFileSync(path.join(D.out, 'tsconfig.json'), JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { outDir: 'out', rootDir: '../..', incremental: false },
    include: ['../../test/e2e/suite/*.ts', '../../test/helpers/redis-server.ts'],
  }, null, 2));
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(D.out, 'tsconfig.json')]);
  const suiteIndex = path.join(D.out, 'out', 'test', 'e2e', 'suite', 'index'); // VS Code adds .js

  note('installing the .vsix into a fresh extensions folder');
  const config = path.join(tmp, 'code-server.yaml');
  fs.writeFileSync(config, 'auth: none\n');
  run(bin, ['--install-extension', vsix, '--force', '--extensions-dir', D.ext, '--user-data-dir', D.data, '--config', config], { env: codeServerEnv() });
  const installedName = fs.readdirSync(D.ext).find(n => n.startsWith('redis-guard.redis-guard-'));
  if (!installedName) throw new Error(`the .vsix did not install into ${D.ext}: ${fs.readdirSync(D.ext).join(', ')}`);
  const installed = path.join(D.ext, installedName);

  return { bin, config, suiteIndex, installed };
}

function userSettings() {
  fs.mkdirSync(path.join(D.data, 'User'), { recursive: true });
  fs.writeFileSync(path.join(D.data, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.colorTheme': 'Default Dark Modern',
    'window.autoDetectColorScheme': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.ignoreRecommendations': true,
    'extensions.autoCheckUpdates': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'editor.stickyScroll.enabled': false,
    'editor.hover.delay': 300,
    'files.hotExit': 'off',
  }, null, 2));
}

async function startCodeServer(prepared, resultsFile) {
  // a port found free can be taken before code-server binds it: try a few
  for (let attempt = 1; ; attempt++) {
    try {
      return await startCodeServerOn(await freePort(), prepared, resultsFile);
    } catch (e) {
      if (attempt >= 3 || !/EADDRINUSE/.test(tail(path.join(D.logs, 'code-server.log'), 20))) throw e;
      note(`code-server: port taken, retrying (${attempt})`);
    }
  }
}

async function startCodeServerOn(port, { bin, config, installed }, resultsFile) {
  const log = fs.openSync(path.join(D.logs, 'code-server.log'), 'a');
  codeServer = spawn(bin, [
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', D.data, '--extensions-dir', D.ext, '--config', config,
  ], {
    detached: true, // own process group: killChildren() takes the extension hosts with it
    stdio: ['ignore', log, log],
    env: codeServerEnv({ RG_E2E_RESULTS: resultsFile, RG_E2E_EXTENSION_PATH: installed }),
  });
  fs.closeSync(log);
  let exited = false;
  codeServer.once('exit', () => { exited = true; });
  await until('code-server to answer /healthz', async () => {
    if (exited) throw new Error('code-server exited');
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return r?.ok;
  }, 60_000);
  return port;
}

// ---------------------------------------------------------------------------
// (a) extension-host suite

async function hostSuite(port, { suiteIndex, installed }, resultsFile) {
  const remote = p => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(installed)], ['extensionTestsPath', remote(suiteIndex)]];
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(D.wsHost)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  logBrowser(page, 'browser-host.log');
  try {
    await page.goto(url);
    let got;
    try {
      got = await until('the extension-host suite to write its results', () => {
        if (codeServer.exitCode !== null) throw new Error('code-server exited');
        try {
          const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
          return r.finished ? r : undefined;
        } catch { return undefined; }
      }, HOST_SUITE_TIMEOUT_MS);
    } catch (e) {
      await page.screenshot({ path: path.join(D.shots, 'extension-host-timeout.png') }).catch(() => undefined);
      let partial;
      try { partial = JSON.parse(fs.readFileSync(resultsFile, 'utf8')); } catch { /* none */ }
      if (partial) report(partial);
      record('extension-host suite finished', false, e.message);
      return;
    }
    note(`extension-host suite ran in VS Code ${got.vscodeVersion}`);
    report(got);
    if (got.passed.length + got.failed.length === 0) record('extension-host suite ran at least one test', false, 'no tests ran');
  } finally {
    await context.close().catch(() => undefined);
  }

  function report(r) {
    for (const t of r.passed) record(t.title, true);
    for (const t of r.failed) record(t.title, false, t.error);
    for (const t of r.pending) console.log(`ok - ${t} # SKIP`);
  }
}

function logBrowser(page, file) {
  const p = path.join(D.logs, file);
  page.on('console', m => { if (m.type() === 'error') fs.appendFileSync(p, `[console.error] ${m.text()}\n`); });
  page.on('pageerror', e => fs.appendFileSync(p, `[pageerror] ${e.stack || e.message}\n`));
}

// ---------------------------------------------------------------------------
// (b) UI checks

/** Reads the hover summary of a directive from the catalog texts (the source the hover shows). */
function summaryOf(directive) {
  const d = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'src', 'engine', 'catalog', 'descriptions.json'), 'utf8'));
  return d.directives[directive].summary;
}

class Ui {
  constructor(page) { this.page = page; }

  async quickInput(keys, text) {
    const p = this.page;
    await p.keyboard.press(keys);
    const input = p.locator('.quick-input-widget input').first();
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await p.keyboard.type(text);
    return input;
  }

  async openFile(name) {
    const p = this.page;
    await this.quickInput('Control+P', name);
    // file search runs on the server (ripgrep): wait for the result before Enter
    await p.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: UI_TIMEOUT_MS });
    await p.keyboard.press('Enter');
    await p.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: UI_TIMEOUT_MS });
    await this.editor().locator('.view-lines').waitFor({ timeout: UI_TIMEOUT_MS });
  }

  editor() {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async gotoLine(spec) {
    const p = this.page;
    await p.keyboard.press('Control+1'); // focus the editor
    await this.quickInput('Control+G', spec);
    await p.keyboard.press('Enter');
    await p.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
    const [line, col] = spec.split(':');
    await p.locator('.statusbar', { hasText: `Ln ${line}, Col ${col ?? 1}` }).waitFor({ timeout: UI_TIMEOUT_MS });
  }

  async screenshot(name) {
    const file = path.join(D.shots, name);
    await sleep(500); // let breadcrumbs, decorations and the status bar catch up
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** Copies a screenshot of a passed check to docs/images/. */
function publish(file) {
  const dest = path.join(ROOT, 'docs', 'images', path.basename(file));
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(file, dest);
}

/** Screenshots taken by the running check; published to docs/images/ only if it passes. */
let shotsOfCheck = [];
const published = [];

async function uiCheck(ui, title, fn) {
  shotsOfCheck = [];
  try {
    await fn();
    record(title, true);
    for (const f of shotsOfCheck) { publish(f); published.push(f); }
  } catch (e) {
    const shot = await ui.screenshot(`failed-${results.length + 1}.png`).catch(() => undefined);
    record(title, false, `${e.message}${shot ? `\n(screenshot: ${shot})` : ''}`);
    await ui.page.keyboard.press('Escape').catch(() => undefined);
  }
}

async function uiChecks(port, sidebar) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  logBrowser(page, 'browser-ui.log');
  const ui = new Ui(page);
  try {
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(D.wsUi)}`);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'memurai.conf' }).waitFor({ timeout: 60_000 });

    await uiCheck(ui, 'UI: the Problems panel lists the fatal lines 22, 23, 24 and 82', async () => {
      await ui.openFile('memurai.conf');
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.filter({ hasText: 'RG113' }).first().waitFor({ timeout: 60_000 }); // the language server has checked the file
      await ui.gotoLine('22:17');
      shotsOfCheck.push(await ui.screenshot('editor-diagnostics.png'));
      // only the fatal findings, so that none is scrolled out of the (virtual) list
      const filter = page.locator('.part.panel input[placeholder^="Filter"]').first();
      await filter.fill('refuses to start with this file');
      const lines = await until('the filtered Problems list to show the fatal lines', async () => {
        const texts = await rows.allInnerTexts();
        const ls = texts.map(t => /\[Ln (\d+), Col \d+\]/.exec(t)).filter(Boolean).map(m => Number(m[1])).sort((a, b) => a - b);
        return JSON.stringify(ls) === '[22,23,24,82]' && texts.filter(t => /\[Ln/.test(t)).every(t => t.includes('RG113')) ? ls : undefined;
      }, UI_TIMEOUT_MS).catch(async e => {
        throw new Error(`${e.message}\nrows: ${JSON.stringify(await rows.allInnerTexts())}`);
      });
      if (lines.length !== 4) throw new Error(`fatal lines ${lines}`);
      await filter.fill('');
    });

    await uiCheck(ui, 'UI: hovering over a directive (maxmemory-policy) shows its description', async () => {
      await ui.gotoLine('58:1');
      const token = ui.editor().locator('.view-line span > span', { hasText: /^maxmemory-policy$/ }).first();
      await token.hover();
      const summary = summaryOf('maxmemory-policy');
      await page.locator('.monaco-hover:visible', { hasText: summary.slice(0, 60) }).first().waitFor({ timeout: UI_TIMEOUT_MS });
      shotsOfCheck.push(await ui.screenshot('hover.png'));
      await page.mouse.move(5, VIEWPORT.height / 2);
      await page.keyboard.press('Escape');
    });

    await uiCheck(ui, 'UI: the language status of memurai.conf says Memurai 4.1, from its file name', async () => {
      // the "{}" entry of the status bar opens the language status hover with Redis Guard's items
      await page.locator('[id="status.languageStatus"]').first().click();
      const hover = page.locator('.monaco-hover:visible', { hasText: 'Memurai 4.1' }).first();
      await hover.waitFor({ timeout: UI_TIMEOUT_MS });
      const text = await hover.innerText();
      if (!/from the file name/.test(text) || !/Profile: production/.test(text)) throw new Error(`language status hover: ${JSON.stringify(text)}`);
      shotsOfCheck.push(await ui.screenshot('language-status.png'));
      await page.keyboard.press('Escape');
      await page.mouse.move(5, VIEWPORT.height / 2);
    });

    await uiCheck(ui, 'UI: the quick fix chosen from the light-bulb menu (Ctrl+.) moves the comment on line 22 to its own line', async () => {
      await ui.gotoLine('22:20');
      await page.keyboard.press('Control+.');
      const title = 'Move the comment to its own line above';
      await page.locator(`.action-widget .monaco-list-row[aria-label="${title}"]`).waitFor({ timeout: UI_TIMEOUT_MS });
      // the menu focuses the preferred fix; walk down to ours if it is not that one
      for (let i = 0; i < 10; i++) {
        const focused = await page.locator('.action-widget .monaco-list-row.focused').getAttribute('aria-label').catch(() => null);
        if (focused === title) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS }).catch(() => undefined);
      await page.keyboard.press('Control+S');
      const file = path.join(D.wsUi, 'memurai.conf');
      await until('memurai.conf on disk to have the comment on its own line', () => {
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        return /^#\s*Save if 1 key changed in 15 minutes\s*$/.test(lines[21]) && lines[22] === 'save 900 1';
      }, UI_TIMEOUT_MS).catch(e => {
        throw new Error(`${e.message}\nlines 21-24: ${JSON.stringify(fs.readFileSync(file, 'utf8').split('\n').slice(20, 24))}`);
      });
    });

    if (sidebar) {
      await uiCheck(ui, `UI: the Redis Guard sidebar shows the health and key patterns of a live redis-server (port ${sidebar.port})`, async () => {
        await page.locator(`.activitybar .action-item a[aria-label^="${sidebar.title}"]`).first().click();
        const view = page.locator('.part.sidebar');
        const conn = view.locator('.monaco-list-row', { hasText: sidebar.connectionName });
        await conn.filter({ hasText: 'standalone' }).first().waitFor({ timeout: 60_000 });
        await until('health items under the connection', async () => (await view.locator('.monaco-list-row').count()) >= 3, UI_TIMEOUT_MS);
        // key patterns: the row's inline action scans, then the row expands to one row per pattern
        const patterns = view.locator('.monaco-list-row', { hasText: 'Key patterns' }).first();
        await patterns.hover();
        await patterns.locator('.action-label[aria-label="Scan Key Patterns"]').click();
        await until('the key-pattern scan to finish', async () => /\d+ patterns?/.test(await patterns.innerText()), UI_TIMEOUT_MS);
        await patterns.click();
        await view.locator('.monaco-list-row', { hasText: 'token:blacklist:*' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
        await page.mouse.move(200, VIEWPORT.height - 150); // blank sidebar area: no tooltip, no editor hover
        await sleep(1000); // let the first refresh fill in the values
        shotsOfCheck.push(await ui.screenshot('sidebar-health.png'));
      });

      await uiCheck(ui, 'UI: Add Connection is a multi-step input with steps, Back, and a connection test that shows the server before saving', async () => {
        const widget = page.locator('.quick-input-widget');
        const title = widget.locator('.quick-input-title');
        const stepIs = async (n, what) => {
          await until(`step ${n} (${what})`, async () => (await title.innerText().catch(() => '')).includes(n), UI_TIMEOUT_MS);
        };
        await ui.quickInput('F1', 'Redis Guard: Add Connection');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Add Connection' }).first().waitFor({ timeout: UI_TIMEOUT_MS });
        await page.keyboard.press('Enter');
        await stepIs('1/6', 'kind');
        if (!(await title.innerText()).includes('Add Redis Guard Connection')) throw new Error(`title: ${await title.innerText()}`);
        await page.keyboard.press('Enter'); // Standalone
        await stepIs('2/6', 'URL');
        await page.keyboard.press('Control+A');
        await page.keyboard.type(`redis://127.0.0.1:${sidebar.port}`);
        await page.keyboard.press('Enter');
        await stepIs('3/6', 'name');
        const proposed = await widget.locator('input').first().inputValue();
        if (proposed !== `127.0.0.1:${sidebar.port}`) throw new Error(`proposed name ${proposed}`);
        await page.keyboard.press('Enter');
        await stepIs('4/6', 'user');
        await page.keyboard.press('Enter');
        await stepIs('5/6', 'password');
        await page.keyboard.press('Enter');
        await stepIs('6/6', 'test');
        const reached = widget.locator('.quick-input-list .monaco-list-row', { hasText: 'Save' }).first();
        await reached.waitFor({ timeout: UI_TIMEOUT_MS });
        const text = await widget.innerText();
        if (!/Reached Redis \d+\.\d+\.\d+/.test(text)) throw new Error(`the test step says: ${JSON.stringify(text)}`);
        shotsOfCheck.push(await ui.screenshot('add-connection-test.png'));
        // Back returns to the password step; forward again tests once more
        await widget.locator('.quick-input-left-action-bar .action-label').first().click();
        await stepIs('5/6', 'password after Back');
        await page.keyboard.press('Enter');
        await stepIs('6/6', 'test again');
        await reached.waitFor({ timeout: UI_TIMEOUT_MS });
        await page.keyboard.press('Enter');
        await widget.waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
        await page.locator('.part.sidebar .monaco-list-row', { hasText: `127.0.0.1:${sidebar.port}` }).first().waitFor({ timeout: UI_TIMEOUT_MS });
      });
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------
// sidebar: only once package.json contributes the Redis Guard view container

async function sidebarSetup() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const container = pkg.contributes?.viewsContainers?.activitybar?.find(c => c.id === 'redisGuard');
  if (!container) {
    note('sidebar: package.json contributes no `redisGuard` view container yet; sidebar check skipped');
    return undefined;
  }
  run('bash', [path.join(ROOT, 'scripts', 'ensure-redis.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const { startRedis } = require(path.join(D.out, 'out', 'test', 'helpers', 'redis-server.js'));
  redis = await startRedis();
  // something for the key-pattern view to find: three families, one with TTLs
  const ids = Array.from({ length: 40 }, (_, i) => i);
  await redis.cli('MSET', ...ids.flatMap(i => [`session:${(0xabc000 + i).toString(16)}${'0'.repeat(26)}`, 'x']));
  await redis.cli('MSET', ...ids.flatMap(i => [`user:${i}:settings`, '{}']));
  for (const i of ids.slice(0, 12)) await redis.cli('SET', `token:blacklist:${String(i).padStart(8, '0')}-1111-4222-8333-444455556666`, '1', 'EX', '3600');
  const connectionName = 'e2e (local redis-server)';
  // how the sidebar stores connections: the `redisGuard.connections` setting (no passwords)
  return {
    title: container.title,
    port: redis.port,
    connectionName,
    settings: { 'redisGuard.connections': [{ id: 'e2e', name: connectionName, kind: 'standalone', url: `redis://127.0.0.1:${redis.port}` }] },
  };
}

// ---------------------------------------------------------------------------

async function main() {
  let prepared;
  try {
    prepared = await prepare();
  } catch (e) {
    record('harness: prepare code-server, the .vsix and the suite', false, e.stack || e.message);
    return;
  }
  const resultsFile = path.join(tmp, 'host-results.json');
  let sidebar;
  try {
    sidebar = await sidebarSetup();
  } catch (e) {
    record('harness: start a redis-server for the sidebar', false, e.stack || e.message);
  }
  makeWorkspace(D.wsHost, {});
  makeWorkspace(D.wsUi, sidebar?.settings ?? {});
  userSettings();

  let port;
  try {
    port = await startCodeServer(prepared, resultsFile);
    note(`code-server listening on 127.0.0.1:${port}`);
    const { chromium } = require('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  } catch (e) {
    record('harness: start code-server and Chromium', false, e.stack || e.message);
    return;
  }

  note('(a) extension-host suite');
  await hostSuite(port, prepared, resultsFile);
  note('(b) UI checks');
  await uiChecks(port, sidebar);
}

let status = 1;
try {
  await main();
} catch (e) {
  record('harness', false, e.stack || e.message);
} finally {
  finished = true;
  if (browser) await Promise.race([browser.close().catch(() => undefined), sleep(10_000)]);
  killChildren();
  if (redis) await redis.stop().catch(() => undefined);
  fs.rmSync(D.out, { recursive: true, force: true });
  const failed = results.filter(r => !r.ok).length;
  if (failed === 0 && results.length > 0) {
    if (process.env.RG_E2E_KEEP === '1') note(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
    status = 0;
  } else {
    if (results.length === 0) record('harness: at least one test ran', false, 'no tests ran');
    printLogs();
  }
  if (published.length) note(`screenshots updated: ${published.map(f => path.join('docs', 'images', path.basename(f))).join(', ')}`);
  note('done');
  summary();
}
process.exit(status);
