/** What the lives built from several connections (sentinel, cluster) share: their state and how long to wait for one. */
import { ConnectionProfile, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, LiveState, LiveStatus, MIN_COMMAND_TIMEOUT_MS } from './types';

/** The state of a composite live and its listeners. */
export class Emitter {
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

/** How long one connection may take to settle: connect timeout plus command timeout. */
export function settleTimeout(profile: ConnectionProfile): number {
  return (profile.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS) + Math.max(MIN_COMMAND_TIMEOUT_MS, profile.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
}
