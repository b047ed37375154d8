/**
 * The key-pattern scanner. Read-only by construction: every command goes
 * through a ReadOnlyClient (server/src/live/redis/allowlist.ts) and only these are
 * sent: SCAN cursor [MATCH m] COUNT n (never KEYS), TYPE, PTTL (TTL when PTTL
 * is refused), MEMORY USAGE key SAMPLES s (every k-th key), DBSIZE, INFO
 * cluster, CLUSTER NODES, and AUTH/SELECT when a connection is opened here.
 *
 * Per batch: the next SCAN is sent, then the batch's TYPE + PTTL (+ sampled
 * MEMORY USAGE) as one ReadOnlyClient.perKey() call (one write, one round
 * trip, the allowlist checked once per command name, not once per key); the
 * replies of batch n are counted while the server works on batch n+1. Keys
 * are deduplicated (SCAN may return a key twice).
 * Budgets: keys, time, AbortSignal; a partial scan is extrapolated to DBSIZE
 * (counts scaled, `approximate: true`, shown with `~`). A cluster is scanned
 * primary by primary (SCAN on a cluster node only sees that node's keys).
 *
 * Transport: the scanner takes any ReadOnlyClient. For standalone servers the
 * sidebar gives it openScanConnection() (server/src/live/redis/resp.ts), a
 * minimal RESP2 connection that sends a batch in one write and needs about a
 * fifth of the client CPU ioredis needs for the same scan (BENCHMARKS.md);
 * respConnector() below opens those for the nodes of a cluster.
 */
import { ColumnReplies, KeyColumn, NotPermittedError, ReadOnlyClient, perKey } from '../redis/allowlist';
import { ClusterNode, parseClusterNodes } from '../redis/info';
import { openScanConnection, ScanConnectionOptions } from '../redis/resp';
import { KeyMeta, PatternIndex, PatternIndexOptions, PatternStats } from './infer';
import { KeySet } from './keyset';

// ---------------------------------------------------------------------------
// options and results

export interface ScanProgress {
  /** Distinct keys inspected so far (all nodes). */
  scanned: number;
  /** DBSIZE (sum over the nodes known so far), undefined when DBSIZE is refused. */
  dbsize?: number;
  elapsedMs: number;
  /** host:port of the node that produced this batch (cluster scans). */
  node?: string;
}

export interface ScanOptions {
  /** SCAN COUNT (default 1000). */
  count?: number;
  /** Most distinct keys to inspect, over all nodes (default 100 000). */
  keyBudget?: number;
  /** Stop after this long (default 10 000 ms). */
  timeBudgetMs?: number;
  signal?: AbortSignal;
  /** MEMORY USAGE for every k-th key; 0 = off (default 20). */
  sampleEvery?: number;
  /**
   * SAMPLES argument of MEMORY USAGE (default 0 = exact, as RedisInsight).
   * 0 walks every element of the sampled key: O(n) on the server for big keys.
   */
  memorySamples?: number;
  /** SCAN MATCH glob (then counts are not extrapolated: DBSIZE counts all keys). */
  match?: string;
  /** Sleep between batches, like `redis-cli -i` (default 0). */
  pauseMs?: number;
  /** Pattern inference options (delimiters, pinned, maxPatterns). */
  index?: PatternIndexOptions;
  onProgress?: (p: ScanProgress) => void;
}

export type StopReason = 'done' | 'key-budget' | 'time-budget' | 'aborted' | 'error';

export interface NodeScan {
  /** host:port (cluster scans), undefined for a single client. */
  node?: string;
  scanned: number;
  dbsize?: number;
  complete: boolean;
  stoppedBy: StopReason;
  /** Counts of this node were multiplied by this (1 when complete). */
  scale: number;
  error?: string;
}

export interface ScanResult {
  /** Inferred and pinned patterns, most keys first (counts scaled when approximate). */
  patterns: PatternStats[];
  /** Distinct keys inspected. */
  scanned: number;
  /** DBSIZE summed over the scanned nodes (undefined when refused). */
  dbsize?: number;
  /** Every node's cursor returned to 0 within the budgets. */
  complete: boolean;
  /** Counts were extrapolated to DBSIZE. */
  approximate: boolean;
  stoppedBy: StopReason;
  elapsedMs: number;
  nodes: NodeScan[];
  /** Columns the server refused, e.g. "TYPE: not permitted (NOPERM …)". */
  unavailable: string[];
}

const DEFAULTS = { count: 1000, keyBudget: 100_000, timeBudgetMs: 10_000, sampleEvery: 20, memorySamples: 0, pauseMs: 0 };

// ---------------------------------------------------------------------------
// scanning one node

interface Shared {
  opts: typeof DEFAULTS & ScanOptions;
  started: number;
  deadline: number;
  /**
   * Resolves (to STOP) on abort, or when a reply is overdue past the deadline
   * (deadline + grace). The time budget itself is checked between batches, so
   * the batch in flight at the deadline is still counted.
   */
  stop: Promise<typeof STOP>;
  stopped: () => StopReason | undefined;
  scannedTotal: number;
  dbsizeTotal?: number;
  unavailable: Set<string>;
}

const STOP = Symbol('stop');
const noop = () => { /* ignored */ };
const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

async function dbsizeOf(client: ReadOnlyClient): Promise<number | undefined> {
  try {
    return Number(await client.call(['DBSIZE']));
  } catch (e) {
    if (e instanceof NotPermittedError) return undefined;
    throw e;
  }
}

/** TYPE + PTTL (+ MEMORY USAGE for sampled keys) of one batch, in flight. */
interface Batch {
  keys: string[];
  /** The columns' replies, in the order of `columns`. */
  reply: Promise<ColumnReplies[]>;
  /** Positions of the TYPE, TTL and MEMORY USAGE columns in the reply, or -1. */
  typeAt: number;
  ttlAt: number;
  memAt: number;
  ttl: 'PTTL' | 'TTL' | undefined;
}

/** Key i's reply in a column (an Error for a refused column); undefined when the column was not sent. */
const replyOf = (r: ColumnReplies | undefined, i: number): unknown => (r === undefined || r instanceof Error ? r : r[i]);

async function scanNode(client: ReadOnlyClient, index: PatternIndex, keyBudget: number, sh: Shared, node?: string): Promise<NodeScan> {
  const { count, sampleEvery, memorySamples, match, pauseMs } = sh.opts;
  const dbsize = await dbsizeOf(client);
  if (dbsize !== undefined) sh.dbsizeTotal = (sh.dbsizeTotal ?? 0) + dbsize;
  const countArg = String(count);
  const samplesArg = String(memorySamples);
  const scanArgv = (cursor: string) => (match === undefined ? ['SCAN', cursor, 'COUNT', countArg] : ['SCAN', cursor, 'MATCH', match, 'COUNT', countArg]);
  const seen = new KeySet(Math.min(keyBudget, dbsize ?? 0));
  let typeOn = true, memOn = sampleEvery > 0;
  let ttlCmd: 'PTTL' | 'TTL' | undefined = 'PTTL';
  let issued = 0; // keys whose TYPE/PTTL were sent
  let scanned = 0; // keys counted
  let stoppedBy: StopReason = 'done';
  const meta: KeyMeta = {};

  const typeCol: KeyColumn = { argv: ['TYPE'] };
  const ttlCols: Record<'PTTL' | 'TTL', KeyColumn> = { PTTL: { argv: ['PTTL'] }, TTL: { argv: ['TTL'] } };
  const memTail = ['SAMPLES', samplesArg];

  const issue = (keys: string[]): Batch => {
    const n = keys.length;
    const columns: KeyColumn[] = [];
    const typeAt = typeOn ? columns.push(typeCol) - 1 : -1;
    const ttlAt = ttlCmd ? columns.push(ttlCols[ttlCmd]) - 1 : -1;
    let memAt = -1;
    if (memOn) {
      // every sampleEvery-th key issued on this node
      const only = new Uint8Array(n);
      let any = false;
      for (let i = 0; i < n; i++) if ((issued + i) % sampleEvery === 0) { only[i] = 1; any = true; }
      if (any) memAt = columns.push({ argv: ['MEMORY', 'USAGE'], tail: memTail, only }) - 1;
    }
    issued += n;
    const reply = columns.length ? perKey(client, columns, keys) : Promise.resolve([]);
    reply.catch(noop); // awaited later; this only keeps an abandoned batch from being an unhandled rejection
    return { keys, reply, typeAt, ttlAt, memAt, ttl: ttlCmd };
  };

  const take = (b: Batch, out: ColumnReplies[]): void => {
    const ttlScale = b.ttl === 'TTL' ? 1000 : 1;
    const types = b.typeAt >= 0 ? out[b.typeAt] : undefined;
    const ttls = b.ttlAt >= 0 ? out[b.ttlAt] : undefined;
    const mems = b.memAt >= 0 ? out[b.memAt] : undefined;
    let typeErr: Error | undefined, ttlErr: Error | undefined, memErr: Error | undefined;
    for (let i = 0; i < b.keys.length; i++) {
      let type = replyOf(types, i), ttl = replyOf(ttls, i), bytes = replyOf(mems, i);
      if (type instanceof Error) { typeErr ??= type; type = undefined; }
      if (ttl instanceof Error) { ttlErr ??= ttl; ttl = undefined; }
      if (bytes instanceof Error) { memErr ??= bytes; bytes = undefined; }
      scanned++;
      if (type === 'none' || ttl === -2) continue; // deleted or expired since SCAN returned it
      meta.type = type as string | undefined;
      meta.ttlMs = typeof ttl === 'number' && ttl >= 0 ? ttl * ttlScale : undefined;
      meta.bytes = typeof bytes === 'number' ? bytes : undefined;
      index.add(b.keys[i], meta);
    }
    if (typeErr instanceof NotPermittedError && typeOn) { typeOn = false; sh.unavailable.add(`TYPE: ${typeErr.message}`); }
    if (ttlErr instanceof NotPermittedError && ttlCmd === b.ttl) {
      sh.unavailable.add(`${ttlCmd}: ${ttlErr.message}`);
      ttlCmd = ttlCmd === 'PTTL' ? 'TTL' : undefined;
    }
    if (memErr instanceof NotPermittedError && memOn) { memOn = false; sh.unavailable.add(`MEMORY USAGE: ${memErr.message}`); }
    sh.scannedTotal += b.keys.length;
    sh.opts.onProgress?.({ scanned: sh.scannedTotal, dbsize: sh.dbsizeTotal, elapsedMs: Date.now() - sh.started, node });
  };

  let next: Promise<unknown> | undefined;
  if (sh.stopped()) stoppedBy = sh.stopped()!; // aborted before we started: send no SCAN
  else next = client.call(scanArgv('0'));
  let inflight: Batch | undefined;
  // abandoned replies already have a handler (Promise.race or .catch(noop))
  const stopNow = () => { stoppedBy = sh.stopped() ?? 'aborted'; };
  for (;;) {
    if (!next) break;
    const reply = await Promise.race([next, sh.stop]);
    if (reply === STOP) { stopNow(); break; }
    next = undefined;
    const [cursor, batch] = reply as [string, string[]];
    const fresh: string[] = [];
    let budgetHit = false;
    for (let i = 0; i < batch.length; i++) {
      const k = batch[i];
      if (!seen.add(k)) continue;
      // (a key added past the budget does not matter: nothing is scanned after it)
      if (issued + fresh.length >= keyBudget) { budgetHit = true; break; }
      fresh.push(k);
    }
    const halt = budgetHit ? 'key-budget' : String(cursor) === '0' ? 'done' : sh.stopped();
    if (halt) stoppedBy = halt;
    else {
      next = client.call(scanArgv(String(cursor))); // on the wire before this batch's TYPE/PTTL
      next.catch(noop); // awaited next turn; this only keeps an abandoned one from being unhandled
    }
    const mine = fresh.length ? issue(fresh) : undefined;
    // the previous batch's replies are counted while the server works on this one
    if (inflight) {
      const got = await Promise.race([inflight.reply, sh.stop]);
      if (got === STOP) { mine?.reply.catch(noop); stopNow(); inflight = undefined; break; }
      take(inflight, got as ColumnReplies[]);
    }
    inflight = mine;
    if (next && pauseMs > 0) {
      const slept = await Promise.race([new Promise(r => setTimeout(r, pauseMs)), sh.stop]);
      if (slept === STOP) { inflight?.reply.catch(noop); stopNow(); inflight = undefined; break; }
    }
  }
  if (inflight) {
    const got = await Promise.race([inflight.reply, sh.stop]);
    if (got === STOP) { stopNow(); } else take(inflight, got as ColumnReplies[]);
  }
  const complete = stoppedBy === 'done';
  const scale = !complete && match === undefined && dbsize !== undefined && scanned > 0 && dbsize > scanned ? dbsize / scanned : 1;
  return { node, scanned, dbsize, complete, stoppedBy, scale };
}

function shared(options: ScanOptions): Shared & { dispose(): void } {
  const opts = { ...DEFAULTS, ...options } as Shared['opts'];
  for (const k of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) if (options[k] === undefined) opts[k] = DEFAULTS[k];
  opts.count = Math.max(1, Math.floor(opts.count));
  const started = Date.now();
  const deadline = started + opts.timeBudgetMs;
  let reason: StopReason | undefined;
  let fire!: (v: typeof STOP) => void;
  const stop = new Promise<typeof STOP>(r => { fire = r; });
  const grace = Math.min(2000, Math.max(250, opts.timeBudgetMs / 2));
  const timer = setTimeout(() => { reason ??= 'time-budget'; fire(STOP); }, Math.max(0, opts.timeBudgetMs + grace));
  const onAbort = () => { reason ??= 'aborted'; fire(STOP); };
  if (opts.signal?.aborted) onAbort(); else opts.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    opts, started, deadline, stop, scannedTotal: 0, unavailable: new Set(),
    stopped: () => reason ?? (Date.now() >= deadline ? (reason = 'time-budget') : undefined),
    dispose() { clearTimeout(timer); opts.signal?.removeEventListener('abort', onAbort); },
  };
}

function result(sh: Shared, nodes: NodeScan[], parts: Array<{ index: PatternIndex; scan: NodeScan }>): ScanResult {
  const merged = new PatternIndex(sh.opts.index);
  for (const { index, scan } of parts) merged.absorb(index, scan.scale);
  const complete = nodes.length > 0 && nodes.every(n => n.complete);
  const order: StopReason[] = ['error', 'aborted', 'time-budget', 'key-budget', 'done'];
  const stoppedBy = order.find(r => nodes.some(n => n.stoppedBy === r)) ?? 'done';
  const dbsizes = nodes.map(n => n.dbsize);
  return {
    patterns: merged.patterns(),
    scanned: nodes.reduce((s, n) => s + n.scanned, 0),
    dbsize: dbsizes.every(d => d !== undefined) ? dbsizes.reduce((s, d) => s! + d!, 0) : undefined,
    complete,
    approximate: parts.some(p => p.scan.scale !== 1),
    stoppedBy,
    elapsedMs: Date.now() - sh.started,
    nodes,
    unavailable: [...sh.unavailable],
  };
}

/** Scans one server (or one cluster node) and infers its key patterns. */
export async function scanPatterns(client: ReadOnlyClient, options: ScanOptions = {}): Promise<ScanResult> {
  const sh = shared(options);
  try {
    const index = new PatternIndex(sh.opts.index);
    const scan = await scanNode(client, index, sh.opts.keyBudget, sh);
    return result(sh, [scan], [{ index, scan }]);
  } finally {
    sh.dispose();
  }
}

// ---------------------------------------------------------------------------
// cluster

/** A connection to one cluster node, opened by the caller's connector (auth, TLS, NAT mapping are theirs). */
export interface NodeConnection { client: ReadOnlyClient; close(): void | Promise<void> }
/** Opens a connection to one node (the ClusterNode from CLUSTER NODES: id, host, port, …). */
export type NodeConnector = (node: ClusterNode) => Promise<NodeConnection>;

export interface ClusterScanOptions extends ScanOptions {
  /** Host used for nodes that report an empty address (default 127.0.0.1). */
  defaultHost?: string;
}

/**
 * Scans every primary of a cluster (found with CLUSTER NODES through `seed`)
 * in parallel, each on its own connection, the key budget split evenly, and
 * merges the patterns (each node extrapolated to its own DBSIZE).
 */
export async function scanCluster(seed: ReadOnlyClient, connect: NodeConnector, options: ClusterScanOptions = {}): Promise<ScanResult> {
  const sh = shared(options);
  try {
    const text = String(await seed.call(['CLUSTER', 'NODES']));
    const primaries = parseClusterNodes(text)
      .filter(n => n.role === 'master' && n.failing === undefined && !n.flags.includes('noaddr') && !n.flags.includes('handshake'))
      .map(n => (n.host ? n : { ...n, host: options.defaultHost ?? '127.0.0.1' }));
    const perNode = Math.max(1, Math.ceil(sh.opts.keyBudget / Math.max(1, primaries.length)));
    const parts = await Promise.all(primaries.map(async p => {
      const name = `${p.host}:${p.port}`;
      const index = new PatternIndex(sh.opts.index);
      let conn: NodeConnection | undefined;
      try {
        conn = await connect(p);
        return { index, scan: await scanNode(conn.client, index, perNode, sh, name) };
      } catch (e) {
        // a node that failed contributes nothing (not a partial count)
        const scan: NodeScan = { node: name, scanned: 0, complete: false, stoppedBy: 'error', scale: 1, error: asError(e).message };
        return { index: new PatternIndex(sh.opts.index), scan };
      } finally {
        try { await conn?.close(); } catch { /* closing is best effort */ }
      }
    }));
    return result(sh, parts.map(p => p.scan), parts);
  } finally {
    sh.dispose();
  }
}

/** INFO cluster says cluster_enabled:1? (false when INFO is refused) */
export async function isClusterNode(client: ReadOnlyClient): Promise<boolean> {
  try {
    return /^cluster_enabled:1\s*$/m.test(String(await client.call(['INFO', 'cluster'])));
  } catch (e) {
    if (e instanceof NotPermittedError) return false;
    throw e;
  }
}

/** scanCluster on a cluster node when a connector is given, scanPatterns otherwise. */
export async function scanKeyspace(client: ReadOnlyClient, options: ClusterScanOptions & { connect?: NodeConnector } = {}): Promise<ScanResult> {
  if (options.connect && await isClusterNode(client)) return scanCluster(client, options.connect, options);
  return scanPatterns(client, options);
}

// ---------------------------------------------------------------------------
// connections of the scanner's own transport (server/src/live/redis/resp.ts)

/** A NodeConnector opening the scanner's RESP connections with the same credentials/TLS for every node. */
export function respConnector(base: Omit<ScanConnectionOptions, 'host' | 'port' | 'db'>): NodeConnector {
  return node => openScanConnection({ ...base, host: node.host, port: node.port });
}
