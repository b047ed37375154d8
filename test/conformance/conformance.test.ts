/**
 * Conformance: the engine's verdict on every corpus file must equal the real server's verdict
 * (starts / refused at line N / refused at start-up), for every server build that
 * scripts/fetch-servers.sh provides (test/helpers/servers.ts), each against its own target.
 *
 * Environment switches:
 *   CONFORMANCE_DUMP=<dir>      write every case (as probed) under <dir>/<build>/cases/<name>/redis.conf plus
 *                               <dir>/<build>/verdicts.json with the server verdicts. When <dir>/verdicts.json
 *                               already holds a verdict for the same case (same hash), the server is
 *                               not run again: the engine author can iterate without re-probing.
 *   CONFORMANCE_REPROBE=1       with CONFORMANCE_DUMP: ignore the stored verdicts and probe again.
 *   CONFORMANCE_FILTER=<regex>  only cases whose name matches.
 *   CONFORMANCE_CONCURRENCY=<n> servers at once (default 3).
 *   CONFORMANCE_ENGINE_PLAIN=1  call the engine with only { server, filePath } (see engineOptions).
 *   CONFORMANCE_BUILDS=<regex>  only builds whose id matches (e.g. "system").
 * Without CONFORMANCE_DUMP nothing is cached: every run probes every case.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText, verdictOf, type Finding, type LintOptions, type Verdict } from '../../server/src/engine/lint';
import { freePort, probeConfig, type ServerVerdict } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf, type ServerBuild } from '../helpers/servers';
import { generateCorpus, substitute, type CorpusCase } from './corpus';

export const CONFIG_NAME = 'redis.conf';

export interface CaseResult {
  case: CorpusCase;
  /** Absolute path of the config file as probed (may be deleted after the run unless dumped). */
  file: string;
  /** The exact text the server read. */
  text: string;
  server: ServerVerdict;
  /** Command-line arguments the harness appended after the file (`--port`, `--logfile ""`, ...). */
  args: string[];
  /** True when the verdict came from a CONFORMANCE_DUMP verdicts.json instead of a fresh probe. */
  reused: boolean;
}

/** Temp roots of non-dump runs; removed by removeTempRoots() once the engine has linted the cases. */
const tempRoots: string[] = [];
export function removeTempRoots(): void {
  for (const r of tempRoots.splice(0)) rmSync(r, { recursive: true, force: true });
}
process.on('exit', removeTempRoots);

export interface ProbeCorpusOptions {
  concurrency?: number;
  /** Keep the case files (and write verdicts.json) under this directory. */
  dumpDir?: string;
  /** With dumpDir: reuse verdicts stored in dumpDir/verdicts.json when the case hash matches. */
  reuse?: boolean;
  /** The server build to probe (default: the system's redis-server). */
  build?: ServerBuild;
  timeoutMs?: number;
  onResult?: (r: CaseResult, done: number, total: number) => void;
}

/** Identity of a case for the dump cache: template text, extra files and flags. */
export function caseHash(c: CorpusCase): string {
  return createHash('sha256').update(JSON.stringify([c.text, c.files ?? {}, !!c.keepLogfile])).digest('hex').slice(0, 32);
}

export function caseDirName(name: string): string {
  return name.replace(/\//g, '__');
}

interface DumpFile {
  server: string;
  generated: string;
  cases: Record<string, { dir: string; file: string; hash: string; args: string[]; server: ServerVerdict }>;
}

async function writeCase(c: CorpusCase, dir: string): Promise<{ file: string; text: string }> {
  const vars = { DIR: dir, FREEPORT: /\{\{FREEPORT\}\}/.test(c.text) ? await freePort() : 0 };
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, substitute(content, vars), 'utf8');
  }
  const text = substitute(c.text, vars);
  const file = path.join(dir, CONFIG_NAME);
  // written as UTF-8: '\uFEFF' becomes the 3-byte BOM, 'ä' two bytes, '\0' a NUL byte
  writeFileSync(file, text, 'utf8');
  return { file, text };
}

/** Removes whatever the server created in a dumped case dir, keeping the case's own files. */
function cleanArtifacts(dir: string, c: CorpusCase): void {
  const keep = new Set([CONFIG_NAME, ...Object.keys(c.files ?? {}).map(f => f.split('/')[0])]);
  for (const e of readdirSync(dir)) if (!keep.has(e)) rmSync(path.join(dir, e), { recursive: true, force: true });
}

/** Probes every case with the real server, a few at a time. */
export async function probeCorpus(cases: CorpusCase[], opts: ProbeCorpusOptions = {}): Promise<CaseResult[]> {
  const concurrency = opts.concurrency ?? 3;
  const results: CaseResult[] = new Array(cases.length);
  let stored: DumpFile | undefined;
  if (opts.dumpDir) {
    mkdirSync(path.join(opts.dumpDir, 'cases'), { recursive: true });
    const vj = path.join(opts.dumpDir, 'verdicts.json');
    if (opts.reuse && existsSync(vj)) {
      try { stored = JSON.parse(readFileSync(vj, 'utf8')) as DumpFile; } catch { stored = undefined; }
    }
  }
  // without dumpDir: one temp root for the whole run, removed at the end (the engine may read the
  // case files, e.g. include targets, after the probe, so they must outlive it)
  const root = opts.dumpDir ? path.join(path.resolve(opts.dumpDir), 'cases') : mkdtempSync(path.join(os.tmpdir(), 'rg-conformance-'));
  if (!opts.dumpDir) tempRoots.push(root);
  let next = 0, done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= cases.length) return;
      const c = cases[i];
      const hash = caseHash(c);
      const dir = path.join(root, caseDirName(c.name));
      let r: CaseResult;
      const prev = stored?.cases[c.name];
      if (prev && prev.hash === hash && existsSync(path.join(dir, CONFIG_NAME))) {
        const file = path.join(dir, CONFIG_NAME);
        r = { case: c, file, text: readFileSync(file).toString('utf8'), server: prev.server, args: prev.args ?? [], reused: true };
      } else {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        try {
          const { file, text } = await writeCase(c, dir);
          let args: string[] = [];
          const server = await probeConfig(file, { cwd: dir, keepLogfile: c.keepLogfile, timeoutMs: opts.timeoutMs, binary: opts.build?.server, onArgs: a => { args = a; } });
          r = { case: c, file, text, server, args, reused: false };
        } finally {
          cleanArtifacts(dir, c);
        }
      }
      results[i] = r;
      done++;
      opts.onResult?.(r, done, cases.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (opts.dumpDir) {
    const out: DumpFile = { server: opts.build?.id ?? 'redis-server (system)', generated: new Date().toISOString(), cases: {} };
    for (const r of results) {
      out.cases[r.case.name] = { dir: path.dirname(r.file), file: r.file, hash: caseHash(r.case), args: r.args, server: r.server };
    }
    writeFileSync(path.join(opts.dumpDir, 'verdicts.json'), JSON.stringify(out, null, 1));
  }
  return results;
}

export function describeServer(v: ServerVerdict): string {
  switch (v.kind) {
    case 'starts': return 'starts';
    case 'refused': return `refused@${v.line}: ${v.message}`;
    case 'refused-startup': return `refused-startup: ${v.message}`;
    case 'timeout': return `TIMEOUT (harness failure): ${v.output.slice(-200).replace(/\s+/g, ' ')}`;
  }
}

export function describeEngine(v: Verdict | { kind: 'error'; message: string }, findings: Finding[]): string {
  const firstFatal = findings.filter(f => f.fatal).sort((a, b) => a.line - b.line)[0];
  const msg = firstFatal ? `: ${firstFatal.message}` : '';
  switch (v.kind) {
    case 'starts': return 'starts';
    case 'refused': return `refused@${v.line}${msg}`;
    case 'refused-startup': return `refused-startup${msg}`;
    case 'error': return `ENGINE THREW: ${v.message}`;
  }
}

/**
 * Options for the engine: the target, the file's path, and what the harness did to the server:
 * it ran on this machine (hostChecks: missing dirs/files/modules are fatal) with these
 * command-line arguments appended (extraArgs: --port, --logfile "", --dir, ...).
 * CONFORMANCE_ENGINE_PLAIN=1 passes only { server, filePath }.
 */
export function engineOptions(r: CaseResult, target: string, build?: LintOptions['build']): LintOptions {
  if (process.env.CONFORMANCE_ENGINE_PLAIN === '1') return { server: target, filePath: r.file, profile: false };
  return { server: target, filePath: r.file, hostChecks: true, extraArgs: r.args, build, profile: false };
}

/**
 * Build features of a server, asked of the server itself: whether it was compiled with
 * active defragmentation (Debian's packages are not).
 */
async function probeBuild(binary: string): Promise<NonNullable<LintOptions['build']>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-build-'));
  try {
    const file = path.join(dir, 'redis.conf');
    writeFileSync(file, 'activedefrag yes\n');
    const v = await probeConfig(file, { cwd: dir, binary });
    return { activeDefrag: v.kind === 'starts' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function agree(server: ServerVerdict, engine: Verdict): boolean {
  if (server.kind === 'timeout') return false;
  if (server.kind !== engine.kind) return false;
  return server.kind !== 'refused' || (engine.kind === 'refused' && engine.line === server.line);
}

function clip(s: string, n: number): string {
  const one = s.replace(/[\r\n\t]+/g, ' ').replace(/[\0-\x1f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

export function summarize(results: CaseResult[]): Record<string, number> {
  const counts: Record<string, number> = { starts: 0, refused: 0, 'refused-startup': 0, timeout: 0 };
  for (const r of results) counts[r.server.kind]++;
  return counts;
}

const buildFilter = process.env.CONFORMANCE_BUILDS ? new RegExp(process.env.CONFORMANCE_BUILDS) : undefined;
const builds = serverBuilds().filter(b => !buildFilter || buildFilter.test(b.id));

test('every server build the corpus runs against is there', () => {
  assert.equal(buildFilter ? undefined : missingBuilds(), undefined);
  assert.ok(builds.length > 0, 'no server build to check against');
});

for (const server of builds) {
  const target = targetOf(server);
  test(`engine verdicts agree with ${server.id} (${target}) on the whole corpus`, { timeout: 15 * 60_000 }, t => agreeOnCorpus(t, server, target));
}

async function agreeOnCorpus(t: import('node:test').TestContext, server: ServerBuild, target: string): Promise<void> {
  const filter = process.env.CONFORMANCE_FILTER ? new RegExp(process.env.CONFORMANCE_FILTER) : undefined;
  const cases = generateCorpus().filter(c => !filter || filter.test(c.name));
  assert.ok(filter || cases.length >= 600, `corpus has only ${cases.length} cases`);
  const dumpDir = process.env.CONFORMANCE_DUMP ? path.join(process.env.CONFORMANCE_DUMP, server.id) : undefined;
  const started = Date.now();
  const results = await probeCorpus(cases, {
    concurrency: Number(process.env.CONFORMANCE_CONCURRENCY) || 3,
    dumpDir,
    reuse: !!dumpDir && process.env.CONFORMANCE_REPROBE !== '1',
    build: server,
  });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const counts = summarize(results);
  const reused = results.filter(r => r.reused).length;
  const summary = `${results.length} cases in ${secs}s (${reused} verdicts reused from dump): ` +
    Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(', ');
  t.diagnostic(summary);
  console.log(`[conformance] ${summary}`);

  const build = await probeBuild(server.server);
  t.diagnostic(`server build: active defrag ${build.activeDefrag ? 'supported' : 'not supported'}`);
  const rows: string[][] = [];
  const timeouts: string[] = [];
  for (const r of results) {
    let findings: Finding[] = [];
    let engine: Verdict | { kind: 'error'; message: string };
    try {
      findings = lintText(r.text, engineOptions(r, target, build));
      engine = verdictOf(findings);
    } catch (e) {
      engine = { kind: 'error', message: (e as Error).message };
    }
    if (r.server.kind === 'timeout') timeouts.push(r.case.name);
    if (engine.kind === 'error' || !agree(r.server, engine)) {
      rows.push([r.case.name, clip(describeServer(r.server), 90), clip(describeEngine(engine, findings), 90)]);
    }
  }
  removeTempRoots();
  if (rows.length) {
    const head = ['case', server.id, `engine (${target})`];
    const w = head.map((h, i) => Math.min(90, Math.max(h.length, ...rows.map(r => r[i].length))));
    const fmt = (r: string[]) => r.map((c, i) => c.padEnd(w[i])).join(' | ');
    const table = [fmt(head), w.map(n => '-'.repeat(n)).join('-+-'), ...rows.map(fmt)].join('\n');
    assert.fail(`${rows.length} of ${results.length} cases disagree` +
      (timeouts.length ? ` (${timeouts.length} server TIMEOUTS = harness failures: ${timeouts.join(', ')})` : '') +
      `\n${table}\n`);
  }
}
