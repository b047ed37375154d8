/**
 * Watches the bytes a server sends and finds where each top-level RESP reply ends, without
 * keeping any of it: ioredis reads every reply whole, so a 500 MB INFO would be read into
 * memory before anything could refuse it. The caller destroys the socket when `feed` says a
 * reply passed the cap. RESP2 and RESP3 types are known; a simple line longer than the cap
 * counts as too large too.
 *
 * Public API: MAX_REPLY_BYTES, class ReplySizeWatch { feed(chunk): boolean }
 */

/**
 * One reply on a health connection may be at most this big. INFO everything of a busy server
 * is tens of KB, CLUSTER NODES of 1,000 nodes about 250 KB, SLOWLOG GET 10 at most a few
 * hundred KB (the server truncates logged arguments).
 */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

const LF = 10;

type Mode = 'type' | 'line' | 'length' | 'bulk';

export class ReplySizeWatch {
  private mode: Mode = 'type';
  /** The type byte of the header being read ('$', '*', …). */
  private kind = 0;
  private header = '';
  /** Bytes of the bulk payload (+ CRLF) still to skip. */
  private skip = 0;
  /** Elements still expected by each open aggregate, innermost last. */
  private readonly open: number[] = [];
  /** Bytes of the current top-level reply so far. */
  private size = 0;
  /** A reply passed the cap (also one that arrived whole within a chunk). */
  private over = false;

  constructor(private readonly cap = MAX_REPLY_BYTES) {}

  /** Accounts for one chunk; false when the current reply is now larger than the cap. */
  feed(chunk: Uint8Array): boolean {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.mode === 'bulk') {
        const take = Math.min(this.skip, n - i);
        this.skip -= take;
        this.size += take;
        i += take;
        if (this.skip === 0) { this.mode = 'type'; this.done(); }
      } else if (this.mode === 'type') {
        this.kind = chunk[i++];
        this.size++;
        this.header = '';
        // bulk-like ($ blob, = verbatim, ! blob error) and aggregates (* array, % map, ~ set, > push, | attribute) have a length
        this.mode = '$=!*%~>|'.includes(String.fromCharCode(this.kind)) ? 'length' : 'line';
      } else {
        // a header or a simple line: up to LF
        const lf = chunk.indexOf(LF, i);
        const end = lf < 0 ? n : lf + 1;
        if (this.mode === 'length' && this.header.length < 24) this.header += Buffer.from(chunk.subarray(i, end)).toString('latin1');
        this.size += end - i;
        i = end;
        if (lf >= 0) this.headerDone();
      }
      if (this.over || this.size > this.cap) { this.over = true; return false; }
    }
    return true;
  }

  private headerDone(): void {
    if (this.mode === 'line') { this.mode = 'type'; this.done(); return; }
    const len = parseInt(this.header.replace(/[\r\n]/g, ''), 10);
    const type = String.fromCharCode(this.kind);
    if (!Number.isFinite(len) || len < 0) { this.mode = 'type'; this.done(); return; } // null, or garbage (the parser reports that)
    if ('$=!'.includes(type)) { this.mode = 'bulk'; this.skip = len + 2; return; }
    this.mode = 'type';
    const elements = type === '%' ? 2 * len : len;
    if (type === '|') { this.open.push(elements + 1); return; } // an attribute precedes the reply it annotates
    if (elements === 0) this.done();
    else this.open.push(elements);
  }

  /** One element complete: close the aggregates it completes; a finished top-level reply resets the count. */
  private done(): void {
    while (this.open.length) {
      const left = --this.open[this.open.length - 1];
      if (left > 0) return;
      this.open.pop();
    }
    if (this.size > this.cap) this.over = true;
    this.size = 0;
  }
}
