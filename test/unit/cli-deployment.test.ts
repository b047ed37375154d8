/**
 * `redis-guard lint` over deployments: the examples exactly (every broken variant reports its
 * rule(s) and nothing else, the clean deployments nothing at all), related places in the three
 * formats, explicit file lists, manifests, and directories that are too large or hold FIFOs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, runCli, hasStackTrace } from '../helpers/run-cli';

interface JsonFile { path: string; diagnostics: Array<{ code: string; severity: string; line: number; related?: Array<{ path: string; line: number; message: string }> }> }

/** Codes of every file with findings, by path. */
function codesByFile(out: string): Record<string, string[]> {
  const files = (JSON.parse(out) as { files: JsonFile[] }).files;
  const map: Record<string, string[]> = {};
  for (const f of files) if (f.diagnostics.length) map[f.path] = [...new Set(f.diagnostics.map(d => d.code))].sort();
  return map;
}

const S = 'examples/sentinel-deployment/broken';
const EXPECTED: Record<string, string[]> = {
  'examples/cluster-deployment/broken/ports/redis-7002.conf': ['RG408'],
  'examples/cluster-deployment/broken/ports/redis-7005.conf': ['RG408'],
  [`${S}/announce-inconsistent/redis-primary.conf`]: ['RG407'],
  [`${S}/announce-inconsistent/redis-replica-2.conf`]: ['RG407'],
  [`${S}/failover-writable-replica/redis-primary.conf`]: ['RG351', 'RG403'],
  [`${S}/min-replicas-unreachable/redis-primary.conf`]: ['RG411'],
  [`${S}/port-clash/redis-replica-2.conf`]: ['RG408'],
  [`${S}/primary-without-persistence/redis-primary.conf`]: ['RG322', 'RG410'],
  [`${S}/rename-mismatch/redis-replica-1.conf`]: ['RG312', 'RG402'],
  [`${S}/replica-auth-mismatch/redis-replica-1.conf`]: ['RG401'],
  [`${S}/sentinel-auth-mismatch/sentinel-1.conf`]: ['RG406'],
  [`${S}/sentinel-monitor-target/sentinel-2.conf`]: ['RG404'],
  [`${S}/sentinel-quorum-count/sentinel-1.conf`]: ['RG405'],
  [`${S}/sentinel-quorum-count/sentinel-2.conf`]: ['RG405'],
  [`${S}/sentinel-quorum-count/sentinel-3.conf`]: ['RG405'],
  [`${S}/tls-mixed/redis-primary.conf`]: ['RG121', 'RG308'],
  [`${S}/tls-mixed/redis-replica-1.conf`]: ['RG409'],
  [`${S}/tls-mixed/redis-replica-2.conf`]: ['RG409'],
  [`${S}/tls-mixed/sentinel-1.conf`]: ['RG409'],
  [`${S}/tls-mixed/sentinel-2.conf`]: ['RG409'],
  [`${S}/tls-mixed/sentinel-3.conf`]: ['RG409'],
};

function cliIn(cwd: string, args: string[]) {
  try {
    return { code: 0, out: execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout, err: err.stderr };
  }
}

test('lint examples/: each broken variant reports exactly its rule(s), the clean deployments nothing', () => {
  const r = cliIn(ROOT, ['lint', 'examples/', '--format', 'json']);
  assert.equal(r.code, 1);
  const got = codesByFile(r.out);
  delete got['examples/memurai.conf']; // the seed, with its own findings (test/unit/cli.test.ts)
  assert.deepEqual(got, EXPECTED);
  // every cross-file rule is shown by some variant
  const shown = new Set(Object.values(got).flat());
  for (let n = 401; n <= 411; n++) assert.ok(shown.has(`RG${n}`), `RG${n} has a broken variant`);
  // the seed gets no cross-file finding: it belongs to no deployment
  assert.ok(!codesByFile(r.out)['examples/memurai.conf'].some(c => c.startsWith('RG4')));
});

test('lint of a clean deployment folder: no finding at all, exit 0', () => {
  for (const dir of ['examples/sentinel-deployment/redis-guard.json', 'examples/cluster-deployment/redis-7000.conf'].map(p => path.dirname(p))) {
    const files = fs.readdirSync(path.join(ROOT, dir)).filter(n => n.endsWith('.conf')).map(n => path.join(dir, n));
    const r = cliIn(ROOT, ['lint', ...files]);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /0 error\(s\) \(0 the server would refuse to start with\), 0 warning\(s\), 0 note\(s\)\./);
  }
});

test('text output lists the related places under a cross-file finding; JSON has related; SARIF relatedLocations', () => {
  const dir = `${S}/replica-auth-mismatch`;
  const text = cliIn(ROOT, ['lint', dir]);
  assert.equal(text.code, 1);
  assert.match(text.out, new RegExp(`^${dir}/redis-replica-1\\.conf:\\d+:\\d+: error RG401 .*\\n    ${dir}/redis-primary\\.conf:23:1: `, 'm'));
  const json = JSON.parse(cliIn(ROOT, ['lint', dir, '--format', 'json']).out) as { files: JsonFile[] };
  const d = json.files.find(f => f.path.endsWith('redis-replica-1.conf'))!.diagnostics.find(x => x.code === 'RG401')!;
  assert.deepEqual(d.related!.map(x => [path.relative(ROOT, x.path), x.line]), [[`${dir}/redis-primary.conf`, 23]]);
  const sarif = JSON.parse(cliIn(ROOT, ['lint', dir, '--format', 'sarif']).out) as { runs: Array<{ results: Array<{ ruleId: string; relatedLocations?: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }> }> };
  const res = sarif.runs[0].results.find(x => x.ruleId === 'RG401')!;
  assert.deepEqual(res.relatedLocations!.map(l => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine]), [[`${dir}/redis-primary.conf`, 23]]);
});

test('lint a.conf b.conf: files named one by one are grouped too', () => {
  const dir = `${S}/sentinel-quorum-count`;
  const r = cliIn(ROOT, ['lint', '--format', 'json', ...['redis-primary.conf', 'sentinel-1.conf', 'sentinel-2.conf'].map(n => `${dir}/${n}`)]);
  const got = codesByFile(r.out);
  // two Sentinels given: quorum 4 is still above them
  assert.deepEqual(got, { [`${dir}/sentinel-1.conf`]: ['RG405'], [`${dir}/sentinel-2.conf`]: ['RG405'] });
});

test('a manifest that is not JSON, or names a missing file, is reported on the manifest (RG400)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-manifest-'));
  try {
    for (const n of ['redis-primary.conf', 'redis-replica-1.conf']) fs.copyFileSync(path.join(ROOT, 'examples/sentinel-deployment', n), path.join(tmp, n));
    fs.writeFileSync(path.join(tmp, 'redis-guard.json'), '{ "members": [ { "file": "redis-primary.conf" }, { "file": "replica-9.conf" } ] }');
    let r = cliIn(tmp, ['lint', '.', '--format', 'json']);
    const manifest = (JSON.parse(r.out) as { files: JsonFile[] }).files.find(f => f.path.endsWith('redis-guard.json'))!;
    assert.deepEqual(manifest.diagnostics.map(d => d.code), ['RG400']);
    fs.writeFileSync(path.join(tmp, 'redis-guard.json'), '{ "members": [');
    r = cliIn(tmp, ['lint', '.', '--format', 'json']);
    assert.match(r.out, /not valid JSON/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('hostile directories: 10,000 config files are bounded with a clear note, a FIFO is never opened', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-manyconf-'));
  try {
    for (let i = 0; i < 10_000; i++) fs.writeFileSync(path.join(tmp, `f${i}.conf`), 'port 7000\nreplicaof 127.0.0.1 7001\n');
    execFileSync('mkfifo', [path.join(tmp, 'a-fifo.conf')]);
    const r = await runCli(['lint', tmp, '--format', 'json']);
    assert.ok(!hasStackTrace(r.err), r.err);
    const files = (JSON.parse(r.out) as { files: JsonFile[] }).files;
    const notes = files.filter(f => f.diagnostics.some(d => d.code === 'RG205'));
    assert.ok(notes.some(f => f.path === tmp), 'the directory itself says not every file was checked');
    assert.ok(files.length <= 1000 + 2, `${files.length} results`);
    const fifo = files.find(f => f.path.endsWith('a-fifo.conf'))!.diagnostics as unknown as Array<{ code: string; message: string }>;
    assert.deepEqual(fifo.map(d => d.code), ['RG205']);
    assert.match(fifo[0].message, /a FIFO \(named pipe\), not a regular file: it was not read/);
    assert.ok(r.maxRssMb < 400, `${r.maxRssMb} MB`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
