/**
 * The live connection to one server: one ioredis connection behind the allowlist, with the
 * command timeout, the PING heartbeat and the state machine. Sentinel and cluster lives are
 * built from these.
 */
import Redis, { RedisOptions } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { isAllowed, NotPermittedError, RawConnection, readOnly, ReadOnlyClient, RenameMap, wireName } from '../allowlist';
import { TlsProfile, tlsFor, tlsOptionsFor } from '../tls';
import { MAX_REPLY_BYTES, ReplySizeWatch } from '../reply-size';
import { classifyError, CommandTimeoutError, ConnectionConfigError, ReplyTooLargeError } from './errors';
import {
  ConnectionProfile, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, HostPort, Live, LiveOptions, LiveState, LiveStatus,
  MIN_COMMAND_TIMEOUT_MS, Secrets,
} from './types';
import { fmtAddress, parseRedisUrl } from './url';
import { redact } from '../../redact';
import { guardDebugOutput } from './debug-output';

interface Endpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: TlsProfile;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  renames?: RenameMap;
  /** Secrets to scrub from every message. */
  secrets: Secrets;
}

/** Secrets per live object, out of reach of JSON.stringify / util.inspect (sentinel and cluster lives too). */
export const SECRETS = new WeakMap<object, Secrets>();

/** ioredis' errors for commands that were in flight when the socket closed. */
const CLOSED_RE = /Connection is closed|Stream isn't writeable|aborted due to connection close/i;

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(onTimeout()), ms);
    p.then(v => { clearTimeout(t); resolve(v); }, e => { clearTimeout(t); reject(e); });
  });
}

class StandaloneLive implements Live {
  readonly kind = 'standalone' as const;
  readonly address: string;
  readonly host: string;
  readonly port: number;
  readonly client: ReadOnlyClient;
  declare readonly raw: Redis;
  readonly commandTimeoutMs: number;
  private _state: LiveState = 'connecting';
  private _message: string | undefined;
  private _since = Date.now();
  private readonly listeners = new Set<(s: LiveStatus) => void>();
  private readonly samples: number[] = [];
  private probing: Promise<number | undefined> | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closing = false;
  private readonly tls: boolean;
  /** Set when this socket was closed because a reply passed MAX_REPLY_BYTES (until the next connect). */
  private cut: ReplyTooLargeError | undefined;
  private readonly unguardDebug: () => void;

  constructor(ep: Endpoint, private readonly opts: LiveOptions = {}) {
    this.host = ep.host;
    this.port = ep.port;
    this.address = fmtAddress(ep.host, ep.port);
    SECRETS.set(this, ep.secrets);
    this.unguardDebug = guardDebugOutput(ep.secrets);
    this.commandTimeoutMs = Math.max(MIN_COMMAND_TIMEOUT_MS, ep.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
    const renames = ep.renames ?? {};
    this.tls = !!ep.tls?.enabled;

    const tlsOptions: RedisOptions['tls'] = ep.tls?.enabled ? tlsOptionsFor(ep.tls, ep.host) : undefined;
    const retry = opts.retry;
    const baseMs = retry === false ? 0 : Math.max(10, retry?.baseMs ?? 500);
    const maxMs = retry === false ? 0 : Math.max(baseMs, retry?.maxMs ?? 30000);
    // CLIENT SETNAME is sent by ioredis itself during the handshake: only when allowed and not renamed.
    const setName = isAllowed('client', 'setname') && wireName('client', renames) === 'CLIENT';
    const options: RedisOptions = {
      host: ep.host,
      port: ep.port,
      username: ep.username || undefined,
      password: ep.password || undefined,
      db: ep.db ?? 0,
      lazyConnect: true,
      enableReadyCheck: false,        // the ready check sends INFO, which may be forbidden or renamed
      enableOfflineQueue: false,      // fail fast while down instead of queueing
      maxRetriesPerRequest: 1,
      autoResendUnfulfilledCommands: false,
      autoResubscribe: false,
      disableClientInfo: true,        // ioredis 5.4+ would send CLIENT SETINFO (not allowlisted)
      connectionName: setName ? 'redis-guard' : undefined,
      connectTimeout: ep.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // no ioredis commandTimeout: it would also time out AUTH/SETNAME and loop; ours wraps `client` only
      keepAlive: 15000,
      retryStrategy: retry === false ? () => null : () => {
        const d = Math.min(maxMs, baseMs * 2 ** Math.min(this.attempt++, 20));
        return Math.round(d * (0.8 + Math.random() * 0.4));
      },
      reconnectOnError: () => false,
      ...(tlsOptions ? { tls: tlsOptions } : {}),
    };
    const raw = new Redis(options);
    Object.defineProperty(this, 'raw', { value: raw, enumerable: false, writable: false });

    raw.on('error', e => this.onError(e));
    raw.on('connect', () => {
      this.watchReplySizes();
      // socket is up, handshake (AUTH, CLIENT SETNAME) in flight: a frozen server never finishes it
      if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
      this.handshakeTimer = setTimeout(() => {
        this.handshakeTimer = undefined;
        if (raw.status === 'connect' && !this.closing) {
          this.setState('stalled', `${this.address} accepted the connection but did not complete the handshake within ${this.commandTimeoutMs} ms`);
        }
      }, this.commandTimeoutMs);
      this.handshakeTimer.unref();
    });
    raw.on('ready', () => {
      if (this.handshakeTimer) { clearTimeout(this.handshakeTimer); this.handshakeTimer = undefined; }
      void this.probe();
    });
    raw.on('close', () => {
      if (this.handshakeTimer) { clearTimeout(this.handshakeTimer); this.handshakeTimer = undefined; }
      if (this.closing) return;
      if (this._state === 'ready' || this._state === 'stalled' || this._state === 'loading' || this._state === 'connecting') {
        this.setState('down', `connection to ${this.address} lost; reconnecting`);
      }
    });
    raw.on('end', () => { // no more reconnects (retry: false)
      if (this.closing || this._state === 'auth-failed' || this._state === 'tls-error' || this._state === 'down') return;
      this.setState('down', `disconnected from ${this.address}`);
    });

    const timed: RawConnection = {
      call: (command, ...args) => this.guard(raw.call(command, ...args)),
      pipeline: () => {
        const p = raw.pipeline();
        return {
          call: (command: string, ...args: Array<string | number>) => p.call(command, ...args),
          exec: () => this.guard(p.exec()).then(rs => (this.cut && rs ? this.blameCut(rs) : rs)),
        };
      },
    };
    this.client = readOnly(timed, renames);

    raw.connect().catch(() => { /* reported through the 'error' event */ });
    const hb = opts.heartbeatMs ?? 5000;
    if (hb > 0) {
      this.heartbeat = setInterval(() => {
        if (raw.status === 'ready' && this._state !== 'closed') void this.probe();
      }, hb);
      this.heartbeat.unref();
    }
  }

  get state(): LiveState { return this._state; }
  get message(): string | undefined { return this._message; }
  get pingMs(): number | undefined {
    if (!this.samples.length) return undefined;
    const s = [...this.samples].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  }
  status(): LiveStatus { return { state: this._state, message: this._message, since: this._since }; }
  toJSON(): object { return { kind: this.kind, address: this.address, state: this._state, message: this._message, pingMs: this.pingMs }; }

  onState(cb: (s: LiveStatus) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  whenSettled(timeoutMs = 30000): Promise<LiveState> {
    if (this._state !== 'connecting') return Promise.resolve(this._state);
    return new Promise(resolve => {
      const t = setTimeout(() => { off(); resolve(this._state); }, timeoutMs);
      const off = this.onState(s => {
        if (s.state !== 'connecting') { clearTimeout(t); off(); resolve(s.state); }
      });
    });
  }

  probe(): Promise<number | undefined> {
    if (this.probing) return this.probing;
    const t0 = performance.now();
    this.probing = this.client.call(['ping']).then(
      () => {
        const ms = performance.now() - t0;
        this.samples.push(ms);
        if (this.samples.length > 3) this.samples.shift();
        this.attempt = 0;
        this.setState('ready', undefined);
        return ms as number | undefined;
      },
      e => {
        if (e instanceof NotPermittedError) { // the server answered; PING itself is forbidden
          this.attempt = 0;
          this.setState('ready', undefined);
          return undefined;
        }
        if (e instanceof CommandTimeoutError) return undefined; // guard() already set 'stalled'
        const c = classifyError(e, this.address, this.tls);
        if (c && c.state !== 'down') this.setState(c.state, c.message);
        return undefined;
      },
    ).finally(() => { this.probing = undefined; });
    return this.probing;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.unguardDebug();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.setState('closed', undefined);
    const raw = this.raw;
    if (raw.status === 'end') return;
    if (raw.status === 'reconnecting' || raw.status === 'close') { raw.disconnect(); return; } // no socket: just cancel the retry
    await new Promise<void>(resolve => {
      const t = setTimeout(resolve, 1000);
      raw.once('end', () => { clearTimeout(t); resolve(); });
      raw.disconnect(); // closes the socket; never QUIT (not allowlisted)
    });
  }

  /** Applies the command timeout to one call or pipeline and updates ready/stalled. */
  private guard<T>(p: Promise<T>): Promise<T> {
    return withTimeout(p, this.commandTimeoutMs, () => {
      if (this.raw.status === 'ready' || this.raw.status === 'connect') {
        this.setState('stalled', `${this.address} accepted the connection but did not answer within ${this.commandTimeoutMs} ms`);
      }
      return new CommandTimeoutError(this.address, this.commandTimeoutMs);
    }).then(v => {
      if (this._state === 'stalled') this.setState('ready', undefined);
      return v;
    }, e => {
      if (this.cut && CLOSED_RE.test((e as Error)?.message ?? '')) throw this.cut;
      if (this._state === 'stalled' && !(e instanceof CommandTimeoutError) && (e as Error)?.name === 'ReplyError') this.setState('ready', undefined);
      throw e;
    });
  }

  /**
   * Counts the bytes of each reply as they arrive on this socket and closes it when one passes
   * MAX_REPLY_BYTES, before ioredis has read it whole.
   */
  private watchReplySizes(): void {
    this.cut = undefined;
    const stream = this.raw.stream;
    const watch = new ReplySizeWatch(MAX_REPLY_BYTES);
    const onData = (chunk: Buffer) => {
      if (watch.feed(chunk) || this.cut) return;
      this.cut = new ReplyTooLargeError(this.address, MAX_REPLY_BYTES);
      stream.off('data', onData);
      this.setState('down', this.cut.message);
      stream.destroy();
    };
    stream.on('data', onData);
  }

  /** After a cut: the first unanswered command of a pipeline is the one whose reply was too large. */
  private blameCut(rs: Array<[Error | null, unknown]>): Array<[Error | null, unknown]> {
    let blamed = false;
    return rs.map(([err, v]) => {
      if (!err || !CLOSED_RE.test(err.message)) return [err, v];
      if (blamed) return [new Error(`not answered: the connection was closed after a reply larger than ${MAX_REPLY_BYTES / (1024 * 1024)} MB`), undefined];
      blamed = true;
      return [this.cut!, undefined];
    });
  }

  private onError(e: unknown): void {
    if (this.closing) return;
    const c = classifyError(e, this.address, this.tls);
    if (c) this.setState(c.state, c.message);
  }

  private setState(state: LiveState, message: string | undefined): void {
    if (this._state === 'closed') return;
    const msg = message === undefined ? undefined : redact(message, SECRETS.get(this));
    if (state === 'stalled') this.armStallReconnect();
    else if (this.stallTimer) { clearTimeout(this.stallTimer); this.stallTimer = undefined; }
    if (state === this._state && msg === this._message) return;
    if (state !== this._state) this._since = Date.now();
    this._state = state;
    this._message = msg;
    const s = this.status();
    for (const cb of [...this.listeners]) {
      try { cb(s); } catch { /* a listener's bug must not break the connection */ }
    }
  }

  private armStallReconnect(): void {
    const ms = this.opts.stallReconnectMs ?? 60000;
    if (ms <= 0 || this.stallTimer) return;
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      if (this._state === 'stalled' && !this.closing) this.raw.disconnect(true);
    }, ms);
    this.stallTimer.unref();
  }
}

/** Opens a standalone read-only connection (profile.url). Connects in the background; see `state`. */
export function openStandalone(profile: ConnectionProfile, secrets: Secrets = {}, opts: LiveOptions = {}): Live {
  if (!profile.url) throw new ConnectionConfigError(`profile "${profile.name}" has no URL`);
  const u = parseRedisUrl(profile.url);
  const password = secrets.password ?? u.password;
  return new StandaloneLive({
    host: u.host, port: u.port,
    username: profile.username ?? u.username,
    password,
    db: profile.db ?? u.db,
    tls: tlsFor(profile, u.tls),
    connectTimeoutMs: profile.connectTimeoutMs,
    commandTimeoutMs: profile.commandTimeoutMs,
    renames: profile.renames,
    secrets: { ...secrets, password },
  }, opts);
}

/** A standalone Live to host:port with the profile's data-node settings (auth, TLS, timeouts, renames). */
export function openNode(profile: ConnectionProfile, secrets: Secrets, addr: HostPort, opts: LiveOptions = {}, db?: number): Live {
  return new StandaloneLive({
    host: addr.host, port: addr.port,
    username: profile.username,
    password: secrets.password,
    db,
    tls: tlsFor(profile, false),
    connectTimeoutMs: profile.connectTimeoutMs,
    commandTimeoutMs: profile.commandTimeoutMs,
    renames: profile.renames,
    secrets,
  }, opts);
}

/** A standalone Live to one sentinel (sentinel credentials, the profile's TLS settings, no renames). */
export function openSentinelNode(profile: ConnectionProfile, secrets: Secrets, addr: HostPort, opts: LiveOptions = {}): Live {
  return new StandaloneLive({
    host: addr.host, port: addr.port,
    username: profile.sentinelUsername,
    password: secrets.sentinelPassword,
    tls: tlsFor(profile, false),
    connectTimeoutMs: profile.connectTimeoutMs,
    commandTimeoutMs: profile.commandTimeoutMs,
    secrets,
  }, opts);
}
