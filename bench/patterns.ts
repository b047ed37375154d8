/**
 * Key-pattern analysis of a seeded keyspace (1 000 000 keys in 8 families; smoke: 5 000),
 * measured in one run against a floor and a peer on the same throw-away server:
 *
 *   floor     a bare `SCAN cursor COUNT 1000` loop doing nothing else, on the same fast
 *             transport the scanner uses (openScanConnection, server/src/live/redis/resp.ts);
 *             also over ioredis, for reference
 *   analysis  scanPatterns() with counts, types and TTLs (sampleEvery 0), full scan, no budgets;
 *             the inferred patterns must be exactly the 8 families with exact counts
 *   memory    the same with MEMORY USAGE sampling at the product defaults
 *             (sampleEvery 20, memorySamples 0 = exact, like RedisInsight and redis-cli)
 *   transport both analyses again over the product's read-only ioredis connection
 *             (openStandalone(…).client, heartbeat off), each paired in the same round with
 *             its run over openScanConnection; wall time and this process's CPU
 *             (process.cpuUsage) per run, and the ioredis / own ratios per round
 *   peer      `redis-cli --memkeys` (MEMORY USAGE of every key), and `redis-cli --scan`
 *   impact    redis-benchmark GET p99 latency alone, and while analyses run back to back
 *             (beside: while bare SCAN loops run, and while redis-cli --memkeys runs)
 *
 * Timed items run interleaved (one round = every item once), after one warm-up round, so
 * that a background disturbance hits all of them alike. Ratios use medians.
 * Targets (ratios only; absolute times are reported beside, never asserted):
 *   analysis / floor <= 2, memkeys / memory analysis >= 5, p99 GET latency increase <= 1 ms.
 *   The own transport "wins clearly" over ioredis when, for both analyses, the median over
 *   the rounds of (ioredis client CPU / own client CPU) is >= 1.5 AND the median of
 *   (ioredis wall / own wall) is >= 1.0 (the own transport is not slower).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as inspector from 'node:inspector';
import * as os from 'node:os';
import Redis from 'ioredis';
import { startRedis, RunningRedis, REDIS_CLI } from '../test/helpers/redis-server';
import { scanPatterns, ScanOptions, ScanResult } from '../server/src/live/patterns/scan';
import { openScanConnection } from '../server/src/live/redis/resp';
import { openStandalone, Live } from '../server/src/live/redis/connection';
import { PatternIndex, PatternStats } from '../server/src/live/patterns/infer';
import { ReadOnlyClient } from '../server/src/live/redis/allowlist';
import { expectedFamilies, seedKeys } from './seed-keys';
import { summarise, Stats } from './stats';

const REDIS_BENCHMARK = process.env.REDIS_BENCHMARK_BIN || 'redis-benchmark';

export interface PatternCheck {
  /** Exactly the 8 families, exact counts, types, TTL shares and TTL ranges, complete and not approximate. */
  pass: boolean;
  /** What differed (empty when pass). */
  mismatches: string[];
  /** Analysis runs checked: every run of the analysis items, both transports (warm-up, timed, breakdown, profile). */
  runsChecked: number;
}

export interface ImpactRun { rps: number; p50Ms: number; p99Ms: number; maxMs: number }

export interface ImpactCondition {
  runs: ImpactRun[];
  /** Medians over the runs. */
  p99Ms: number;
  rps: number;
  /** p99Ms - the p99 alone, ms. */
  p99DeltaMs: number;
  /**
   * Commands that took over 1 ms inside the server during these runs (SLOWLOG, threshold
   * 1000 us), by command. An O(1) command (GET, TYPE, PTTL) there means the server process
   * lost its CPU in the middle of it.
   */
  slowCommands: Record<string, number>;
}

export interface PatternsImpact {
  /** redis-benchmark -t get -c <clients> -n <requests> --csv */
  requests: number;
  clients: number;
  /** Runs per condition; the conditions alternate (alone, floor, analysis, memkeys, alone, …). */
  runs: number;
  alone: ImpactCondition;
  /** While bare SCAN COUNT 1000 loops run back to back (the floor's own impact). */
  underFloor: ImpactCondition;
  /** While full analyses (memory options, no budgets) run back to back. The target is on this one. */
  underAnalysis: ImpactCondition;
  /** While `redis-cli --memkeys` runs (the peer). */
  underMemkeys: ImpactCondition;
  /** Analyses started / completed while the benchmarks ran (an analysis outlasting a benchmark is aborted). */
  analysesStarted: number;
  analysesCompleted: number;
}

/** Where the time of one run goes (measured in a separate, untimed run of each item). */
export interface CostBreakdown {
  wallMs: number;
  /** CPU of this Node process (user + system) during the run. */
  clientCpuMs: number;
  /** CPU of the redis-server process during the run (/proc/<pid>/stat, 10 ms ticks). */
  serverCpuMs: number;
  /** Server time inside commands, from INFO commandstats deltas (usec / 1000), by command. */
  serverCommandMs: Record<string, number>;
  /** Commands executed, from INFO commandstats deltas. */
  commands: Record<string, number>;
}

export interface ProfileEntry { fn: string; selfMs: number; pct: number }

/** One timed run: wall time, and the CPU (user + system) of this Node process during it. */
export interface TransportRun { wallMs: number; clientCpuMs: number }

/** The same analysis over the own transport and over ioredis, paired round by round. */
export interface TransportPair {
  /** Over openScanConnection (RespConnection), one entry per timed round. */
  own: TransportRun[];
  /** Over openStandalone(…).client (ioredis behind the allowlist), one entry per timed round. */
  ioredis: TransportRun[];
  /** Medians of the runs above. */
  ownWallMs: number; ownCpuMs: number; ioredisWallMs: number; ioredisCpuMs: number;
  /** Per round ioredis / own (the two runs of a round are next to each other in time). */
  roundRatios: Array<{ wall: number; cpu: number }>;
  /** Medians of roundRatios: > 1 means ioredis takes longer / uses more client CPU. */
  wallRatio: number;
  cpuRatio: number;
}

export interface PatternsResult {
  smoke: boolean;
  keys: number;
  /** Timed repetitions per item (after one warm-up). p99 of fewer than 100 runs is the maximum. */
  runs: number;
  seed: { ms: number; commands: number };
  /** Bare SCAN COUNT 1000 loop: on openScanConnection (the scanner's transport), and on ioredis. */
  floor: Stats;
  floorIoredis: Stats;
  /** scanPatterns, sampleEvery 0 (counts, types, TTLs), no budgets. */
  analysis: Stats;
  /** scanPatterns with memory sampling. */
  analysisWithMemory: Stats;
  /** The same two analyses over the product's ioredis connection (openStandalone(…).client). */
  analysisIoredis: Stats;
  analysisWithMemoryIoredis: Stats;
  /** Own transport vs. ioredis: wall and client CPU per run, and their ratios. */
  transport: {
    analysis: TransportPair;
    analysisWithMemory: TransportPair;
    /** Both pairs: cpuRatio >= 1.5 and wallRatio >= 1 (see the file comment). */
    ownWinsClearly: boolean;
  };
  memoryOptions: { sampleEvery: number; memorySamples: number };
  /** Keys that got a MEMORY USAGE in the memory analysis (sum of `sampled`). */
  sampledKeys: number;
  /** redis-cli --memkeys and redis-cli --scan wall times (output discarded / counted). */
  memkeys: Stats;
  cliScan: Stats;
  /** Keys redis-cli reported ("Sampled N keys") / printed. */
  memkeysKeys: number;
  cliScanKeys: number;
  check: PatternCheck;
  /** The patterns of the last analysis run (for the report). */
  patterns: Array<Pick<PatternStats, 'pattern' | 'count' | 'types' | 'withTtl' | 'ttlMin' | 'ttlMax'>>;
  ratios: {
    /** analysis.median / floor.median, target <= 2 */
    analysisOverFloor: number;
    /** analysisWithMemory.median / floor.median */
    memoryOverFloor: number;
    /** memkeys.median / analysisWithMemory.median, target >= 5 */
    memkeysOverMemory: number;
    /** floorIoredis.median / floor.median */
    ioredisFloorOverFloor: number;
  };
  targets: { analysisOverFloor: boolean; memkeysOverMemory: boolean; impactP99: boolean };
  impact: PatternsImpact;
  breakdown: { floor: CostBreakdown; analysis: CostBreakdown; analysisWithMemory: CostBreakdown;
    /** The analysis over the ioredis connection. */
    analysisIoredis: CostBreakdown;
    /** PatternIndex.add over the same key names in memory + patterns(), no I/O. */
    inferenceOnlyMs: number };
  /** Top self-time functions of one analysis run (in-process V8 sampling profiler). */
  profile: ProfileEntry[];
  /** The same profile summed by area (see AREAS in bench/patterns.ts), ms and % of the run. */
  profileByArea: ProfileEntry[];
  /** os.loadavg() at start and end: other work on the machine. */
  loadavg: { start: number[]; end: number[] };
  totalMs: number;
}

// ---------------------------------------------------------------------------
// child processes (killed on error)

const children = new Set<ChildProcess>();

interface Ran { ms: number; code: number | null; out: string; lines: number }

/**
 * Runs a command to completion and times it from spawn to exit. stdout is either
 * captured (small outputs) or only counted in lines (large outputs).
 */
function run(cmd: string, args: string[], stdout: 'capture' | 'count' = 'capture', signal?: AbortSignal): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let out = '', err = '', lines = 0;
    child.stdout!.on('data', (d: Buffer) => {
      if (stdout === 'capture') out += d;
      else for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr!.on('data', (d: Buffer) => { err += d; });
    const onAbort = () => child.kill('SIGKILL');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', e => { children.delete(child); reject(e); });
    child.once('close', code => {
      children.delete(child);
      signal?.removeEventListener('abort', onAbort);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${(err + out).slice(-1000)}`));
      else resolve({ ms, code, out, lines });
    });
  });
}

function killChildren(): void {
  for (const c of children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
  children.clear();
}

// ---------------------------------------------------------------------------
// the timed items

/** The floor: SCAN cursor COUNT 1000 until the cursor is 0; returns the number of keys returned. */
async function bareScan(call: (argv: string[]) => Promise<unknown>, signal?: AbortSignal): Promise<number> {
  let cursor = '0', keys = 0;
  do {
    if (signal?.aborted) break;
    const [next, batch] = await call(['SCAN', cursor, 'COUNT', '1000']) as [string, string[]];
    cursor = String(next);
    keys += batch.length;
  } while (cursor !== '0');
  return keys;
}

const FULL: ScanOptions = { keyBudget: Infinity, timeBudgetMs: 3_600_000 };
const MEMORY = { sampleEvery: 20, memorySamples: 0 };

/** Compares a scan result with the seeded families. */
function checkResult(r: ScanResult, total: number, seededAt: number): string[] {
  const bad: string[] = [];
  if (!r.complete || r.approximate || r.stoppedBy !== 'done') bad.push(`complete=${r.complete} approximate=${r.approximate} stoppedBy=${r.stoppedBy}`);
  if (r.scanned !== total) bad.push(`scanned ${r.scanned}, expected ${total}`);
  const want = expectedFamilies(total);
  const got = new Map(r.patterns.map(p => [p.pattern, p]));
  const names = [...got.keys()].sort().join(', ');
  const wantNames = want.map(f => f.pattern).sort().join(', ');
  if (names !== wantNames) bad.push(`patterns [${names}], expected [${wantNames}]`);
  // TTLs seen must lie between (ttl - time since seeding started - slack) and ttl
  const aged = Date.now() - seededAt + 2000;
  for (const f of want) {
    const s = got.get(f.pattern);
    if (!s) continue;
    if (s.count !== f.count) bad.push(`${f.pattern}: count ${s.count}, expected ${f.count}`);
    if (JSON.stringify(s.types) !== JSON.stringify({ [f.type]: f.count })) bad.push(`${f.pattern}: types ${JSON.stringify(s.types)}, expected ${f.type} x ${f.count}`);
    if (s.withTtl !== f.withTtl) bad.push(`${f.pattern}: ${s.withTtl} with TTL, expected ${f.withTtl}`);
    if (f.ttlSec) {
      if (!(s.ttlMax! <= f.ttlSec * 1000 && s.ttlMin! >= f.ttlSec * 1000 - aged)) bad.push(`${f.pattern}: TTL ${s.ttlMin}..${s.ttlMax} ms, expected within ${f.ttlSec * 1000 - aged}..${f.ttlSec * 1000}`);
    } else if (s.ttlMax !== undefined) bad.push(`${f.pattern}: has TTLs, expected none`);
  }
  return bad;
}

interface Item {
  name: string;
  fn: () => Promise<void>;
  samples: number[];
  /** Client CPU (ms) of each timed run. */
  cpu: number[];
  /** Items with the same pair name take turns in the order of a round (swapped every other round). */
  pair?: string;
}

/** Runs fn once; wall time and this process's CPU during it, ms. */
async function timeRun(fn: () => Promise<unknown>): Promise<TransportRun> {
  const cpu0 = process.cpuUsage();
  const t = process.hrtime.bigint();
  await fn();
  const wallMs = Number(process.hrtime.bigint() - t) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return { wallMs, clientCpuMs: (cpu.user + cpu.system) / 1000 };
}

const median = (xs: number[]) => summarise(xs).median;

function transportPair(own: Item, io: Item): TransportPair {
  const runsOf = (it: Item) => it.samples.map((wallMs, i) => ({ wallMs, clientCpuMs: it.cpu[i] }));
  const roundRatios = own.samples.map((w, i) => ({ wall: io.samples[i] / w, cpu: io.cpu[i] / own.cpu[i] }));
  return {
    own: runsOf(own), ioredis: runsOf(io),
    ownWallMs: median(own.samples), ownCpuMs: median(own.cpu), ioredisWallMs: median(io.samples), ioredisCpuMs: median(io.cpu),
    roundRatios,
    wallRatio: median(roundRatios.map(r => r.wall)),
    cpuRatio: median(roundRatios.map(r => r.cpu)),
  };
}

// ---------------------------------------------------------------------------
// breakdown and profile

function procCpuMs(pid: number): number {
  // fields after the ")" of comm: state is field 3; utime, stime are fields 14, 15
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

async function commandstats(obs: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const text = String(await obs.call('INFO', 'commandstats'));
  const out = new Map<string, { calls: number; usec: number }>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) out.set(m[1], { calls: Number(m[2]), usec: Number(m[3]) });
  return out;
}

async function measureCost(fn: () => Promise<unknown>, serverPid: number, obs: Redis): Promise<CostBreakdown> {
  const before = await commandstats(obs);
  const cpu0 = process.cpuUsage();
  const s0 = procCpuMs(serverPid);
  const t0 = process.hrtime.bigint();
  await fn();
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  const serverCpuMs = procCpuMs(serverPid) - s0;
  const after = await commandstats(obs);
  const serverCommandMs: Record<string, number> = {};
  const commands: Record<string, number> = {};
  for (const [name, a] of after) {
    const b = before.get(name) ?? { calls: 0, usec: 0 };
    let calls = a.calls - b.calls;
    if (name === 'info') calls -= 1; // the `before` INFO of this observer
    if (calls <= 0) continue;
    commands[name] = calls;
    serverCommandMs[name] = (a.usec - b.usec) / 1000;
  }
  return { wallMs, clientCpuMs: (cpu.user + cpu.system) / 1000, serverCpuMs, serverCommandMs, commands };
}

/** Which part of the client a profiled function belongs to (file: the script's file name, url: its path). */
function area(fn: string, file: string, url: string): string {
  if (fn === '(idle)') return 'idle (waiting for the server)';
  if (fn === '(garbage collector)') return 'garbage collector';
  if (file === 'allowlist.js') return 'allowlist (readOnly wrapper)';
  if (file === 'keyset.js') return 'dedup of keys SCAN returned twice (KeySet)';
  if (file === 'infer.js') return 'pattern inference (infer.js)';
  if (file === 'resp.js' || url.includes('/node_modules/redis-parser/') || url.includes('/node_modules/redis-errors/')) return 'RESP transport (RespConnection, redis-parser)';
  if (file === 'scan.js') return 'scanner loop (scanNode, batches, replies)';
  if (file === '' || file.startsWith('node:') || !file.includes('.')) return 'Node/V8 built-ins (Buffer writes, sockets, …)';
  return 'other';
}

/** V8 sampling profile of fn (in this process), folded to self time per function and per area. */
async function profile(fn: () => Promise<unknown>, top = 12): Promise<{ top: ProfileEntry[]; byArea: ProfileEntry[] }> {
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) =>
    session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));
  try {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
    await fn();
    const { profile: p } = await post('Profiler.stop');
    const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
    const self = new Map<string, number>(), areas = new Map<string, number>();
    let total = 0;
    p.samples.forEach((id: number, i: number) => {
      const dt = p.timeDeltas[i] ?? 0;
      const cf = byId.get(id).callFrame;
      // the inspector's own dispatch (starting and stopping the profiler) is not the scan
      if (cf.functionName === 'dispatch' && !cf.url) return;
      total += dt;
      const file = String(cf.url).split('/').pop() || '';
      const name = cf.functionName || '(anonymous)';
      const key = `${name}${file ? ` ${file}:${cf.lineNumber + 1}` : ''}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      const a = area(name, file, String(cf.url));
      areas.set(a, (areas.get(a) ?? 0) + dt);
    });
    const entries = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
      .map(([fn, us]) => ({ fn, selfMs: Math.round(us / 100) / 10, pct: Math.round((1000 * us) / total) / 10 }));
    return { top: entries(self, top), byArea: entries(areas, 20) };
  } finally {
    await post('Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}

// ---------------------------------------------------------------------------
// server impact

function parseBenchCsv(out: string): ImpactRun {
  // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
  const lines = out.trim().split('\n').map(l => l.trim()).filter(Boolean);
  const head = lines.find(l => l.startsWith('"test"'))!.split(',').map(s => s.replace(/"/g, ''));
  const row = lines.find(l => l.startsWith('"GET"'))!.split(',').map(s => s.replace(/"/g, ''));
  const col = (name: string) => Number(row[head.indexOf(name)]);
  return { rps: col('rps'), p50Ms: col('p50_latency_ms'), p99Ms: col('p99_latency_ms'), maxMs: col('max_latency_ms') };
}

async function impact(port: number, client: ReadOnlyClient, obs: Redis, requests: number, runs: number): Promise<PatternsImpact> {
  const clients = 50;
  const args = (n: number) => ['-h', '127.0.0.1', '-p', String(port), '-t', 'get', '-c', String(clients), '-n', String(n), '--csv'];
  const bench = async () => parseBenchCsv((await run(REDIS_BENCHMARK, args(requests))).out);
  let analysesStarted = 0, analysesCompleted = 0;
  /** Runs `work` over and over (each given the abort signal) for as long as one benchmark runs. */
  const under = async (work: (signal: AbortSignal) => Promise<unknown>): Promise<ImpactRun> => {
    const stop = new AbortController();
    const loop = (async () => {
      while (!stop.signal.aborted) await work(stop.signal);
    })();
    loop.catch(() => undefined);
    try {
      await new Promise(r => setTimeout(r, 20)); // the load is on the wire before the first GET
      return await bench();
    } finally {
      stop.abort();
      await loop.catch(e => { if (!stop.signal.aborted) throw e; });
    }
  };
  const conditions: Array<[keyof Pick<PatternsImpact, 'alone' | 'underFloor' | 'underAnalysis' | 'underMemkeys'>, () => Promise<ImpactRun>]> = [
    ['alone', bench],
    ['underFloor', () => under(async signal => { while (!signal.aborted) await bareScan(argv => client.call(argv), signal); })],
    ['underAnalysis', () => under(async signal => {
      analysesStarted++;
      if ((await scanPatterns(client, { ...FULL, ...MEMORY, signal })).complete) analysesCompleted++;
    })],
    ['underMemkeys', () => under(signal => run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), '--memkeys'], 'capture', signal).catch(e => {
      if (!signal.aborted) throw e; // killed at the end of the benchmark
    }))],
  ];
  await run(REDIS_BENCHMARK, args(Math.max(1000, Math.floor(requests / 10)))); // warm-up
  const got = new Map<string, ImpactRun[]>(conditions.map(([name]) => [name, []]));
  const slow = new Map<string, Record<string, number>>(conditions.map(([name]) => [name, {}]));
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of conditions) {
      await obs.call('SLOWLOG', 'RESET');
      got.get(name)!.push(await fn());
      const log = await obs.call('SLOWLOG', 'GET', '-1') as unknown[][];
      const into = slow.get(name)!;
      for (const e of log) {
        const argv = e[3] as string[];
        const cmd = String(argv?.[0] ?? '?').toUpperCase();
        if (cmd === 'SLOWLOG') continue; // this observer's own RESET (freeing a long log)
        into[cmd] = (into[cmd] ?? 0) + 1;
      }
    }
  }
  const med = (xs: number[]) => summarise(xs).median;
  const aloneP99 = med(got.get('alone')!.map(r => r.p99Ms));
  const cond = (name: string): ImpactCondition => {
    const rs = got.get(name)!;
    const p99Ms = med(rs.map(r => r.p99Ms));
    return { runs: rs, p99Ms, rps: med(rs.map(r => r.rps)), p99DeltaMs: Math.round((p99Ms - aloneP99) * 1000) / 1000, slowCommands: slow.get(name)! };
  };
  return {
    requests, clients, runs,
    alone: cond('alone'), underFloor: cond('underFloor'), underAnalysis: cond('underAnalysis'), underMemkeys: cond('underMemkeys'),
    analysesStarted, analysesCompleted,
  };
}

// ---------------------------------------------------------------------------

export async function runPatterns(smoke: boolean): Promise<PatternsResult> {
  const t0 = Date.now();
  const loadStart = os.loadavg();
  const total = smoke ? 5_000 : 1_000_000;
  const runs = smoke ? 10 : 3;
  let srv: RunningRedis | undefined;
  let fast: Awaited<ReturnType<typeof openScanConnection>> | undefined;
  let io: Redis | undefined, obs: Redis | undefined;
  let live: Live | undefined;
  try {
    // the slow log (commands over 1 ms) is read by the impact measurement
    srv = await startRedis({ args: ['--save', '', '--appendonly', 'no', '--slowlog-log-slower-than', '1000', '--slowlog-max-len', '10000'] });
    const port = srv.port;
    const seededAt = Date.now();
    const seeded = await seedKeys(port, total);

    fast = await openScanConnection({ host: '127.0.0.1', port });
    io = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 1 });
    obs = new Redis({ host: '127.0.0.1', port, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 1 });
    await Promise.all([io.connect(), obs.connect()]);
    // the product's own read-only ioredis connection, as the sidebar opens it (no heartbeat PINGs in between)
    live = openStandalone({ id: 'bench-patterns', name: 'bench-patterns', kind: 'standalone', url: `redis://127.0.0.1:${port}` }, {}, { heartbeatMs: 0 });
    const st = await live.whenSettled(10_000);
    if (st !== 'ready') throw new Error(`ioredis connection ${live.address}: ${st} ${live.message ?? ''}`);
    const fastClient = fast.client;
    const ioClient = live.client;
    const ioConn = io;

    const mismatches = new Set<string>();
    let runsChecked = 0;
    let last: ScanResult | undefined;
    let sampledKeys = 0;
    let memkeysKeys = 0, cliScanKeys = 0;
    const floorKeys = (n: number) => { if (n < total) mismatches.add(`bare SCAN returned ${n} keys, expected >= ${total}`); };
    const analyse = async (opts: ScanOptions, client: ReadOnlyClient = fastClient) => {
      const r = await scanPatterns(client, { ...FULL, ...opts });
      runsChecked++;
      for (const m of checkResult(r, total, seededAt)) mismatches.add(m);
      return r;
    };
    const sampledOf = (r: ScanResult) => r.patterns.reduce((s, p) => s + p.sampled, 0);
    let sampledKeysIoredis = 0;
    const item = (name: string, fn: () => Promise<void>, pair?: string): Item => ({ name, fn, samples: [], cpu: [], pair });
    const items: Item[] = [
      item('floor', async () => floorKeys(await bareScan(argv => fastClient.call(argv)))),
      item('floorIoredis', async () => floorKeys(await bareScan(([c, ...a]) => ioConn.call(c, ...a)))),
      item('analysis', async () => { last = await analyse({ sampleEvery: 0 }); }, 'analysis'),
      item('analysisIoredis', async () => { await analyse({ sampleEvery: 0 }, ioClient); }, 'analysis'),
      item('analysisWithMemory', async () => { sampledKeys = sampledOf(await analyse(MEMORY)); }, 'memory'),
      item('analysisWithMemoryIoredis', async () => { sampledKeysIoredis = sampledOf(await analyse(MEMORY, ioClient)); }, 'memory'),
      item('cliScan', async () => { cliScanKeys = (await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), '--scan'], 'count')).lines; }),
      item('memkeys', async () => {
        const out = (await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), '--memkeys'])).out;
        memkeysKeys = Number(/Sampled (\d+) keys/.exec(out)?.[1] ?? NaN);
      }),
    ];
    /** The items of one round; the two runs of a pair swap places every other round, so neither always goes first. */
    const roundOrder = (round: number): Item[] => {
      const out = items.slice();
      if (round % 2 !== 0) {
        for (let i = 0; i + 1 < out.length; i++) {
          if (out[i].pair && out[i].pair === out[i + 1].pair) { [out[i], out[i + 1]] = [out[i + 1], out[i]]; i++; }
        }
      }
      return out;
    };
    // one warm-up round, then `runs` rounds, each item once per round
    for (let round = -1; round < runs; round++) {
      for (const it of roundOrder(round)) {
        const r = await timeRun(it.fn);
        if (round >= 0) { it.samples.push(r.wallMs); it.cpu.push(r.clientCpuMs); }
      }
    }
    if (sampledKeysIoredis !== sampledKeys) mismatches.add(`memory analysis sampled ${sampledKeysIoredis} keys over ioredis, ${sampledKeys} over the own transport`);
    const stats = Object.fromEntries(items.map(it => [it.name, summarise(it.samples)])) as Record<string, Stats>;
    if (memkeysKeys !== total) mismatches.add(`redis-cli --memkeys sampled ${memkeysKeys} keys, expected ${total}`);
    if (cliScanKeys < total) mismatches.add(`redis-cli --scan printed ${cliScanKeys} keys, expected ${total}`);

    // where the time goes (untimed runs)
    const pid = srv.pid;
    const bFloor = await measureCost(() => bareScan(argv => fastClient.call(argv)), pid, obs);
    const bAnalysis = await measureCost(() => analyse({ sampleEvery: 0 }), pid, obs);
    const bMemory = await measureCost(() => analyse(MEMORY), pid, obs);
    const bAnalysisIoredis = await measureCost(() => analyse({ sampleEvery: 0 }, ioClient), pid, obs);
    const names: string[] = [];
    {
      let cursor = '0';
      do {
        const [next, batch] = await fastClient.call(['SCAN', cursor, 'COUNT', '1000']) as [string, string[]];
        cursor = String(next);
        for (const k of batch) names.push(k);
      } while (cursor !== '0');
    }
    const ti = process.hrtime.bigint();
    const idx = new PatternIndex();
    const meta = { type: 'string', ttlMs: 60_000 };
    for (const k of names) idx.add(k, meta);
    idx.patterns();
    const inferenceOnlyMs = Number(process.hrtime.bigint() - ti) / 1e6;
    names.length = 0;
    const prof = await profile(() => analyse({ sampleEvery: 0 }));

    const imp = await impact(port, fastClient, obs, smoke ? 10_000 : 50_000, smoke ? 1 : 3);

    const ratios = {
      analysisOverFloor: stats.analysis.median / stats.floor.median,
      memoryOverFloor: stats.analysisWithMemory.median / stats.floor.median,
      memkeysOverMemory: stats.memkeys.median / stats.analysisWithMemory.median,
      ioredisFloorOverFloor: stats.floorIoredis.median / stats.floor.median,
    };
    const byName = (name: string) => items.find(it => it.name === name)!;
    const tAnalysis = transportPair(byName('analysis'), byName('analysisIoredis'));
    const tMemory = transportPair(byName('analysisWithMemory'), byName('analysisWithMemoryIoredis'));
    const wins = (t: TransportPair) => t.cpuRatio >= 1.5 && t.wallRatio >= 1;
    const pick = (p: PatternStats) => ({ pattern: p.pattern, count: p.count, types: p.types, withTtl: p.withTtl, ttlMin: p.ttlMin, ttlMax: p.ttlMax });
    return {
      smoke, keys: total, runs,
      seed: { ms: seeded.ms, commands: seeded.replies },
      floor: stats.floor, floorIoredis: stats.floorIoredis,
      analysis: stats.analysis, analysisWithMemory: stats.analysisWithMemory,
      analysisIoredis: stats.analysisIoredis, analysisWithMemoryIoredis: stats.analysisWithMemoryIoredis,
      transport: { analysis: tAnalysis, analysisWithMemory: tMemory, ownWinsClearly: wins(tAnalysis) && wins(tMemory) },
      memoryOptions: MEMORY, sampledKeys,
      memkeys: stats.memkeys, cliScan: stats.cliScan, memkeysKeys, cliScanKeys,
      check: { pass: mismatches.size === 0, mismatches: [...mismatches], runsChecked },
      patterns: (last?.patterns ?? []).map(pick),
      ratios,
      targets: { analysisOverFloor: ratios.analysisOverFloor <= 2, memkeysOverMemory: ratios.memkeysOverMemory >= 5, impactP99: imp.underAnalysis.p99DeltaMs <= 1 },
      impact: imp,
      breakdown: { floor: bFloor, analysis: bAnalysis, analysisWithMemory: bMemory, analysisIoredis: bAnalysisIoredis, inferenceOnlyMs },
      profile: prof.top,
      profileByArea: prof.byArea,
      loadavg: { start: loadStart, end: os.loadavg() },
      totalMs: Date.now() - t0,
    };
  } finally {
    killChildren();
    fast?.close();
    await live?.close();
    io?.disconnect();
    obs?.disconnect();
    await srv?.stop();
  }
}
