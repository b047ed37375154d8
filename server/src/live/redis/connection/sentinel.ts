/** A live that follows a sentinel-managed primary, reconnecting when a failover moves it. */
import { ReadOnlyClient } from '../allowlist';
import { Emitter, settleTimeout } from './composite';
import { ConnectionConfigError } from './errors';
import { openNode, openSentinelNode, SECRETS } from './standalone';
import { ConnectionProfile, HostPort, Live, LiveOptions, LiveState, LiveStatus, Secrets } from './types';
import { fmtAddress } from './url';
import { redact } from '../../redact';

const sameAddr = (a: HostPort | undefined, b: HostPort | undefined) => !!a && !!b && a.host === b.host && a.port === b.port;

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
