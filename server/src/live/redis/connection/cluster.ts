/** A live for a cluster: CLUSTER NODES from a seed, and one standalone live per node. */
import { ReadOnlyClient } from '../allowlist';
import { ClusterNode, parseClusterNodes } from '../info';
import { Emitter, settleTimeout } from './composite';
import { ConnectionConfigError } from './errors';
import { openNode, SECRETS } from './standalone';
import { ConnectionProfile, HostPort, Live, LiveOptions, LiveState, LiveStatus, Secrets } from './types';
import { fmtAddress } from './url';

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
