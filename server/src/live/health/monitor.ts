/**
 * One monitored connection: its live link, the last snapshot and its evaluation,
 * refreshed on demand or on an interval. Plain module (no `vscode`), so the tree view
 * only renders what this holds. Never throws from refresh: failures become states.
 * The items and messages it holds are redacted with its connection's secrets (servers can
 * echo them in errors), and `redact` is how the sidebar scrubs any other text about this
 * connection. The raw snapshot is kept for what is computed from it, never shown as is.
 */
import { openLive, AnyLive, ConnectionProfile, Secrets } from '../redis/connection';
import { errorText, redact, SecretValues } from '../redact';
import { collect, Snapshot } from './collect';
import { coverage, Coverage, evaluate, worstStatus, HealthItem, HealthStatus as Status } from './evaluate';
import { Thresholds } from './thresholds';

export interface MonitorState {
  snapshot?: Snapshot;
  items: HealthItem[];
  worst: Status;
  /** What the last refresh managed to check. */
  coverage?: Coverage;
  /** Why nothing could be collected (no secrets). */
  error?: string;
  refreshedAt?: number;
  /** Round trip of the last refresh, ms. */
  refreshMs?: number;
}

/** The items with their texts (label, value, why) redacted; ids stay as they are. */
function redactItems(items: HealthItem[], secrets: SecretValues): HealthItem[] {
  return items.map(i => ({
    ...i, label: redact(i.label, secrets), value: redact(i.value, secrets), why: redact(i.why, secrets),
    ...(i.children ? { children: redactItems(i.children, secrets) } : {}),
  }));
}

export class Monitor {
  private live: AnyLive | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<MonitorState> | undefined;
  private listeners: Array<(s: MonitorState) => void> = [];
  state: MonitorState = { items: [], worst: 'unknown' };

  constructor(readonly profile: ConnectionProfile, private readonly secrets: Secrets, private thresholds: Thresholds) {}

  onChange(cb: (s: MonitorState) => void): () => void {
    this.listeners.push(cb);
    return () => { this.listeners = this.listeners.filter(l => l !== cb); };
  }

  /** The live link (opened on first use). */
  connection(): AnyLive {
    if (!this.live) {
      this.live = openLive(this.profile, this.secrets);
      this.live.onState(() => this.emit());
    }
    return this.live;
  }

  setThresholds(t: Thresholds): void { this.thresholds = t; }

  /** The secrets, for the key scanner's own connection only (never logged, never part of the state). */
  secretsForScan(): Secrets { return this.secrets; }

  /** `text` with this connection's secrets (and any URL userinfo) replaced by ***. */
  redact(text: string): string { return redact(text, this.secrets); }

  /** One refresh; concurrent calls share the one in flight. */
  refresh(): Promise<MonitorState> {
    if (this.busy) return this.busy;
    this.busy = (async () => {
      const started = Date.now();
      try {
        const live = this.connection();
        if (live.state === 'connecting') await live.whenSettled();
        const snapshot = await collect(live);
        // the texts, not the data: a password that is also a word must not change what is evaluated
        const items = redactItems(evaluate(snapshot, this.thresholds), this.secrets);
        this.state = { snapshot, items, worst: worstStatus(items), coverage: coverage(snapshot), refreshedAt: Date.now(), refreshMs: Date.now() - started };
      } catch (e) {
        this.state = { items: [], worst: 'problem', error: errorText(e, this.secrets), refreshedAt: Date.now() };
      } finally {
        this.busy = undefined;
      }
      this.emit();
      return this.state;
    })();
    return this.busy;
  }

  /** Refresh every `seconds` (0 = stop). */
  every(seconds: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (seconds > 0) this.timer = setInterval(() => { void this.refresh(); }, seconds * 1000);
  }

  connectionState(): { state: string; message?: string } {
    return this.live ? { state: this.live.state, message: this.live.message === undefined ? undefined : this.redact(this.live.message) } : { state: 'idle' };
  }

  async dispose(): Promise<void> {
    this.every(0);
    this.listeners = [];
    const l = this.live;
    this.live = undefined;
    await l?.close();
  }

  private emit(): void {
    for (const l of this.listeners) {
      try { l(this.state); } catch { /* a listener's failure is not ours */ }
    }
  }
}
