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
 * Transport: the scanner takes any ReadOnlyClient. Over ioredis every command
 * costs a few microseconds of client CPU; this file also provides
 * RespConnection, a minimal RESP2 connection (one write per pipeline, one
 * promise per pipeline, and a perKey() that encodes the fixed part of each
 * command once per batch) to use through readOnly(), as openScanConnection()
 * does, which cuts the client CPU of a scan several times.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { ColumnReplies, KeyColumn, NotPermittedError, RawConnection, ReadOnlyClient, RenameMap, perKey, readOnly } from '../redis/allowlist';
import { ClusterNode, parseClusterNodes } from '../redis/info';
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
// a minimal pipelining RESP2 connection

export interface RespOptions {
  host: string;
  port: number;
  /** true or tls.connect options for TLS. */
  tls?: boolean | tls.ConnectionOptions;
  connectTimeoutMs?: number;
  /** Fail all pending commands when no reply arrives for this long (default 15 000 ms). */
  commandTimeoutMs?: number;
}

/**
 * One queue entry: a single call (n = 1, no replies array), a whole pipeline
 * (replies as [error, value] pairs), or a perKey batch (flat: the values, an
 * Error in place of an error reply).
 */
interface Pending {
  /** Replies still to come. */
  n: number;
  replies?: unknown[];
  flat?: boolean;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

const CRLF = '\r\n';
const INCOMPLETE = Symbol('incomplete');
const headers = new Map<string, string>();

/**
 * RawConnection over one socket: calls made in the same tick, and each
 * pipeline, go out in one write; replies are matched in order. RESP2 only,
 * replies decoded as UTF-8 strings, like ioredis' default. Use it through
 * readOnly().
 */
export class RespConnection implements RawConnection {
  private wbuf = Buffer.allocUnsafe(64 * 1024);
  private woff = 0;
  private flushScheduled = false;
  private readonly queue: Pending[] = [];
  private head = 0;
  private buf: Buffer | undefined;
  private pos = 0;
  private dead: Error | undefined;
  private timer: NodeJS.Timeout | undefined;

  private constructor(private readonly sock: net.Socket, private readonly timeoutMs: number) {
    sock.setNoDelay(true);
    sock.on('data', d => this.onData(d));
    sock.on('error', e => this.fail(e));
    sock.on('close', () => this.fail(new Error('connection closed')));
  }

  static connect(o: RespOptions): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const useTls = o.tls !== undefined && o.tls !== false;
      const sock = useTls
        ? tls.connect({ host: o.host, port: o.port, servername: net.isIP(o.host) ? undefined : o.host, ...(typeof o.tls === 'object' ? o.tls : {}) })
        : net.connect({ host: o.host, port: o.port });
      const t = setTimeout(() => { sock.destroy(); reject(new Error(`connect to ${o.host}:${o.port} timed out`)); }, o.connectTimeoutMs ?? 10_000);
      const onErr = (e: Error) => { clearTimeout(t); reject(e); };
      sock.once('error', onErr);
      sock.once(useTls ? 'secureConnect' : 'connect', () => {
        clearTimeout(t);
        sock.off('error', onErr);
        resolve(new RespConnection(sock, o.commandTimeoutMs ?? 15_000));
      });
    });
  }

  call(command: string, ...args: Array<string | number>): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    this.encode(command, args);
    return new Promise((resolve, reject) => { this.queue.push({ n: 1, resolve, reject }); });
  }

  pipeline(): { call(command: string, ...args: Array<string | number>): unknown; exec(): Promise<Array<[Error | null, unknown]>> } {
    const cmds: Array<[string, Array<string | number>]> = [];
    return {
      call: (command, ...args) => { cmds.push([command, args]); return undefined; },
      exec: () => {
        if (this.dead) return Promise.reject(this.dead);
        if (!cmds.length) return Promise.resolve([]);
        for (const [c, a] of cmds) this.encode(c, a);
        return new Promise((resolve, reject) => {
          this.queue.push({ n: cmds.length, replies: new Array(cmds.length), resolve: resolve as (v: unknown) => void, reject });
        });
      },
    };
  }

  /**
   * `argv… key tail…` of every column for every key (the columns of one key
   * together), encoded straight into the write buffer: each column's fixed
   * part is encoded once, and only `$<bytes>\r\n<key>\r\n` per key.
   */
  perKey(columns: ReadonlyArray<KeyColumn>, keys: readonly string[]): Promise<unknown[]> {
    if (this.dead) return Promise.reject(this.dead);
    const nc = columns.length;
    const heads: Buffer[] = new Array(nc), tails: Buffer[] = new Array(nc);
    let fixed = 0, keyChars = 0;
    for (let c = 0; c < nc; c++) {
      const col = columns[c];
      const tail = col.tail ?? [];
      heads[c] = fixedPart(col.argv, 1 + tail.length);
      tails[c] = fixedPart(tail, -1);
      fixed += heads[c].length + tails[c].length + 16; // + `$` up to 11 digits `\r\n` … `\r\n`
    }
    for (let i = 0; i < keys.length; i++) keyChars += keys[i].length;
    // a UTF-16 code unit takes at most 3 bytes in UTF-8
    this.reserve(fixed * keys.length + 3 * keyChars * nc);
    let b = this.wbuf, o = this.woff, sent = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      let first = -1, len = 0;
      for (let c = 0; c < nc; c++) {
        const only = columns[c].only;
        if (only !== undefined && only[i] === 0) continue;
        o += heads[c].copy(b, o);
        if (first < 0) {
          len = Buffer.byteLength(key);
          o = writeLength(b, o, len);
          first = o;
          if (len === key.length) for (let j = 0; j < len; j++) b[o + j] = key.charCodeAt(j); // ASCII
          else b.write(key, o, len, 'utf8');
        } else {
          o = writeLength(b, o, len);
          b.copyWithin(o, first, first + len);
        }
        o += len;
        b[o++] = 13; b[o++] = 10;
        if (tails[c].length) o += tails[c].copy(b, o);
        sent++;
      }
    }
    this.woff = o;
    if (!sent) return Promise.resolve([]);
    this.scheduleFlush();
    return new Promise((resolve, reject) => {
      this.queue.push({ n: sent, replies: new Array(sent), flat: true, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  close(): void {
    this.fail(new Error('connection closed'));
  }

  /** Room for `size` more bytes in the write buffer. */
  private reserve(size: number): void {
    if (this.woff + size <= this.wbuf.length) return;
    const nb = Buffer.allocUnsafe(Math.max(this.wbuf.length * 2, this.woff + size));
    this.wbuf.copy(nb, 0, 0, this.woff);
    this.wbuf = nb;
  }

  private scheduleFlush(): void {
    if (!this.flushScheduled) { this.flushScheduled = true; process.nextTick(() => this.flush()); }
  }

  /** Appends one command to the write buffer and schedules a flush at the end of this tick. */
  private encode(command: string, args: ReadonlyArray<string | number>): void {
    const hk = command + ' ' + args.length;
    let s = headers.get(hk);
    if (s === undefined) {
      s = '*' + (args.length + 1) + CRLF + '$' + Buffer.byteLength(command) + CRLF + command + CRLF;
      if (headers.size < 256) headers.set(hk, s);
    }
    let size = s.length;
    for (let i = 0; i < args.length; i++) {
      const a = typeof args[i] === 'string' ? args[i] as string : String(args[i]);
      const len = Buffer.byteLength(a);
      s += '$' + len + CRLF + a + CRLF;
      size += len + 16;
    }
    this.reserve(size);
    this.woff += this.wbuf.write(s, this.woff);
    this.scheduleFlush();
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.dead || !this.woff) return;
    const chunk = this.wbuf.subarray(0, this.woff);
    // the socket may keep `chunk` until it is sent: never write into it again
    this.wbuf = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(this.wbuf.length, 4 * 1024 * 1024)));
    this.woff = 0;
    this.sock.write(chunk);
    if (!this.timer) this.timer = setTimeout(() => this.fail(new Error(`no reply for ${this.timeoutMs} ms`)), this.timeoutMs);
    else this.timer.refresh();
  }

  private fail(e: Error): void {
    if (this.dead) return;
    this.dead = e;
    if (this.timer) clearTimeout(this.timer);
    this.sock.destroy();
    const pending = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    for (const p of pending) p.reject(e);
  }

  private onData(d: Buffer): void {
    if (this.buf && this.pos < this.buf.length) this.buf = Buffer.concat([this.buf.subarray(this.pos), d]);
    else this.buf = d;
    this.pos = 0;
    while (this.head < this.queue.length) {
      const start = this.pos;
      const v = this.parse();
      if (v === INCOMPLETE) { this.pos = start; break; }
      const p = this.queue[this.head];
      if (p.flat) {
        p.replies![p.replies!.length - p.n] = v instanceof RespError ? new Error(v.message) : v;
        if (--p.n === 0) { this.head++; p.resolve(p.replies); }
      } else if (p.replies) {
        p.replies[p.replies.length - p.n] = v instanceof RespError ? [new Error(v.message), undefined] : [null, v];
        if (--p.n === 0) { this.head++; p.resolve(p.replies); }
      } else {
        this.head++;
        if (v instanceof RespError) p.reject(new Error(v.message)); else p.resolve(v);
      }
    }
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    } else this.timer?.refresh();
    if (this.buf && this.pos >= this.buf.length) this.buf = undefined;
  }

  /** One reply from buf at pos (advancing pos), or INCOMPLETE. */
  private parse(): unknown {
    const b = this.buf!;
    const at = this.pos;
    if (at >= b.length) return INCOMPLETE;
    const eol = b.indexOf(13, at);
    if (eol < 0 || eol + 1 >= b.length) return INCOMPLETE;
    const type = b[at];
    switch (type) {
      case 43: // +simple
        this.pos = eol + 2;
        return eol - at <= 9 ? shortString(b, at + 1, eol) : b.toString('utf8', at + 1, eol);
      case 45: // -error
        this.pos = eol + 2;
        return new RespError(b.toString('utf8', at + 1, eol));
      case 58: // :integer
        this.pos = eol + 2;
        return intAt(b, at + 1, eol);
      case 36: { // $bulk
        const n = intAt(b, at + 1, eol);
        if (n < 0) { this.pos = eol + 2; return null; }
        const end = eol + 2 + n;
        if (end + 2 > b.length) return INCOMPLETE;
        this.pos = end + 2;
        return b.toString('utf8', eol + 2, end);
      }
      case 42: { // *array
        const n = intAt(b, at + 1, eol);
        this.pos = eol + 2;
        if (n < 0) return null;
        const arr = new Array<unknown>(n);
        for (let i = 0; i < n; i++) {
          const v = this.parse();
          if (v === INCOMPLETE) return INCOMPLETE;
          arr[i] = v instanceof RespError ? new Error(v.message) : v;
        }
        return arr;
      }
      default:
        this.fail(new Error(`protocol error: unexpected byte ${type}`));
        return INCOMPLETE;
    }
  }
}

class RespError { constructor(readonly message: string) {} }

/**
 * The RESP encoding of fixed arguments: with argc >= 0, the array header
 * `*<argc + args.length>` first (a command's part before its key); with
 * argc < 0, the bulk strings only (its part after the key). Cached.
 */
const fixedParts = new Map<string, Buffer>();
function fixedPart(args: readonly string[], argc: number): Buffer {
  const id = argc + '\0' + args.join('\0');
  let buf = fixedParts.get(id);
  if (buf === undefined) {
    let s = argc >= 0 ? '*' + (argc + args.length) + CRLF : '';
    for (const a of args) s += '$' + Buffer.byteLength(a) + CRLF + a + CRLF;
    buf = Buffer.from(s, 'utf8');
    if (fixedParts.size < 256) fixedParts.set(id, buf);
  }
  return buf;
}

/** Writes `$<len>\r\n` at o; returns the offset after it. */
function writeLength(b: Buffer, o: number, len: number): number {
  b[o++] = 36; // $
  if (len < 10) b[o++] = 48 + len;
  else if (len < 100) { b[o++] = 48 + ((len / 10) | 0); b[o++] = 48 + (len % 10); }
  else o += b.write(String(len), o, 'latin1');
  b[o++] = 13; b[o++] = 10;
  return o;
}

/** Short simple-string replies (TYPE's `string`, `hash`, … and `OK`) come from a small cache, not a new string each. */
const shortStrings = new Map<number, string>();
function shortString(b: Buffer, from: number, to: number): string {
  const key = ((to - from) << 16) | (b[from] << 8) | b[to - 1];
  const hit = shortStrings.get(key);
  if (hit !== undefined) {
    let same = true;
    for (let i = from; i < to; i++) if (hit.charCodeAt(i - from) !== b[i]) { same = false; break; }
    if (same) return hit;
  }
  const s = b.toString('utf8', from, to);
  if (shortStrings.size < 64) shortStrings.set(key, s);
  return s;
}

function intAt(b: Buffer, from: number, to: number): number {
  let i = from, neg = false, n = 0;
  if (b[i] === 45) { neg = true; i++; }
  for (; i < to; i++) n = n * 10 + (b[i] - 48);
  return neg ? -n : n;
}

export interface ScanConnectionOptions extends RespOptions {
  username?: string;
  password?: string;
  /** Database index (SELECT), default 0. */
  db?: number;
  renames?: RenameMap;
}

/** A RespConnection behind the allowlist, authenticated and on the right database. */
export async function openScanConnection(o: ScanConnectionOptions): Promise<NodeConnection & { raw: RespConnection }> {
  const raw = await RespConnection.connect(o);
  const client = readOnly(raw, o.renames);
  try {
    if (o.password !== undefined) await client.call(o.username ? ['AUTH', o.username, o.password] : ['AUTH', o.password]);
    if (o.db) await client.call(['SELECT', String(o.db)]);
  } catch (e) {
    raw.close();
    throw e;
  }
  return { client, raw, close: () => raw.close() };
}

/** A NodeConnector opening RespConnections with the same credentials/TLS for every node. */
export function respConnector(base: Omit<ScanConnectionOptions, 'host' | 'port' | 'db'>): NodeConnector {
  return node => openScanConnection({ ...base, host: node.host, port: node.port });
}
