/**
 * One monitored connection: its live link, the last snapshot and its evaluation,
 * refreshed on demand or on an interval. Plain module (no `vscode`), so the tree view
 * only renders what this holds. Never throws from refresh: failures become states.
 */
import { openLive, AnyLive, ConnectionProfile, Secrets, redact } from '../redis/connection';
import { collect, Snapshot } from './collect';
import { evaluate, worstStatus, HealthItem, HealthStatus as Status } from './evaluate';
import { Thresholds } from './thresholds';

export interface MonitorState {
  snapshot?: Snapshot;
  items: HealthItem[];
  worst: Status;
  /** Why nothing could be collected (no secrets). */
  error?: string;
  refreshedAt?: number;
  /** Round trip of the last refresh, ms. */
  refreshMs?: number;
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

  /** One refresh; concurrent calls share the one in flight. */
  refresh(): Promise<MonitorState> {
    if (this.busy) return this.busy;
    this.busy = (async () => {
      const started = Date.now();
      try {
        const live = this.connection();
        if (live.state === 'connecting') await live.whenSettled();
        const snapshot = await collect(live);
        const items = evaluate(snapshot, this.thresholds);
        this.state = { snapshot, items, worst: worstStatus(items), refreshedAt: Date.now(), refreshMs: Date.now() - started };
      } catch (e) {
        this.state = { items: [], worst: 'problem', error: redact(e instanceof Error ? e.message : String(e), this.secrets), refreshedAt: Date.now() };
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
    return this.live ? { state: this.live.state, message: this.live.message } : { state: 'idle' };
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
