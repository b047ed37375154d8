/** The CLI as a CI pipeline runs it: exit codes, JSON shape, SARIF, --fix. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const seed = path.join(root, 'examples', 'memurai.conf');

function run(args: string[], input?: string): { code: number; out: string; err: string } {
  const r = cp.spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('lint --server redis@7.0 --format json on the seed: fatal exactly at 22, 23, 24 and 82', () => {
  const r = run(['lint', '--server', 'redis@7.0', '--format', 'json', seed]);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out);
  assert.deepEqual(Object.keys(json), ['files']);
  assert.equal(json.files[0].path, seed);
  for (const d of json.files[0].diagnostics) {
    // `details` (the why behind a short message) only where a rule gives one
    assert.deepEqual(Object.keys(d).filter(k => k !== 'details' && k !== 'serverMessage'), ['line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'fatal', 'message']);
    // the server's own log line for a line it refuses, kept out of the message
    if (d.fatal) assert.equal(typeof d.serverMessage, 'string', `${d.code} at ${d.line}`);
    if ('details' in d) assert.ok(typeof d.details === 'string' && d.details.length > 0);
    assert.ok(d.line >= 1 && d.column >= 1, 'positions are 1-based');
    assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity));
  }
  const fatal = [...new Set(json.files[0].diagnostics.filter((d: any) => d.fatal).map((d: any) => d.line))];
  assert.deepEqual(fatal, [22, 23, 24, 82]);
});

test('the stock redis.conf of Debian\'s redis-server package has nothing fatal', () => {
  const stock = '/etc/redis/redis.conf';
  assert.ok(fs.existsSync(stock), 'scripts/ensure-redis.sh installs the redis-server package, which ships this file');
  const r = run(['lint', '--server', 'redis@7.0', '--format', 'json', stock]);
  const json = JSON.parse(r.out);
  assert.deepEqual(json.files[0].diagnostics.filter((d: any) => d.fatal), []);
});

test('exit codes: 0 clean, 1 errors, 2 usage or I/O', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-'));
  try {
    const ok = path.join(dir, 'ok.conf');
    fs.writeFileSync(ok, 'port 6380\n');
    assert.equal(run(['lint', '--profile', 'development', ok]).code, 0);
    assert.equal(run(['lint', seed]).code, 1);
    assert.equal(run(['lint', path.join(dir, 'missing.conf')]).code, 2);
    assert.equal(run(['lint', '--server', 'redis@5.0', ok]).code, 2);
    assert.equal(run(['lint', '--format', 'xml', ok]).code, 2);
    assert.equal(run(['frobnicate']).code, 2);
    assert.equal(run(['lint']).code, 2);
    assert.match(run(['lint', '--rule', 'nonsense', ok]).err, /CODE=level/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--rule overrides a level and --profile changes the verdict', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-'));
  try {
    const f = path.join(dir, 'redis.conf');
    fs.writeFileSync(f, 'port 6380\n');
    const prod = JSON.parse(run(['lint', '--format', 'json', f]).out).files[0].diagnostics;
    assert.ok(prod.some((d: any) => d.code === 'RG301' && d.severity === 'error'));
    const off = JSON.parse(run(['lint', '--format', 'json', '--rule', 'RG301=off', f]).out).files[0].diagnostics;
    assert.ok(!off.some((d: any) => d.code === 'RG301'));
    const dev = JSON.parse(run(['lint', '--format', 'json', '--profile', 'development', f]).out).files[0].diagnostics;
    assert.equal(dev.find((d: any) => d.code === 'RG301').severity, 'information');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--format sarif is SARIF 2.1.0 with rule metadata and help links', () => {
  const r = run(['lint', '--format', 'sarif', seed]);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'redis-guard');
  const ids = run0.tool.driver.rules.map((x: any) => x.id);
  for (const res of run0.results) {
    assert.ok(ids.includes(res.ruleId));
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  }
  for (const rule of run0.tool.driver.rules) assert.match(rule.helpUri, /^(file|https?):/);
  assert.ok(run0.tool.driver.rules.find((x: any) => x.id === 'RG331').helpUri.endsWith('rules/RG331.md'));
  // the long text lives in the rule's description and help, taken from its documentation page
  const rg331 = run0.tool.driver.rules.find((x: any) => x.id === 'RG331');
  assert.ok(rg331.fullDescription.text.length > rg331.shortDescription.text.length * 2, rg331.fullDescription.text);
  assert.match(rg331.fullDescription.text, /Why it matters/);
  assert.match(rg331.help.markdown, /## How to fix/);
  const rg113 = run0.tool.driver.rules.find((x: any) => x.id === 'RG113');
  assert.match(rg113.fullDescription.text, /comment/);
  assert.ok(!rg113.fullDescription.text.includes('<a id='), 'a section of codes.md, without its anchor');
  // a result keeps the short message; the why and the server's words are properties
  const fatal = run0.results.find((x: any) => x.properties.fatal);
  assert.ok(fatal.message.text.length <= 250);
  assert.match(fatal.properties.serverMessage, /Invalid save parameters|Bad directive or wrong number of arguments/);
  assert.ok(run0.results.some((x: any) => typeof x.properties.details === 'string'));
});

test('reading from standard input with -', () => {
  const r = run(['lint', '--format', 'json', '-'], 'appendonly maybe\n');
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.out).files[0].diagnostics.find((d: any) => d.fatal).code, 'RG103');
});

test('lint loads neither the health command nor ioredis; health loads them when asked', () => {
  assert.doesNotMatch(fs.readFileSync(cli, 'utf8'), /node_modules\/ioredis/, 'dist/cli.js must not bundle ioredis');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-'));
  try {
    // records every module load of the process on stderr
    const hook = path.join(dir, 'trace.js');
    fs.writeFileSync(hook, "const M = require('module'); const load = M._load;\n"
      + "M._load = function (request, ...rest) { process.stderr.write(`LOAD ${request}\\n`); return load.call(this, request, ...rest); };\n");
    const traced = (args: string[]) => cp.spawnSync(process.execPath, ['-r', hook, cli, ...args], { encoding: 'utf8' });
    const lint = traced(['lint', '--format', 'json', seed]);
    assert.equal(lint.status, 1);
    assert.ok(JSON.parse(lint.stdout).files[0].diagnostics.length > 0);
    const loaded = lint.stderr.split('\n').filter(l => l.startsWith('LOAD '));
    assert.ok(loaded.length > 0, 'the trace hook saw the loads');
    assert.deepEqual(loaded.filter(l => /cli-health|ioredis/.test(l)), []);
    const health = traced(['health', '--help']);
    assert.equal(health.status, 0);
    assert.ok(health.stderr.split('\n').some(l => l === 'LOAD ./cli-health.js'), 'health is loaded from its own bundle');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the text output names the line the server stops at, and JSON carries the verdict and target', async () => {
  const fs = await import('fs');
  const os = await import('os');
  const path = await import('path');
  const cp = await import('child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-verdict-'));
  try {
    // listed first (line 1), but checked only after the whole file: the server stops at line 3 first
    const file = path.join(dir, 'redis.conf');
    fs.writeFileSync(file, `logfile ${path.join(dir, 'missing', 'x.log')}\nport 7000\ndbfilename /tmp/dump.rdb\n`);
    const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
    const text = cp.spawnSync(process.execPath, [cli, 'lint', '--host-checks', '--server', 'redis@7.0', file], { encoding: 'utf8' });
    assert.match(text.stdout, /redis\.conf: the server stops reading at line 3\n/);
    const json = JSON.parse(cp.spawnSync(process.execPath, [cli, 'lint', '--host-checks', '--format', 'json', '--server', 'redis@7.0', file], { encoding: 'utf8' }).stdout);
    assert.deepEqual(json.files[0].verdict, { kind: 'refused', line: 3 });
    assert.equal(json.files[0].target, 'redis@7.0');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
