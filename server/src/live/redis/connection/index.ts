/**
 * Connection profiles and live, read-only connections to Redis / Valkey / Memurai.
 * Plain Node module (no `vscode`). Every command goes through the allowlist (`readOnly`).
 *
 * Public API (kept stable; topology tests and the key-pattern code rely on it):
 *   interface ConnectionProfile, interface Secrets, type LiveState, interface LiveOptions
 *   parseRedisUrl(url): ParsedRedisUrl        host, port, username, password, db, tls, display (no credentials)
 *   openStandalone(profile, secrets, opts?): Live
 *       one ioredis connection (enableReadyCheck false, lazyConnect, offline queue off, capped
 *       exponential reconnect backoff, error listener, optional TLS) wrapped by the allowlist,
 *       with a per-command timeout that never applies to the handshake, and a PING heartbeat
 *       that drives `state`: connecting → ready | down | auth-failed | tls-error | stalled | loading.
 *   openSentinel(profile, secrets, opts?): SentinelLive
 *       asks the sentinels (one standalone connection at a time) for the primary with
 *       SENTINEL GET-MASTER-ADDR-BY-NAME, connects to it standalone, and re-resolves when it
 *       goes down/stalls or on every heartbeat (this is how a failover is followed).
 *       `client` always talks to the current primary; `sentinel` is the sentinel connection.
 *   openCluster(profile, secrets, opts?): ClusterLive
 *       reads CLUSTER NODES from a seed and opens one standalone read-only Live per node
 *       (no ioredis Cluster, no CLUSTER SLOTS, no MOVED following). `refresh()` re-reads it.
 *   openLive(profile, secrets, opts?)          dispatches on profile.kind
 *   class ConnectionConfigError                thrown synchronously for an unusable profile
 *   redact(text, secrets)                      replaces secrets in a string with ***
 *
 * Secrets (`Secrets`) are passed separately and never appear in a message, a state, or an
 * enumerable property of a returned object (`raw` is non-enumerable: ioredis keeps the
 * password in `raw.options`).
 */
import { ReadOnlyClient } from '../allowlist';
import { ClusterNode, parseClusterNodes } from '../info';
import { ConnectionConfigError } from './errors';
import { openNode, openSentinelNode, openStandalone, SECRETS } from './standalone';
import {
  ConnectionProfile, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, HostPort, Live, LiveOptions, LiveState, LiveStatus,
  MIN_COMMAND_TIMEOUT_MS, Secrets,
} from './types';
import { fmtAddress, redact } from './url';

export { CommandTimeoutError, ConnectionConfigError } from './errors';
export type { TlsProfile } from '../tls';
export type { ConnectionProfile, HostPort, Live, LiveOptions, LiveState, LiveStatus, Secrets } from './types';
export { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, MIN_COMMAND_TIMEOUT_MS } from './types';
export type { ParsedRedisUrl } from './url';
export { parseRedisUrl, redact } from './url';
export { openNode, openSentinelNode, openStandalone } from './standalone';

// ---------------------------------------------------------------------------
// shared bits for composite lives

class Emitter {
  private readonly listeners = new Set<(s: LiveStatus) => void>();
  private last: LiveStatus = { state: 'connecting', message: undefined, since: Date.now() };
  get status(): LiveStatus { return this.last; }
  on(cb: (s: LiveStatus) => void): () => void { this.listeners.add(cb); return () => this.listeners.delete(cb); }
  set(state: LiveState, message: string | undefined): void {
    if (this.last.state === 'closed') return;
    if (state === this.last.state && message === this.last.message) return;
    this.last = { state, message, since: state === this.last.state ? this.last.since : Date.now() };
    for (const cb of [...this.listeners]) { try { cb(this.last); } catch { /* ignore */ } }
  }
  whenSettled(timeoutMs: number): Promise<LiveState> {
    if (this.last.state !== 'connecting') return Promise.resolve(this.last.state);
    return new Promise(resolve => {
      const t = setTimeout(() => { off(); resolve(this.last.state); }, timeoutMs);
      const off = this.on(s => { if (s.state !== 'connecting') { clearTimeout(t); off(); resolve(s.state); } });
    });
  }
}

function settleTimeout(profile: ConnectionProfile): number {
  return (profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + Math.max(MIN_COMMAND_TIMEOUT_MS, profile.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
}

const sameAddr = (a: HostPort | undefined, b: HostPort | undefined) => !!a && !!b && a.host === b.host && a.port === b.port;

// ---------------------------------------------------------------------------
// sentinel

export interface SentinelLive {
  readonly kind: 'sentinel';
  readonly masterName: string;
  /** Current primary host:port, or "<masterName> (unresolved)". */
  readonly address: string;
  /** Talks to the current primary (fails while none is resolved). */
  readonly client: ReadOnlyClient;
  /** The primary's state (or 'down' / 'auth-failed' when no sentinel answers). */
  readonly state: LiveState;
  readonly message: string | undefined;
  readonly pingMs: number | undefined;
  /** The connection to the primary, when resolved. */
  readonly primary: Live | undefined;
  readonly primaryAddress: HostPort | undefined;
  /** The sentinel connection in use (for SENTINEL commands). */
  readonly sentinel: Live | undefined;
  status(): LiveStatus;
  onState(cb: (s: LiveStatus) => void): () => void;
  whenSettled(timeoutMs?: number): Promise<LiveState>;
  /** Asks the sentinels for the primary now and reconnects if it moved. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

class SentinelLiveImpl implements SentinelLive {
  readonly kind = 'sentinel' as const;
  readonly masterName: string;
  readonly client: ReadOnlyClient;
  private readonly em = new Emitter();
  private _primary: Live | undefined;
  private _primaryAddr: HostPort | undefined;
  private _sentinel: Live | undefined;
  private sentinelIndex = 0;
  private refreshing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private offPrimary: (() => void) | undefined;

  constructor(private readonly profile: ConnectionProfile, secrets: Secrets, private readonly opts: LiveOptions) {
    SECRETS.set(this, secrets);
    if (!profile.masterName) throw new ConnectionConfigError(`profile "${profile.name}" has no masterName`);
    if (!profile.sentinels?.length) throw new ConnectionConfigError(`profile "${profile.name}" lists no sentinels`);
    this.masterName = profile.masterName;
    const current = () => {
      if (!this._primary) throw new Error(`no primary resolved for "${this.masterName}"${this.em.status.message ? `: ${this.em.status.message}` : ''}`);
      return this._primary.client;
    };
    this.client = { call: async argv => current().call(argv), pipeline: async cmds => current().pipeline(cmds) };
    void this.refresh();
    const every = opts.heartbeatMs ?? 5000;
    if (every > 0) {
      this.timer = setInterval(() => { void this.refresh(); }, every);
      this.timer.unref();
    }
  }

  get address(): string { return this._primaryAddr ? fmtAddress(this._primaryAddr.host, this._primaryAddr.port) : `${this.masterName} (unresolved)`; }
  get state(): LiveState { return this.em.status.state; }
  get message(): string | undefined { return this.em.status.message; }
  get pingMs(): number | undefined { return this._primary?.pingMs; }
  get primary(): Live | undefined { return this._primary; }
  get primaryAddress(): HostPort | undefined { return this._primaryAddr; }
  get sentinel(): Live | undefined { return this._sentinel; }
  status(): LiveStatus { return this.em.status; }
  toJSON(): object { return { kind: this.kind, address: this.address, state: this.state, message: this.message }; }
  private get secrets_(): Secrets { return SECRETS.get(this) ?? {}; }
  onState(cb: (s: LiveStatus) => void): () => void { return this.em.on(cb); }
  whenSettled(timeoutMs = settleTimeout(this.profile) * 2): Promise<LiveState> { return this.em.whenSettled(timeoutMs); }

  refresh(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.refreshing ??= this.doRefresh().catch(() => { /* state already set */ }).finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private async ensureSentinel(): Promise<Live | undefined> {
    if (this._sentinel && (this._sentinel.state === 'ready' || this._sentinel.state === 'stalled')) return this._sentinel;
    const list = this.profile.sentinels!;
    const failures: string[] = [];
    for (let i = 0; i < list.length && !this.closed; i++) {
      const idx = (this.sentinelIndex + i) % list.length;
      const prev = this._sentinel;
      this._sentinel = undefined;
      await prev?.close();
      const s = openSentinelNode(this.profile, this.secrets_, list[idx], { ...this.opts, heartbeatMs: this.opts.heartbeatMs ?? 5000 });
      const st = await s.whenSettled(settleTimeout(this.profile));
      if (st === 'ready' && !this.closed) {
        this._sentinel = s;
        this.sentinelIndex = idx;
        return s;
      }
      failures.push(s.message ?? `${s.address}: ${st}`);
      await s.close();
    }
    this.sentinelIndex = (this.sentinelIndex + 1) % list.length;
    const authFailed = failures.some(f => /authentication failed/.test(f));
    if (!this._primary || this._primary.state !== 'ready') {
      this.em.set(authFailed ? 'auth-failed' : 'down', `no sentinel for "${this.masterName}" answered: ${failures.join('; ')}`);
    }
    return undefined;
  }

  private async doRefresh(): Promise<void> {
    const sentinel = await this.ensureSentinel();
    if (!sentinel || this.closed) return;
    let addr: HostPort | undefined;
    try {
      const reply = await sentinel.client.call(['sentinel', 'get-master-addr-by-name', this.masterName]);
      if (Array.isArray(reply) && reply.length >= 2) addr = { host: String(reply[0]), port: Number(reply[1]) };
    } catch (e) {
      if (!this._primary || this._primary.state !== 'ready') this.em.set('down', redact(`sentinel ${sentinel.address} could not tell the primary of "${this.masterName}": ${(e as Error).message}`, this.secrets_));
      return;
    }
    if (!addr) {
      this.em.set('down', `sentinel ${sentinel.address} does not know a master named "${this.masterName}"`);
      return;
    }
    if (sameAddr(addr, this._primaryAddr) && this._primary) return;
    // the primary moved (failover) or was never connected: reconnect
    this.offPrimary?.();
    const old = this._primary;
    const live = openNode(this.profile, this.secrets_, addr, this.opts, this.profile.db);
    this._primary = live;
    this._primaryAddr = addr;
    await old?.close();
    const forward = (s: LiveStatus) => {
      if (this._primary !== live) return;
      this.em.set(s.state, s.message);
      if (s.state === 'down' || s.state === 'stalled') void this.refresh();
    };
    this.offPrimary = live.onState(forward);
    this.em.set('connecting', `connecting to primary ${live.address} of "${this.masterName}"`);
    const st = await live.whenSettled(settleTimeout(this.profile));
    if (this._primary === live) this.em.set(st, live.message);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.offPrimary?.();
    await this.refreshing;
    await Promise.all([this._primary?.close(), this._sentinel?.close()]);
    this.em.set('closed', undefined);
  }
}

/** Follows the primary of profile.masterName through its sentinels. */
export function openSentinel(profile: ConnectionProfile, secrets: Secrets = {}, opts: LiveOptions = {}): SentinelLive {
  return new SentinelLiveImpl(profile, secrets, opts);
}

// ---------------------------------------------------------------------------
// cluster

export interface ClusterMember { node: ClusterNode; live: Live | undefined }

export interface ClusterLive {
  readonly kind: 'cluster';
  /** Seed in use, host:port. */
  readonly address: string;
  /** The seed connection's client (CLUSTER INFO / NODES). */
  readonly client: ReadOnlyClient;
  readonly state: LiveState;
  readonly message: string | undefined;
  /** Seed connection in use. */
  readonly seed: Live | undefined;
  /** Last CLUSTER NODES view. */
  readonly topology: ClusterNode[];
  /** Every known node with its own read-only connection (undefined for nodes without an address). */
  members(): ClusterMember[];
  liveFor(nodeId: string): Live | undefined;
  status(): LiveStatus;
  onState(cb: (s: LiveStatus) => void): () => void;
  whenSettled(timeoutMs?: number): Promise<LiveState>;
  /** Re-reads CLUSTER NODES and opens/closes node connections to match. */
  refresh(): Promise<ClusterNode[]>;
  close(): Promise<void>;
}

class ClusterLiveImpl implements ClusterLive {
  readonly kind = 'cluster' as const;
  readonly client: ReadOnlyClient;
  private readonly em = new Emitter();
  private _seed: Live | undefined;
  private _topology: ClusterNode[] = [];
  private readonly lives = new Map<string, Live>(); // node id → live
  private refreshing: Promise<ClusterNode[]> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private offSeed: (() => void) | undefined;

  constructor(private readonly profile: ConnectionProfile, secrets: Secrets, private readonly opts: LiveOptions) {
    SECRETS.set(this, secrets);
    if (!profile.nodes?.length) throw new ConnectionConfigError(`profile "${profile.name}" lists no cluster seed nodes`);
    const current = () => {
      if (!this._seed) throw new Error(`no cluster node reachable${this.em.status.message ? `: ${this.em.status.message}` : ''}`);
      return this._seed.client;
    };
    this.client = { call: async argv => current().call(argv), pipeline: async cmds => current().pipeline(cmds) };
    void this.refresh();
    const every = Math.max(1000, 2 * (opts.heartbeatMs ?? 5000));
    if ((opts.heartbeatMs ?? 5000) > 0) {
      this.timer = setInterval(() => { void this.refresh(); }, every);
      this.timer.unref();
    }
  }

  get address(): string { return this._seed?.address ?? this.profile.nodes!.map(n => fmtAddress(n.host, n.port)).join(','); }
  get state(): LiveState { return this.em.status.state; }
  get message(): string | undefined { return this.em.status.message; }
  get seed(): Live | undefined { return this._seed; }
  get topology(): ClusterNode[] { return this._topology; }
  members(): ClusterMember[] { return this._topology.map(node => ({ node, live: this.lives.get(node.id) })); }
  liveFor(nodeId: string): Live | undefined { return this.lives.get(nodeId); }
  status(): LiveStatus { return this.em.status; }
  toJSON(): object { return { kind: this.kind, address: this.address, state: this.state, message: this.message }; }
  private get secrets_(): Secrets { return SECRETS.get(this) ?? {}; }
  onState(cb: (s: LiveStatus) => void): () => void { return this.em.on(cb); }
  whenSettled(timeoutMs = settleTimeout(this.profile) * 2): Promise<LiveState> { return this.em.whenSettled(timeoutMs); }

  refresh(): Promise<ClusterNode[]> {
    if (this.closed) return Promise.resolve(this._topology);
    this.refreshing ??= this.doRefresh().catch(() => this._topology).finally(() => { this.refreshing = undefined; });
    return this.refreshing;
  }

  private candidates(): HostPort[] {
    const seen = new Set<string>();
    const out: HostPort[] = [];
    const add = (h: HostPort) => { const k = `${h.host}:${h.port}`; if (h.host && h.port && !seen.has(k)) { seen.add(k); out.push(h); } };
    if (this._seed) add({ host: this._seed.host, port: this._seed.port });
    this.profile.nodes!.forEach(add);
    this._topology.filter(n => !n.failing).forEach(n => add({ host: n.host, port: n.port }));
    return out;
  }

  private async ensureSeed(): Promise<Live | undefined> {
    if (this._seed && (this._seed.state === 'ready' || this._seed.state === 'stalled')) return this._seed;
    const failures: string[] = [];
    for (const addr of this.candidates()) {
      if (this.closed) return undefined;
      const known = [...this.lives.values()].find(l => l.host === addr.host && l.port === addr.port);
      const live = known ?? openNode(this.profile, this.secrets_, addr, this.opts);
      const st = await live.whenSettled(settleTimeout(this.profile));
      if (st === 'ready') {
        this.setSeed(live);
        return live;
      }
      failures.push(live.message ?? `${live.address}: ${st}`);
      if (!known) await live.close();
    }
    this.em.set(failures.some(f => /authentication failed/.test(f)) ? 'auth-failed' : failures.some(f => /^TLS/.test(f)) ? 'tls-error' : 'down',
      `no cluster node answered: ${failures.join('; ')}`);
    return undefined;
  }

  private setSeed(live: Live): void {
    if (this._seed === live) return;
    this.offSeed?.();
    this._seed = live;
    this.offSeed = live.onState(s => {
      if (this._seed !== live) return;
      this.em.set(s.state, s.message);
      if (s.state === 'down') void this.refresh();
    });
    this.em.set(live.state, live.message);
  }

  private async doRefresh(): Promise<ClusterNode[]> {
    const seed = await this.ensureSeed();
    if (!seed || this.closed) return this._topology;
    const text = await seed.client.call(['cluster', 'nodes']);
    const nodes = parseClusterNodes(String(text));
    for (const n of nodes) if (n.myself && !n.host) n.host = seed.host;
    // the seed is the connection for its own node
    const me = nodes.find(n => n.myself);
    if (me) {
      const prev = this.lives.get(me.id);
      if (prev && prev !== seed) await prev.close();
      for (const [id, l] of this.lives) if (l === seed && id !== me.id) this.lives.delete(id);
      this.lives.set(me.id, seed);
    }
    const wanted = new Set(nodes.map(n => n.id));
    for (const n of nodes) {
      if (n.myself) continue;
      const existing = this.lives.get(n.id);
      if (existing && (existing.host !== n.host || existing.port !== n.port)) { this.lives.delete(n.id); if (existing !== seed) await existing.close(); }
      if (!this.lives.has(n.id) && n.host && n.port && !n.flags.includes('noaddr') && !n.flags.includes('handshake')) {
        this.lives.set(n.id, openNode(this.profile, this.secrets_, { host: n.host, port: n.port }, this.opts));
      }
    }
    for (const [id, l] of [...this.lives]) {
      if (!wanted.has(id)) { this.lives.delete(id); if (l !== seed) await l.close(); }
    }
    this._topology = nodes;
    return nodes;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.offSeed?.();
    await this.refreshing;
    const all = new Set<Live>(this.lives.values());
    if (this._seed) all.add(this._seed);
    await Promise.all([...all].map(l => l.close()));
    this.lives.clear();
    this.em.set('closed', undefined);
  }
}

/** Reads the cluster's nodes from a seed and connects to each node standalone. */
export function openCluster(profile: ConnectionProfile, secrets: Secrets = {}, opts: LiveOptions = {}): ClusterLive {
  return new ClusterLiveImpl(profile, secrets, opts);
}

export type AnyLive = Live | SentinelLive | ClusterLive;

/** Opens whatever profile.kind asks for. */
export function openLive(profile: ConnectionProfile, secrets: Secrets = {}, opts: LiveOptions = {}): AnyLive {
  switch (profile.kind) {
    case 'standalone': return openStandalone(profile, secrets, opts);
    case 'sentinel': return openSentinel(profile, secrets, opts);
    case 'cluster': return openCluster(profile, secrets, opts);
    default: throw new ConnectionConfigError(`unknown profile kind "${(profile as ConnectionProfile).kind}"`);
  }
}
