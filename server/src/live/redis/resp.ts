/**
 * A minimal pipelining RESP2 connection, the key-pattern scanner's transport for
 * standalone servers (server/src/live/patterns/scan.ts takes any ReadOnlyClient).
 *
 * Why not ioredis: a full analysis of 1,000,000 keys sends 2,000,000 TYPE/PTTL
 * commands. Over ioredis (one command object and one promise each) that cost about
 * 5 times the client CPU of this connection and about 3 times the wall time
 * (BENCHMARKS.md, "Key patterns"). Here a whole batch is one write and one promise,
 * and perKey() encodes each column's fixed part once per batch, then only
 * `$<bytes>\r\n<key>\r\n` per key.
 *
 * Replies are parsed by redis-parser (the parser ioredis uses): incremental, so a
 * reply that arrives in many TCP chunks is resumed where it stopped, never parsed
 * again from its start. The connection speaks RESP2 only and never sends HELLO 3;
 * a reply type RESP2 does not have (a RESP3 map, set, push, …) fails the connection
 * with a clear error instead of being mis-read.
 *
 * Use it through readOnly() (openScanConnection does): every command still goes
 * through the allowlist.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { KeyColumn, RawConnection, ReadOnlyClient, RenameMap, readOnly } from './allowlist';
import { MAX_REPLY_BYTES } from './reply-size';

// ---------------------------------------------------------------------------
// redis-parser (no type declarations of its own; only what is used here)

interface ReplyParserOptions {
  returnReply(reply: unknown): void;
  /** A top-level error reply (a ReplyError); one inside an array stays an element. */
  returnError(err: Error): void;
  /** A byte the parser cannot read (a ParserError); its state is unusable afterwards. */
  returnFatalError(err: Error): void;
  returnBuffers?: boolean;
  stringNumbers?: boolean;
}
interface ReplyParser { execute(chunk: Buffer): void; reset(): void }
const RedisParser = require('redis-parser') as new (o: ReplyParserOptions) => ReplyParser;

// ---------------------------------------------------------------------------

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
  private dead: Error | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly parser: ReplyParser;
  /** Bytes received since the last complete reply: a reply larger than MAX_REPLY_BYTES ends the connection as it arrives. */
  private unanswered = 0;

  private constructor(private readonly sock: net.Socket, private readonly timeoutMs: number, private readonly address: string) {
    this.parser = new RedisParser({
      returnReply: v => this.onReply(v),
      returnError: e => this.onReply(e),
      returnFatalError: e => this.fail(new Error(`protocol error from ${address}: ${reason(e)}`)),
    });
    sock.setNoDelay(true);
    sock.on('data', d => {
      if (this.dead) return;
      this.unanswered += d.length;
      if (this.unanswered > MAX_REPLY_BYTES) {
        this.fail(new Error(`a reply from ${address} is larger than ${MAX_REPLY_BYTES / (1024 * 1024)} MB: refused, not read`));
        return;
      }
      try {
        this.parser.execute(d);
      } catch (e) { // never expected; a throw from a socket handler would take the whole process down
        this.fail(new Error(`protocol error from ${address}: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
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
        resolve(new RespConnection(sock, o.commandTimeoutMs ?? 15_000, `${o.host}:${o.port}`));
      });
    });
  }

  call(command: string, ...args: Array<string | number>): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    const refused = resp3Request(command, args);
    if (refused) return Promise.reject(refused);
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
        for (const [c, a] of cmds) {
          const refused = resp3Request(c, a);
          if (refused) return Promise.reject(refused);
        }
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
    // (the parser is dropped, not reset: this may run inside its execute(), which would then read a reset state)
    const pending = this.queue.slice(this.head);
    this.queue.length = 0;
    this.head = 0;
    for (const p of pending) p.reject(e);
  }

  /** One complete top-level reply (an Error for an error reply), in the order the commands went out. */
  private onReply(v: unknown): void {
    if (this.dead) return;
    this.unanswered = 0;
    const p = this.queue[this.head];
    if (p === undefined) {
      this.fail(new Error(`protocol error from ${this.address}: a reply arrived with no command waiting for it`));
      return;
    }
    if (p.flat) {
      p.replies![p.replies!.length - p.n] = v;
      if (--p.n === 0) this.done(p, p.replies);
    } else if (p.replies) {
      p.replies[p.replies.length - p.n] = v instanceof Error ? [v, undefined] : [null, v];
      if (--p.n === 0) this.done(p, p.replies);
    } else if (v instanceof Error) {
      this.head++;
      this.settled();
      p.reject(v);
    } else this.done(p, v);
  }

  private done(p: Pending, value: unknown): void {
    this.head++;
    this.settled();
    p.resolve(value);
  }

  /** After an entry completed: reset the queue and the reply timer when nothing is outstanding. */
  private settled(): void {
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    } else this.timer?.refresh();
  }
}

/** The parser's message without the buffer dump it carries; says what the byte likely was. */
function reason(e: Error): string {
  const m = /got ("(?:[^"\\]|\\.)*") as reply type byte/.exec(e.message);
  if (!m) return e.message;
  return `got ${m[1]} as reply type byte, which RESP2 does not have (a RESP3 reply?); this connection speaks RESP2 only`;
}

/** HELLO with a protocol version other than 2 would switch the connection to RESP3: refused before it is sent. */
function resp3Request(command: string, args: ReadonlyArray<string | number>): Error | undefined {
  if (command.length !== 5 || command.toUpperCase() !== 'HELLO' || args.length === 0 || String(args[0]) === '2') return undefined;
  return new Error(`HELLO ${args[0]}: this connection speaks RESP2 only`);
}

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

// ---------------------------------------------------------------------------

export interface ScanConnectionOptions extends RespOptions {
  username?: string;
  password?: string;
  /** Database index (SELECT), default 0. */
  db?: number;
  renames?: RenameMap;
}

/** A RespConnection behind the allowlist, authenticated and on the right database. */
export async function openScanConnection(o: ScanConnectionOptions): Promise<{ client: ReadOnlyClient; raw: RespConnection; close(): void }> {
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
