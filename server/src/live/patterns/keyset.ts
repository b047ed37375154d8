/**
 * The keys a scan has already seen (SCAN may return a key more than once).
 *
 * Answers exactly as a Set<string> would, at about half the client CPU for
 * millions of keys. A Set keeps every key string alive: they are promoted to
 * V8's old generation and traced by every major GC, and the Set rehashes as it
 * grows. Here a key made of one-byte characters (nearly all keys) is copied
 * into byte chunks outside the JS heap and found through an open-addressing
 * table of 32-bit hashes, sized up front from the expected key count. A hash
 * only narrows the search: a key is a duplicate only when its bytes equal a
 * stored key's. Keys with other characters go to a plain Set.
 * Plain module, no `vscode`.
 */

/** Byte chunks hold the stored keys; a key longer than a chunk goes to the plain Set. */
const CHUNK = 1 << 20;
/** Most slots allocated up front (more are added by doubling). */
const MAX_INITIAL_SLOTS = 1 << 22;

export class KeySet {
  /** Open addressing, load <= 1/2: slot i is [hash (0 = empty), entry id] at 2i, 2i + 1. */
  private table: Int32Array;
  private mask: number;
  /** 32 - log2(slots): the home slot is the top bits of the mixed hash. */
  private shift: number;
  /** Where entry id's bytes start: chunk index * CHUNK + offset (a 4-byte length, then the bytes). */
  private where = new Float64Array(1024);
  private readonly chunks: Buffer[] = [];
  private chunk = Buffer.alloc(0);
  private used = 0;
  private entries = 0;
  /** Keys with a character above U+00FF, or longer than a chunk. */
  private readonly other = new Set<string>();

  /** `expected`: about how many distinct keys will be added (sizes the table once). */
  constructor(expected = 0) {
    let slots = 4096;
    while (slots < 2 * expected && slots < MAX_INITIAL_SLOTS) slots *= 2;
    this.table = new Int32Array(2 * slots);
    this.mask = slots - 1;
    this.shift = 32 - Math.log2(slots);
  }

  get size(): number { return this.entries + this.other.size; }

  /** Adds key; true when it was not in the set yet. */
  add(key: string): boolean {
    const n = key.length;
    let h = 0x811c9dc5 | 0, wide = 0;
    for (let i = 0; i < n; i++) {
      const c = key.charCodeAt(i);
      wide |= c;
      h = Math.imul(h ^ c, 16777619); // FNV-1a over UTF-16 code units
    }
    if (wide > 0xff || n > CHUNK - 4) {
      const before = this.other.size;
      this.other.add(key);
      return this.other.size !== before;
    }
    if (h === 0) h = 1;
    const t = this.table;
    let i = slotOf(h, this.shift);
    for (let hv = t[2 * i]; hv !== 0; hv = t[2 * i]) {
      if (hv === h && this.equals(t[2 * i + 1], key)) return false;
      i = (i + 1) & this.mask;
    }
    const id = this.entries++;
    t[2 * i] = h;
    t[2 * i + 1] = id;
    this.store(id, key);
    if (2 * this.entries > this.mask + 1) this.grow();
    return true;
  }

  /** Are the stored bytes of entry id those of key (one-byte characters)? */
  private equals(id: number, key: string): boolean {
    const at = this.where[id];
    const c = this.chunks[Math.floor(at / CHUNK)];
    let o = at % CHUNK;
    if (c.readUInt32LE(o) !== key.length) return false;
    o += 4;
    for (let j = 0; j < key.length; j++) if (c[o + j] !== key.charCodeAt(j)) return false;
    return true;
  }

  private store(id: number, key: string): void {
    const n = key.length;
    if (this.used + 4 + n > this.chunk.length) {
      this.chunk = Buffer.allocUnsafe(CHUNK);
      this.chunks.push(this.chunk);
      this.used = 0;
    }
    if (id >= this.where.length) {
      const w = new Float64Array(2 * this.where.length);
      w.set(this.where);
      this.where = w;
    }
    const c = this.chunk;
    let o = this.used;
    this.where[id] = (this.chunks.length - 1) * CHUNK + o;
    c.writeUInt32LE(n, o);
    o += 4;
    for (let j = 0; j < n; j++) c[o + j] = key.charCodeAt(j);
    this.used = o + n;
  }

  private grow(): void {
    const old = this.table;
    const slots = 2 * (this.mask + 1);
    const t = new Int32Array(2 * slots);
    const mask = slots - 1, shift = this.shift - 1;
    for (let k = 0; k < old.length; k += 2) {
      const h = old[k];
      if (h === 0) continue;
      let i = slotOf(h, shift);
      while (t[2 * i] !== 0) i = (i + 1) & mask;
      t[2 * i] = h;
      t[2 * i + 1] = old[k + 1];
    }
    this.table = t;
    this.mask = mask;
    this.shift = shift;
  }
}

/** Home slot of a hash: Fibonacci hashing (the top bits of h × 2^32/φ), so that every bit of h counts. */
function slotOf(h: number, shift: number): number {
  return Math.imul(h, 0x9e3779b1) >>> shift;
}
