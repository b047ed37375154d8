/**
 * The main thread's side of the check worker (check-worker.ts): sends it checks, quick-fix and
 * fix-all requests, one at a time in order, and cuts off a request that runs longer than
 * `timeoutMs` by stopping the worker (a new one starts for the next request). Hover, completion
 * and outline never wait for it.
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { AppliedFix, Fix, Level, Profile, ProfileChange, RelatedPlace, Severity } from '../engine';

/** A finding as it crosses from the worker: plain data, without fixes (those are asked for by index). */
export interface PlainFinding {
  line: number; character: number; endLine: number; endCharacter: number;
  severity: Severity; code: string; fatal: boolean; message: string;
  /** The why behind the message (shown by hover). */
  details?: string;
  serverMessage?: string;
  /** For a cross-file finding: the other files' lines (related information). */
  related?: RelatedPlace[];
}

interface Common { id: number; target: string; filePath?: string; profile: Profile; rules: Record<string, Level> }
export type CheckRequest =
  | Common & { kind: 'lint'; uri: string; version: number; text: string }
  | Common & { kind: 'fixes'; uri: string; version: number; indices: number[] }
  | Common & { kind: 'fixAll'; text: string; includeReview?: boolean; tracked?: boolean };

export type CheckReply =
  | { id: number; error: string }
  | { id: number; findings: PlainFinding[] }
  | { id: number; fixes: Fix[][] }
  | { id: number; text: string; applied: AppliedFix[]; changes?: ProfileChange[] };

type Omitted<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A check of a text larger than this is the worker's last (see `start`). */
const RECYCLE_AFTER_CHARS = 1024 * 1024;

/** Thrown when a request ran past the time limit (the worker was stopped). */
export class CheckTimeout extends Error {
  constructor(readonly ms: number) { super(`stopped after ${ms / 1000} s`); }
}

interface Pending { request: CheckRequest; resolve: (r: CheckReply) => void; reject: (e: Error) => void }

export class Checker {
  private worker: Worker | undefined;
  /** The worker has loaded the engine: time counts from here, not from the start of the thread. */
  private ready = false;
  private nextId = 1;
  private readonly queue: Pending[] = [];
  private running: (Pending & { timer: NodeJS.Timeout }) | undefined;

  constructor(private readonly timeoutMs: number, private readonly script = path.join(__dirname, 'check-worker.js')) {}

  /** Sends a request; it runs after those sent before it. */
  request<R extends CheckReply>(request: Omitted<CheckRequest>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ request: { ...request, id: this.nextId++ } as CheckRequest, resolve: resolve as (r: CheckReply) => void, reject });
      this.pump();
    });
  }

  /** Drops what the worker keeps for a closed document. */
  forget(uri: string): void {
    this.worker?.postMessage({ kind: 'forget', uri });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    const w = new Worker(this.script);
    this.ready = false;
    w.on('message', (reply: CheckReply | 'ready') => {
      if (reply === 'ready') { this.ready = true; this.pump(); return; }
      const r = this.running;
      if (!r || r.request.id !== reply.id) return;
      clearTimeout(r.timer);
      this.running = undefined;
      // after a large text the worker's heap stays as large as it grew (V8 keeps it): a new worker
      // for the next request gives that memory back (quick fixes of that text are then not offered)
      if (r.request.kind === 'lint' && r.request.text.length > RECYCLE_AFTER_CHARS) this.retire(w);
      if ('error' in reply) r.reject(new Error(reply.error));
      else r.resolve(reply);
      this.pump();
    });
    // a worker that dies (out of memory, say) fails its request; the next one gets a new worker
    w.on('error', e => this.lost(w, e));
    w.on('exit', code => this.lost(w, new Error(`the check worker exited (${code})`)));
    w.unref();
    return w;
  }

  private retire(w: Worker): void {
    if (this.worker === w) this.worker = undefined;
    void w.terminate();
  }

  private lost(w: Worker, e: Error): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    const r = this.running;
    this.running = undefined;
    if (r) { clearTimeout(r.timer); r.reject(e); }
    // a worker that dies before it is ready would die again: fail what waits instead of looping
    if (!this.ready) { for (const p of this.queue.splice(0)) p.reject(e); return; }
    this.pump();
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    const w = this.worker ??= this.start();
    if (!this.ready) return; // pumped again when it is
    const next = this.queue.shift()!;
    const timer = setTimeout(() => {
      // the worker is busy with this request and answers nothing else: stop it
      this.worker = undefined;
      this.running = undefined;
      void w.terminate();
      next.reject(new CheckTimeout(this.timeoutMs));
      this.pump();
    }, this.timeoutMs);
    this.running = { ...next, timer };
    w.postMessage(next.request);
  }
}
