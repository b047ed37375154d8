/**
 * The CLI on the hostile corpus (corpus.ts): every run ends on its own with exit 0, 1 or 2,
 * JSON that parses, the finding the case calls for, no stack trace, and bounded memory.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildHostileCorpus, HostileCase } from './corpus';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const rssReport = path.join(root, 'test', 'hostile', 'rss-report.js');
/** Peak memory a run may take: the engine's limits keep every case far below what it took before (up to 2.5 GB). */
const MAX_RSS_MB = 400;

let tmp: string;
let corpus: Awaited<ReturnType<typeof buildHostileCorpus>>;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-hostile-'));
  corpus = await buildHostileCorpus(tmp);
});
after(() => { corpus?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

function run(args: string[], input?: string) {
  // the timeout only guards against a hang (the FIFO case once blocked for good); it is not a speed check
  const r = cp.spawnSync(process.execPath, ['--require', rssReport, cli, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024, input });
  const m = /RG_MAX_RSS_KB=(\d+)\s*$/.exec(r.stderr ?? '');
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: (r.stderr ?? '').replace(/\s*RG_MAX_RSS_KB=\d+\s*$/, ''), rssMb: m ? Number(m[1]) / 1024 : NaN };
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /^\s+at .+\(.*:\d+:\d+\)$/m, `stack trace on stderr:\n${stderr.slice(0, 2000)}`);
}

test('every hostile file: exit 0/1, JSON, the expected finding, no stack trace, bounded memory', async t => {
  for (const c of corpus.cases) {
    await t.test(c.name, () => check(c));
  }
});

function check(c: HostileCase): void {
  const r = run(['lint', '--format', 'json', c.file]);
  assert.equal(r.signal, null, `${c.name}: killed by ${r.signal}`);
  assert.ok(r.status === 0 || r.status === 1, `${c.name}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  assertNoStackTrace(r.stderr);
  const json = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> };
  const diagnostics = json.files[0].diagnostics;
  if (c.expect) {
    const { code, message } = c.expect;
    assert.ok(diagnostics.some(d => d.code === code && message.test(d.message)),
      `${c.name}: no ${code} matching ${message}; got ${diagnostics.filter(d => !d.code.startsWith('RG3')).map(d => `${d.code} ${d.message.slice(0, 120)}`).join('\n') || 'only rule findings'}`);
  }
  assert.ok(diagnostics.length <= 10_001, `${c.name}: ${diagnostics.length} findings`);
  assert.ok(r.rssMb < MAX_RSS_MB, `${c.name}: peak memory ${Math.round(r.rssMb)} MB`);
}

// a directory is read for its config files (bounded, FIFOs in it noted and never opened): test/unit/cli-deployment.test.ts
test('a FIFO or a device named on the command line: exit 2 and one line, nothing opened for reading', () => {
  for (const p of [path.join(tmp, 'pipe.fifo'), '/dev/zero']) {
    const r = run(['lint', p]);
    assert.equal(r.status, 2, `${p}: exit ${r.status}`);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], /^redis-guard: cannot read .*: it is (a FIFO|a device)/);
  }
});

test('standard input is read up to a bound: a 50 MB stream is reported as too large, not held whole', () => {
  const r = run(['lint', '--format', 'json', '-'], 'maxclients 100\n'.repeat(3_500_000));
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string; message: string }> }> };
  assert.ok(json.files[0].diagnostics.some(d => d.code === 'RG205' && /larger than the 4 MB/.test(d.message)));
  assert.ok(r.rssMb < MAX_RSS_MB, `peak memory ${Math.round(r.rssMb)} MB`);
});

test('a reader that closes the pipe early ends the output without a stack trace', () => {
  const file = corpus.cases.find(c => c.name === '130,000 findings')!.file;
  const r = cp.spawnSync('bash', ['-c', `"${process.execPath}" "${cli}" lint "${file}" | head -c 100 >/dev/null; exit \${PIPESTATUS[0]}`], { encoding: 'utf8', timeout: 120_000 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.equal(r.stderr, '');
});
