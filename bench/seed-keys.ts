/**
 * Seeds a throw-away server with N keys in 8 families, as fast as the server
 * takes them: a generated RESP stream piped into `redis-cli --pipe` (loopback
 * only). Used by bench/patterns.ts; also runnable on its own:
 *
 *   node out/bench/seed-keys.js --port 12345 [--keys 1000000]
 *
 * The families (shares of N; the last one takes the rounding remainder):
 *   token:blacklist:<uuid>      string, EX 3600           15 %
 *   token:refresh:<uuid>        string, EX 7200           10 %
 *   ratelimit:<ipv4>:<window>   string, EX 3600           20 %
 *   session:<hex32>             hash, every 2nd EX 1800   12.5 %
 *   user:<n>:profile            hash, no TTL              12.5 %
 *   user:<n>:settings           string, no TTL            12.5 %
 *   cache:page:<n>              string, EX 3600           10 %
 *   queue:jobs:<n>              list, no TTL               7.5 %
 * TTLs are at least 30 minutes so that no key expires while a benchmark runs
 * (the pattern check compares exact counts). Ids are random (UUIDs, hex) or
 * counters; every key is distinct, and seedKeys() checks DBSIZE afterwards.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { REDIS_CLI } from '../test/helpers/redis-server';

export interface KeyFamily {
  /** The pattern the scanner should infer for this family. */
  pattern: string;
  type: 'string' | 'hash' | 'list';
  /** Share of the total key count. */
  share: number;
  /** Expiry in seconds, when the family has one. */
  ttlSec?: number;
  /** Only every k-th key gets the TTL (1 = all). */
  ttlEvery?: number;
}

export const FAMILIES: readonly KeyFamily[] = [
  { pattern: 'token:blacklist:*', type: 'string', share: 0.15, ttlSec: 3600 },
  { pattern: 'token:refresh:*', type: 'string', share: 0.10, ttlSec: 7200 },
  { pattern: 'ratelimit:*:*', type: 'string', share: 0.20, ttlSec: 3600 },
  { pattern: 'session:*', type: 'hash', share: 0.125, ttlSec: 1800, ttlEvery: 2 },
  { pattern: 'user:*:profile', type: 'hash', share: 0.125 },
  { pattern: 'user:*:settings', type: 'string', share: 0.125 },
  { pattern: 'cache:page:*', type: 'string', share: 0.10, ttlSec: 3600 },
  { pattern: 'queue:jobs:*', type: 'list', share: 0.075 },
];

export interface ExpectedFamily { pattern: string; type: string; count: number; withTtl: number; ttlSec?: number }

/** Exact per-family counts for a total of `total` keys. */
export function expectedFamilies(total: number): ExpectedFamily[] {
  let left = total;
  return FAMILIES.map((f, i) => {
    const count = i === FAMILIES.length - 1 ? left : Math.floor(total * f.share);
    left -= count;
    const every = f.ttlEvery ?? 1;
    const withTtl = f.ttlSec ? Math.ceil(count / every) : 0;
    return { pattern: f.pattern, type: f.type, count, withTtl, ttlSec: f.ttlSec };
  });
}

// ---------------------------------------------------------------------------
// RESP generation, straight into Buffers (building strings made the garbage collector
// the bottleneck: 4 s for 1M keys; this takes well under a second)

/**
 * Appends RESP commands to a Buffer; ASCII only (so string length = byte length).
 * Each command is built as one short string and copied in with one write.
 */
class RespWriter {
  buf: Buffer;
  off = 0;
  constructor(private readonly size: number) { this.buf = Buffer.allocUnsafe(size); }
  cmd(args: readonly string[]): void {
    let s = '*' + args.length + '\r\n';
    for (let i = 0; i < args.length; i++) s += '$' + args[i].length + '\r\n' + args[i] + '\r\n';
    if (this.off + s.length > this.buf.length) {
      const nb = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + s.length));
      this.buf.copy(nb, 0, 0, this.off);
      this.buf = nb;
    }
    this.off += this.buf.write(s, this.off, 'latin1');
  }
  /** The bytes written so far (a fresh Buffer is used afterwards). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.off);
    this.buf = Buffer.allocUnsafe(this.size);
    this.off = 0;
    return out;
  }
}

const ipv4 = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const WINDOW = 202611251200;

/** Writes the commands creating key i of family f (one or two commands). */
function keyCommands(w: RespWriter, f: KeyFamily, i: number, hex: () => string): void {
  const ttl = f.ttlSec && i % (f.ttlEvery ?? 1) === 0 ? String(f.ttlSec) : undefined;
  switch (f.pattern) {
    case 'token:blacklist:*': return w.cmd(['SET', `token:blacklist:${randomUUID()}`, '1', 'EX', ttl!]);
    case 'token:refresh:*': return w.cmd(['SET', `token:refresh:${randomUUID()}`, `u:${i}`, 'EX', ttl!]);
    case 'ratelimit:*:*': return w.cmd(['SET', `ratelimit:${ipv4(i)}:${WINDOW + (i % 3)}`, String(1 + (i % 17)), 'EX', ttl!]);
    case 'session:*': {
      const k = `session:${hex()}`;
      w.cmd(['HSET', k, 'uid', String(i), 'ip', ipv4(i), 'ua', 'Mozilla/5.0']);
      if (ttl) w.cmd(['EXPIRE', k, ttl]);
      return;
    }
    case 'user:*:profile': return w.cmd(['HSET', `user:${i}:profile`, 'name', `user ${i}`, 'email', `u${i}@example.com`]);
    case 'user:*:settings': return w.cmd(['SET', `user:${i}:settings`, '{"theme":"dark","lang":"en"}']);
    case 'cache:page:*': return w.cmd(['SET', `cache:page:${i}`, '<html><body>cached page</body></html>', 'EX', ttl!]);
    case 'queue:jobs:*': return w.cmd(['RPUSH', `queue:jobs:${i}`, `{"job":${i}}`]);
    default: throw new Error(`no generator for ${f.pattern}`);
  }
}

/**
 * The RESP stream for `total` keys, in Buffers of about `perChunk` keys.
 * The families are interleaved (round robin) so that no family sits in one run of the stream.
 */
export function* respChunks(total: number, perChunk = 20_000): Generator<Buffer> {
  const fams = expectedFamilies(total);
  const next = fams.map(() => 0);
  let pool = randomBytes(16 * 4096), at = pool.length;
  const hex = () => {
    if (at >= pool.length) { pool = randomBytes(16 * 4096); at = 0; }
    const s = pool.toString('hex', at, at + 16);
    at += 16;
    return s;
  };
  const w = new RespWriter(perChunk * 128);
  let inChunk = 0, emitted = 0;
  while (emitted < total) {
    for (let f = 0; f < fams.length; f++) {
      if (next[f] >= fams[f].count) continue;
      keyCommands(w, FAMILIES[f], next[f]++, hex);
      emitted++;
      if (++inChunk >= perChunk) { yield w.take(); inChunk = 0; }
    }
  }
  if (inChunk) yield w.take();
}

// ---------------------------------------------------------------------------
// piping

export interface SeedResult {
  keys: number;
  /** Commands sent (sessions with a TTL take two). */
  replies: number;
  errors: number;
  /** Wall time from the first byte generated to redis-cli's exit, ms. */
  ms: number;
  /** DBSIZE afterwards. */
  dbsize: number;
}

/** Pipes the generated stream into `redis-cli -p <port> --pipe` and checks DBSIZE. */
export async function seedKeys(port: number, total: number, host = '127.0.0.1'): Promise<SeedResult> {
  const t0 = process.hrtime.bigint();
  const child = spawn(REDIS_CLI, ['-h', host, '-p', String(port), '--pipe'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', d => { out += d; });
  child.stderr.on('data', d => { out += d; });
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code => resolve(code ?? -1));
  });
  try {
    for (const chunk of respChunks(total)) {
      if (!child.stdin.write(chunk)) await new Promise<void>((resolve, reject) => {
        const onErr = (e: Error) => { child.stdin.off('drain', onDrain); reject(e); };
        const onDrain = () => { child.stdin.off('error', onErr); resolve(); };
        child.stdin.once('drain', onDrain);
        child.stdin.once('error', onErr);
      });
    }
    child.stdin.end();
  } catch (e) {
    child.kill('SIGKILL');
    await exited.catch(() => undefined);
    throw e;
  }
  const code = await exited;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  // "errors: 0, replies: 1062500"
  const m = /errors:\s*(\d+),\s*replies:\s*(\d+)/.exec(out);
  if (code !== 0 || !m) throw new Error(`redis-cli --pipe failed (exit ${code}): ${out.slice(-2000)}`);
  const dbsize = await dbsizeOf(port, host);
  const errors = Number(m[1]);
  if (errors || dbsize !== total) throw new Error(`seeding ${total} keys: ${errors} errors, DBSIZE ${dbsize}\n${out.slice(-2000)}`);
  return { keys: total, replies: Number(m[2]), errors, ms, dbsize };
}

function dbsizeOf(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = spawn(REDIS_CLI, ['-h', host, '-p', String(port), 'DBSIZE'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let s = '';
    c.stdout.on('data', d => { s += d; });
    c.once('error', reject);
    c.once('exit', code => (code === 0 ? resolve(Number(s.trim())) : reject(new Error(`redis-cli DBSIZE exited ${code}`))));
  });
}

if (require.main === module) {
  const arg = (name: string, dflt?: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const port = Number(arg('--port'));
  if (!port || port === 6379) {
    console.error('usage: node out/bench/seed-keys.js --port <port, not 6379> [--keys N]');
    process.exit(2);
  }
  seedKeys(port, Number(arg('--keys', '1000000'))).then(
    r => console.log(`seeded ${r.keys} keys (${r.replies} commands) in ${r.ms.toFixed(0)} ms, DBSIZE ${r.dbsize}`),
    e => { console.error(e); process.exitCode = 1; },
  );
}
