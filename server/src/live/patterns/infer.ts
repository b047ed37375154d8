/**
 * Key-pattern inference (pure: no I/O, no vscode).
 *
 * A key is cut into segments at delimiter characters (default `: / . | - _`);
 * the delimiters stay in the pattern. A segment that looks like a value rather
 * than a name becomes `*`:
 *   int    all digits (ids, unix seconds/ms, `202611251200` windows)
 *   uuid   8-4-4-4-12 hex (recognised across `-` even though `-` is a delimiter)
 *   hex    ≥ 8 hex characters with at least one digit (`session:<hex32>`, sha1 …)
 *   jwt    `eyJ….….…` (recognised across `.`, `-`, `_`)
 *   token  ≥ 16 characters of [A-Za-z0-9_-] that do not read as words (base64url, nanoid, ULID)
 *   ipv4   dotted quad, optional `/prefix`; ipv6 (with `::` or 8 groups, at least one digit)
 *   time   ISO dates and date-times (`2026-11-25`, `2026-11-25T12:00:00Z`, `2026/11/25`,
 *          `2026-11`, `20261125T1200Z`)
 *   id     letters and ≥ 4 digits where digits are ≥ 40 % of the segment (`u12345`)
 * Constant segments keep their text; glob characters in them are escaped, so
 * every pattern is also a valid `SCAN MATCH` glob.
 *
 * Sibling merging (the rule, applied bottom-up on the trie of patterns):
 *  1. Variable sibling: at a position where some children are `*`, a constant
 *     child is folded into `*` when everything below it (its suffix shapes, e.g.
 *     `:profile`) also occurs below `*` and its value types are a subset of the
 *     `*` child's types. `user:1:profile` + `user:alice:profile` → `user:*:profile`;
 *     `user:count` (no suffix) or a list `queue:jobs:stats` beside hash jobs stays.
 *  2. Many entity-like constants: below the first segment, when at least
 *     `foldAfter` (default 8) constant siblings share the same suffix shapes and
 *     each holds about one key per suffix (≤ 2 keys per shape: entities such as
 *     user names, not families), they are folded into `*`.
 * Nothing else merges: constants at one position without a `*` sibling stay
 * apart, so `token:blacklist:<uuid>` and `token:refresh:<uuid>` are two patterns
 * (RedisInsight's first-delimiter grouping would merge them).
 *
 * Pinned patterns (globs like `token:blacklist:*`) always appear, even with
 * 0 keys; a key matching one is counted there (most specific glob first) and
 * takes no part in inference. At most `maxPatterns` rows are returned; the
 * smallest inferred patterns are summed into the overflow row `(other)`.
 */
import { isIPv6 } from 'node:net';
import { securityEvictionRisk, SECURITY_STORE_ADVICE } from '../../engine';

export const DEFAULT_DELIMITERS: readonly string[] = [':', '/', '.', '|', '-', '_'];
/** Pattern text of the overflow bucket. */
export const OVERFLOW_PATTERN = '(other)';

export type SegmentKind = 'int' | 'uuid' | 'hex' | 'jwt' | 'token' | 'ipv4' | 'ipv6' | 'time' | 'id';

export interface KeyMeta {
  /** TYPE reply (string, hash, list, set, zset, stream, …). */
  type?: string;
  /** PTTL in ms; negative or undefined = no expiry. */
  ttlMs?: number;
  /** MEMORY USAGE in bytes, for sampled keys only. */
  bytes?: number;
}

export interface PatternStats {
  pattern: string;
  /** Keys (extrapolated to DBSIZE when `approximate`). */
  count: number;
  /** Keys actually seen. */
  observed: number;
  types: Record<string, number>;
  /** Keys with an expiry. */
  withTtl: number;
  /** TTL over keys with an expiry, in ms (undefined when none has one). */
  ttlMin?: number;
  ttlAvg?: number;
  ttlMax?: number;
  /** Sum of MEMORY USAGE over the sampled keys, and how many were sampled. */
  sampledBytes: number;
  sampled: number;
  /** sampledBytes / sampled × count (0 when nothing was sampled). */
  estimatedBytes: number;
  pinned: boolean;
  /** Counts are extrapolated (show with `~`). */
  approximate: boolean;
  /** The `(other)` bucket. */
  overflow?: boolean;
}

export interface PatternIndexOptions {
  /** Delimiter characters (single characters; glob metacharacters and `\` are ignored). */
  delimiters?: readonly string[] | string;
  /** Globs that always appear and collect the keys they match. */
  pinned?: readonly string[];
  /** Most rows returned by patterns(), the `(other)` row included (default 200). */
  maxPatterns?: number;
  /** Distinct raw patterns kept before compacting (default 20000); beyond that new ones go to `(other)`. */
  maxRawPatterns?: number;
  /** Rule 2 threshold (default 8). */
  foldAfter?: number;
}

// ---------------------------------------------------------------------------
// segment classification

const C_0 = 48, C_9 = 57, C_A = 65, C_F = 70, C_Z = 90, C_a = 97, C_f = 102, C_z = 122;
const isDigit = (c: number) => c >= C_0 && c <= C_9;
const isHex = (c: number) => isDigit(c) || (c >= C_a && c <= C_f) || (c >= C_A && c <= C_F);
const isAlpha = (c: number) => (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z);
const isB64url = (c: number) => isDigit(c) || isAlpha(c) || c === 45 /* - */ || c === 95 /* _ */;

/**
 * Random-looking token of ≥ 16 characters: mixed case with fewer than half of
 * the characters in lower-case word runs; or lower case / upper case with
 * letters and digits scattered in ≥ 3 digit runs.
 */
export function looksLikeToken(s: string): boolean {
  const n = s.length;
  if (n < 16) return false;
  let up = 0, lo = 0, di = 0, digitRuns = 0, wordChars = 0, lowerRun = 0, runStartUpper = false, prevDigit = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 0;
    if (i < n && !isB64url(c)) return false;
    const l = c >= C_a && c <= C_z, u = c >= C_A && c <= C_Z, d = isDigit(c);
    if (l) { lo++; lowerRun++; } else {
      if (lowerRun >= 3) wordChars += lowerRun + (runStartUpper ? 1 : 0);
      lowerRun = 0;
      runStartUpper = u;
    }
    if (u) up++;
    if (d) { di++; if (!prevDigit) digitRuns++; }
    prevDigit = d;
  }
  if (up && lo) return wordChars / n < 0.5;
  if (lo) return digitRuns >= 3 && di / n >= 0.15;
  if (up) return digitRuns >= 3;
  return false;
}

/** Kind of a single segment (no delimiter inside), or undefined for a name. */
export function classifySegment(seg: string): SegmentKind | undefined {
  if (seg.length === 0) return undefined;
  const compound = matchCompound(seg, 0, NO_DELIMS);
  if (compound && compound.end === seg.length) return compound.kind;
  return classifyPlain(seg);
}

/** classifySegment without the values that span delimiters (those are tried at segment starts). */
function classifyPlain(seg: string): SegmentKind | undefined {
  const n = seg.length;
  if (n === 0) return undefined;
  let digits = 0, hex = 0, letters = 0;
  for (let i = 0; i < n; i++) {
    const c = seg.charCodeAt(i);
    if (isDigit(c)) { digits++; hex++; } else if (isHex(c)) { hex++; letters++; } else if (isAlpha(c)) letters++;
  }
  if (digits === n) return 'int';
  if (hex === n && n >= 8 && digits > 0) return 'hex';
  if (n >= 8 && seg.charCodeAt(8) === 84 /* T */ && /^\d{8}T\d{4,6}Z?$/.test(seg)) return 'time';
  if (looksLikeToken(seg)) return 'token';
  if (n >= 6 && letters + digits === n && digits >= 4 && digits / n >= 0.4) return 'id';
  return undefined;
}

const NO_DELIMS = new Set<number>();

const RE_JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/y;
const RE_UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const YMD = '(?:19[7-9]\\d|20\\d\\d)';
const RE_TIME = new RegExp(
  `${YMD}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?`
  + `|${YMD}([/.])(?:0[1-9]|1[0-2])\\1(?:0[1-9]|[12]\\d|3[01])`
  + `|${YMD}-(?:W[0-5]\\d|0[1-9]|1[0-2])`, 'y');
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const RE_IPV4 = new RegExp(`(?:${OCTET}\\.){3}${OCTET}(?:/(?:3[0-2]|[12]?\\d))?`, 'y');
const RE_TOKEN_RUN = /[A-Za-z0-9_-]{16,}/y;
const RE_WORD = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/;

/** Does a match ending at `end` end at a segment boundary? */
function boundary(key: string, end: number, delims: Set<number>): boolean {
  return end === key.length || delims.has(key.charCodeAt(end));
}

function sticky(re: RegExp, key: string, at: number): number {
  re.lastIndex = at;
  return re.test(key) ? re.lastIndex : -1;
}

/**
 * A value that spans delimiters (UUID, date-time, IPv4/IPv6, JWT, base64url
 * token with `-`/`_`) starting at `at` and ending at a segment boundary.
 */
function matchCompound(key: string, at: number, delims: Set<number>): { end: number; kind: SegmentKind } | undefined {
  const c0 = key.charCodeAt(at);
  const len = key.length;
  let end: number;
  // JWT
  if (c0 === 101 /* e */ && key.startsWith('eyJ', at)) {
    end = sticky(RE_JWT, key, at);
    if (end > 0 && boundary(key, end, delims)) return { end, kind: 'jwt' };
  }
  // UUID
  if (at + 36 <= len && key.charCodeAt(at + 8) === 45 && isHex(c0)) {
    end = sticky(RE_UUID, key, at);
    if (end > 0 && boundary(key, end, delims)) return { end, kind: 'uuid' };
  }
  if (isDigit(c0)) {
    // dates and date-times
    const c4 = key.charCodeAt(at + 4);
    if (c4 === 45 || c4 === 47 || c4 === 46) {
      end = sticky(RE_TIME, key, at);
      if (end > 0 && boundary(key, end, delims)) return { end, kind: 'time' };
    }
    // IPv4
    if (key.charCodeAt(at + 1) === 46 || key.charCodeAt(at + 2) === 46 || key.charCodeAt(at + 3) === 46) {
      end = sticky(RE_IPV4, key, at);
      if (end > 0 && boundary(key, end, delims)) return { end, kind: 'ipv4' };
    }
  }
  // IPv6
  if (isHex(c0) || c0 === 58 /* : */) {
    const ip = matchIPv6(key, at, delims);
    if (ip > 0) return { end: ip, kind: 'ipv6' };
  }
  // base64url token containing - or _ (plain tokens are classified per segment)
  if (isB64url(c0) && c0 !== 45 && c0 !== 95) {
    end = sticky(RE_TOKEN_RUN, key, at);
    if (end > 0) {
      const run = key.slice(at, end);
      if (run.includes('-') || run.includes('_')) {
        const parts = run.split(/([-_])/);
        // a leading word is a name (`session_…`): the token, if any, starts later
        if (!RE_WORD.test(parts[0])) {
          // trailing words (`…_meta`) are not part of the token
          let keep = parts.length;
          while (keep > 2 && RE_WORD.test(parts[keep - 1]) && delims.has(parts[keep - 2].charCodeAt(0))) keep -= 2;
          const candidate = keep === parts.length ? run : parts.slice(0, keep).join('');
          const candEnd = at + candidate.length;
          if (looksLikeToken(candidate) && boundary(key, candEnd, delims)) return { end: candEnd, kind: 'token' };
        }
      }
    }
  }
  return undefined;
}

/** End of an IPv6 address starting at `at` (with `::` or 8 groups, a digit, at a boundary), or -1. */
function matchIPv6(key: string, at: number, delims: Set<number>): number {
  const len = key.length;
  let j = at, colons = 0;
  while (j < len && j - at < 45) {
    const c = key.charCodeAt(j);
    if (c === 58) colons++; else if (!isHex(c)) break;
    j++;
  }
  if (colons < 2) return -1;
  // try the longest candidate first, shortening at colons
  for (let e = j; e > at + 2; ) {
    const cand = key.slice(at, e);
    if ((cand.includes('::') || cand.split(':').length === 8) && /\d/.test(cand) && isIPv6(cand) && boundary(key, e, delims)) return e;
    const prev = key.lastIndexOf(':', e - 1);
    if (prev <= at) break;
    e = prev;
  }
  return -1;
}

const escapeGlob = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

function delimiterSet(d: readonly string[] | string | undefined): Set<number> {
  const list = d === undefined ? DEFAULT_DELIMITERS : typeof d === 'string' ? [...d] : d;
  const set = new Set<number>();
  for (const s of list) {
    if (s.length !== 1 || /[*?[\]\\]/.test(s)) continue;
    set.add(s.charCodeAt(0));
  }
  return set;
}

/**
 * The pattern of one key before sibling merging: delimiters kept, variable
 * segments replaced by `*`, glob characters in constant segments escaped.
 */
export function inferKeyPattern(key: string, delimiters?: readonly string[] | string): string {
  return patternOf(key, delimiters === undefined ? DEFAULT_SET : delimiterSet(delimiters));
}
const DEFAULT_SET = delimiterSet(undefined);

function patternOf(key: string, delims: Set<number>): string {
  const len = key.length;
  let out = '';
  let last = 0; // key[last, i) is still to be copied verbatim
  let i = 0;
  for (;;) {
    // one pass over the segment: where it ends and what it is made of
    let j = i, digits = 0, hex = 0, alpha = 0, other = 0, glob = false;
    for (; j < len; j++) {
      const c = key.charCodeAt(j);
      if (delims.has(c)) break;
      if (c >= C_0 && c <= C_9) { digits++; hex++; } else if (c >= C_a && c <= C_z) { alpha++; if (c <= C_f) hex++; } else if (c >= C_A && c <= C_Z) { alpha++; if (c <= C_F) hex++; } else {
        other++;
        if (c === 42 || c === 63 || c === 91 || c === 93 || c === 92) glob = true;
      }
    }
    const n = j - i;
    let end = j;
    let variable = false;
    // values spanning the delimiter at j (UUID, date, IP, JWT, token with - or _)
    if (j < len && other === 0) {
      const d = key.charCodeAt(j);
      const maySpan =
        (d === 45 && n === 8 && hex === 8) // uuid
        || ((d === 45 || d === 47 || d === 46) && n === 4 && digits === 4) // date
        || (d === 46 && n >= 1 && n <= 3 && digits === n) // ipv4
        || (d === 58 && n <= 4 && hex === n) // ipv6
        || (d === 46 && n >= 4 && key.startsWith('eyJ', i)) // jwt
        || ((d === 45 || d === 95) && n > 0); // base64url token
      if (maySpan) {
        const m = matchCompound(key, i, delims);
        if (m) { variable = true; end = m.end; }
      }
    }
    if (!variable && n > 0) {
      if (other > 0) variable = classifySegment(key.slice(i, j)) !== undefined;
      else if (digits === n) variable = true;
      else if (hex === n && n >= 8 && digits > 0) variable = true;
      else if (n >= 16 || (n >= 6 && digits >= 4)) variable = classifyPlain(key.slice(i, j)) !== undefined;
      else if (n >= 13 && key.charCodeAt(i + 8) === 84) variable = classifyPlain(key.slice(i, j)) !== undefined;
    }
    if (variable) {
      out += key.slice(last, i) + '*';
      last = end;
    } else if (glob) {
      out += key.slice(last, i) + escapeGlob(key.slice(i, j));
      last = j;
    }
    if (end >= len) return last === 0 ? key : out + key.slice(last);
    i = end + 1;
  }
}

// ---------------------------------------------------------------------------
// globs

/** Redis glob (`*`, `?`, `[…]`, `[^…]`, `\x`) → anchored RegExp. */
export function globToRegExp(glob: string): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '\\' && i + 1 < glob.length) re += escapeRe(glob[++i]);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) { re += '\\['; continue; }
      let body = glob.slice(i + 1, close);
      let neg = false;
      if (body.startsWith('^')) { neg = true; body = body.slice(1); }
      re += '[' + (neg ? '^' : '') + body.replace(/[\]\\^]/g, '\\$&').replace(/\\\\(.)/g, '\\$1') + ']';
      i = close;
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$');
}
const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Literal characters of a glob: more = more specific. */
function specificity(glob: string): number {
  return glob.replace(/\\./g, 'x').replace(/\[[^\]]*\]/g, 'x').replace(/[*?]/g, '').length;
}

// ---------------------------------------------------------------------------
// aggregates

interface Agg {
  count: number;
  observed: number;
  types: Record<string, number>;
  withTtl: number;
  ttlSum: number;
  ttlMin: number;
  ttlMax: number;
  sampledBytes: number;
  sampled: number;
}

const newAgg = (): Agg => ({ count: 0, observed: 0, types: {}, withTtl: 0, ttlSum: 0, ttlMin: Infinity, ttlMax: -Infinity, sampledBytes: 0, sampled: 0 });

function addMeta(a: Agg, meta: KeyMeta | undefined): void {
  a.count++;
  a.observed++;
  if (!meta) return;
  const { type, ttlMs, bytes } = meta;
  if (type !== undefined) a.types[type] = (a.types[type] ?? 0) + 1;
  if (ttlMs !== undefined && ttlMs >= 0) {
    a.withTtl++;
    a.ttlSum += ttlMs;
    if (ttlMs < a.ttlMin) a.ttlMin = ttlMs;
    if (ttlMs > a.ttlMax) a.ttlMax = ttlMs;
  }
  if (bytes !== undefined && bytes >= 0) { a.sampledBytes += bytes; a.sampled++; }
}

/** into += from × weight (counts weighted; min/max/avg and byte samples unweighted). */
function mergeAgg(into: Agg, from: Agg, weight = 1): void {
  into.count += from.count * weight;
  into.observed += from.observed;
  for (const t in from.types) into.types[t] = (into.types[t] ?? 0) + from.types[t] * weight;
  into.withTtl += from.withTtl * weight;
  into.ttlSum += from.ttlSum * weight;
  if (from.ttlMin < into.ttlMin) into.ttlMin = from.ttlMin;
  if (from.ttlMax > into.ttlMax) into.ttlMax = from.ttlMax;
  into.sampledBytes += from.sampledBytes;
  into.sampled += from.sampled;
}

// ---------------------------------------------------------------------------
// the trie used for sibling merging

interface SegNode { end?: Agg; next?: Map<string, Level> }
type Level = Map<string, SegNode>;

function splitPattern(p: string, delims: Set<number>): { segs: string[]; seps: string[] } {
  const segs: string[] = [], seps: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 92 /* \ */) { i++; continue; }
    if (delims.has(c)) { segs.push(p.slice(start, i)); seps.push(p[i]); start = i + 1; }
  }
  segs.push(p.slice(start));
  return { segs, seps };
}

function insert(root: Level, p: string, agg: Agg, delims: Set<number>): void {
  const { segs, seps } = splitPattern(p, delims);
  let level = root;
  for (let k = 0; ; k++) {
    let node = level.get(segs[k]);
    if (!node) { node = {}; level.set(segs[k], node); }
    if (k === seps.length) {
      if (node.end) mergeAgg(node.end, agg); else { node.end = newAgg(); mergeAgg(node.end, agg); }
      return;
    }
    node.next ??= new Map();
    let nl = node.next.get(seps[k]);
    if (!nl) { nl = new Map(); node.next.set(seps[k], nl); }
    level = nl;
  }
}

function mergeNode(into: SegNode, from: SegNode): void {
  if (from.end) { if (into.end) mergeAgg(into.end, from.end); else into.end = from.end; }
  if (!from.next) return;
  into.next ??= new Map();
  for (const [d, fl] of from.next) {
    const il = into.next.get(d);
    if (!il) { into.next.set(d, fl); continue; }
    for (const [seg, fn] of fl) {
      const in_ = il.get(seg);
      if (in_) mergeNode(in_, fn); else il.set(seg, fn);
    }
  }
}

function shapes(node: SegNode, out = new Set<string>(), prefix = ''): Set<string> {
  if (node.end) out.add(prefix);
  if (node.next) for (const [d, level] of node.next) for (const [seg, n] of level) shapes(n, out, prefix + d + seg);
  return out;
}

/** Keys seen below a node (unweighted). */
function subtreeCount(node: SegNode): number {
  let n = node.end ? node.end.observed : 0;
  if (node.next) for (const level of node.next.values()) for (const c of level.values()) n += subtreeCount(c);
  return n;
}

function typeSet(node: SegNode, out = new Set<string>()): Set<string> {
  if (node.end) for (const t in node.end.types) out.add(t);
  if (node.next) for (const level of node.next.values()) for (const c of level.values()) typeSet(c, out);
  return out;
}

const isSubset = (a: Set<string>, b: Set<string>) => { for (const x of a) if (!b.has(x)) return false; return true; };

function foldLevel(level: Level, depth: number, foldAfter: number): void {
  for (const node of level.values()) if (node.next) for (const nl of node.next.values()) foldLevel(nl, depth + 1, foldAfter);
  let changed = false;
  for (let pass = 0; pass < 2; pass++) {
    // rule 1: constants shaped like the `*` sibling
    const star = level.get('*');
    if (star) {
      const starShapes = shapes(star), starTypes = typeSet(star);
      for (const [seg, node] of level) {
        if (seg === '*') continue;
        if (isSubset(shapes(node), starShapes) && isSubset(typeSet(node), starTypes)) {
          mergeNode(star, node);
          level.delete(seg);
          changed = true;
        }
      }
    }
    if (pass === 1 || depth === 0) break;
    // rule 2: many entity-like constants with the same shapes
    const groups = new Map<string, string[]>();
    for (const [seg, node] of level) {
      if (seg === '*') continue;
      const sh = shapes(node);
      if (subtreeCount(node) > 2 * sh.size) continue;
      const sig = [...sh].sort().join('\u0000');
      const g = groups.get(sig);
      if (g) g.push(seg); else groups.set(sig, [seg]);
    }
    let folded = false;
    for (const segs of groups.values()) {
      if (segs.length < foldAfter) continue;
      let target = level.get('*');
      if (!target) { target = {}; level.set('*', target); }
      for (const seg of segs) { mergeNode(target, level.get(seg)!); level.delete(seg); }
      folded = changed = true;
    }
    if (!folded) break;
  }
  // merged subtrees may now have siblings to fold
  const star = level.get('*');
  if (changed && star?.next) for (const nl of star.next.values()) foldLevel(nl, depth + 1, foldAfter);
}

function collect(level: Level, prefix: string, out: Map<string, Agg>): void {
  for (const [seg, node] of level) {
    const p = prefix + seg;
    if (node.end) out.set(p, node.end);
    if (node.next) for (const [d, nl] of node.next) collect(nl, p + d, out);
  }
}

// ---------------------------------------------------------------------------
// the index

export class PatternIndex {
  private readonly delims: Set<number>;
  private readonly pinned: Array<{ glob: string; re: RegExp; agg: Agg }>;
  private readonly maxPatterns: number;
  private readonly maxRaw: number;
  private readonly foldAfter: number;
  private raw = new Map<string, Agg>();
  private overflow = newAgg();
  private saturated = false;
  private weighted = false;
  /** Keys added (unweighted). */
  keys = 0;

  constructor(readonly options: PatternIndexOptions = {}) {
    this.delims = delimiterSet(options.delimiters);
    this.maxPatterns = Math.max(1, options.maxPatterns ?? 200);
    this.maxRaw = Math.max(100, options.maxRawPatterns ?? 20000);
    this.foldAfter = Math.max(2, options.foldAfter ?? 8);
    this.pinned = [...new Set(options.pinned ?? [])]
      .map(glob => ({ glob, re: globToRegExp(glob), agg: newAgg(), spec: specificity(glob) }))
      .sort((a, b) => b.spec - a.spec)
      .map(({ glob, re, agg }) => ({ glob, re, agg }));
  }

  /** Counts one key (meta is read, not kept). */
  add(key: string, meta?: KeyMeta): void {
    this.keys++;
    for (let i = 0; i < this.pinned.length; i++) {
      if (this.pinned[i].re.test(key)) { addMeta(this.pinned[i].agg, meta); return; }
    }
    const p = patternOf(key, this.delims);
    let agg = this.raw.get(p);
    if (!agg) {
      if (this.raw.size >= this.maxRaw) {
        if (!this.saturated) this.compact();
        if (this.raw.size >= this.maxRaw * 0.8) this.saturated = true;
      }
      if (this.saturated) { addMeta(this.overflow, meta); return; }
      agg = newAgg();
      this.raw.set(p, agg);
    }
    addMeta(agg, meta);
  }

  /** Adds another index's counts × weight (extrapolation: weight = DBSIZE / scanned). */
  absorb(other: PatternIndex, weight = 1): void {
    if (weight !== 1) this.weighted = true;
    if (other.weighted) this.weighted = true;
    this.keys += other.keys;
    for (const [p, a] of other.raw) {
      let agg = this.raw.get(p);
      if (!agg) { agg = newAgg(); this.raw.set(p, agg); }
      mergeAgg(agg, a, weight);
    }
    for (const op of other.pinned) {
      const mine = this.pinned.find(x => x.glob === op.glob);
      if (mine) mergeAgg(mine.agg, op.agg, weight);
      else if (op.agg.observed > 0) {
        // pinned there, not here: its keys become an ordinary pattern named by the glob
        let agg = this.raw.get(op.glob);
        if (!agg) { agg = newAgg(); this.raw.set(op.glob, agg); }
        mergeAgg(agg, op.agg, weight);
      }
    }
    mergeAgg(this.overflow, other.overflow, weight);
    if (this.raw.size > this.maxRaw) this.compact();
  }

  /** Folds the raw patterns now (bounds memory); called automatically. */
  compact(): void {
    this.raw = this.folded();
  }

  private folded(): Map<string, Agg> {
    const root: Level = new Map();
    for (const [p, a] of this.raw) insert(root, p, a, this.delims);
    foldLevel(root, 0, this.foldAfter);
    const out = new Map<string, Agg>();
    collect(root, '', out);
    return out;
  }

  /** Pinned patterns and inferred patterns, most keys first, capped with `(other)`. */
  patterns(): PatternStats[] {
    const inferred = [...this.folded()].map(([pattern, agg]) => ({ pattern, agg }));
    inferred.sort((a, b) => b.agg.count - a.agg.count || (a.pattern < b.pattern ? -1 : 1));
    const rows: PatternStats[] = this.pinned.map(p => this.stats(p.glob, p.agg, true));
    const other = newAgg();
    mergeAgg(other, this.overflow);
    const room = Math.max(0, this.maxPatterns - rows.length);
    const overflowing = inferred.length > room || other.observed > 0;
    const keep = overflowing ? Math.max(0, room - 1) : room;
    inferred.forEach((x, i) => { if (i < keep) rows.push(this.stats(x.pattern, x.agg, false)); else mergeAgg(other, x.agg); });
    rows.sort((a, b) => b.count - a.count || (a.pattern < b.pattern ? -1 : 1));
    if (other.observed > 0 || other.count > 0) rows.push({ ...this.stats(OVERFLOW_PATTERN, other, false), overflow: true });
    return rows;
  }

  private stats(pattern: string, a: Agg, pinned: boolean): PatternStats {
    const types: Record<string, number> = {};
    for (const t in a.types) types[t] = Math.round(a.types[t]);
    const count = Math.round(a.count);
    const hasTtl = a.withTtl > 0;
    return {
      pattern,
      count,
      observed: a.observed,
      types,
      withTtl: Math.round(a.withTtl),
      ttlMin: hasTtl ? a.ttlMin : undefined,
      ttlAvg: hasTtl ? Math.round(a.ttlSum / a.withTtl) : undefined,
      ttlMax: hasTtl ? a.ttlMax : undefined,
      sampledBytes: a.sampledBytes,
      sampled: a.sampled,
      estimatedBytes: a.sampled ? Math.round((a.sampledBytes / a.sampled) * a.count) : 0,
      pinned,
      approximate: this.weighted,
    };
  }
}

// ---------------------------------------------------------------------------
// "why" helpers

export interface PatternWarning {
  pattern: string;
  kind: 'no-ttl-under-volatile' | 'security-under-eviction';
  /** Keys concerned (keys without TTL, or all keys of the pattern). */
  keys: number;
  approximate: boolean;
  message: string;
  why: string;
}

const SECURITY = /(?:^|[^a-z])(?:black-?list|block-?list|deny-?list|revoked?|revocations?|rate[_-]?limit(?:s|er|ing)?|rl)(?:$|[^a-z])/i;

/** Does a pattern name hold security state (revocations, rate limits)? */
export function isSecurityPattern(pattern: string): boolean {
  return SECURITY.test(pattern);
}

/**
 * Warnings for patterns under an eviction policy:
 *  - security state (revocations, deny lists, rate limits) that the policy may evict: any of it under
 *    `allkeys-*`, the keys with a TTL under `volatile-*` (the advice, as for RG331, is noeviction;
 *    engine/eviction-advice.ts says it for both);
 *  - other keys without a TTL under `volatile-*`: never evicted, so memory fills with them.
 */
export function patternWarnings(stats: readonly PatternStats[] | PatternStats, evictionPolicy: string): PatternWarning[] {
  const list = Array.isArray(stats) ? stats as readonly PatternStats[] : [stats as PatternStats];
  const policy = evictionPolicy.trim().toLowerCase();
  const out: PatternWarning[] = [];
  const n = (x: number, approx: boolean) => `${approx ? '~' : ''}${x.toLocaleString('en-US')}`;
  for (const s of list) {
    const security = !s.overflow && isSecurityPattern(s.pattern) && s.count > 0;
    const exposed = policy.startsWith('volatile-') ? s.withTtl : s.count;
    const risk = security && exposed > 0 ? securityEvictionRisk(policy, s.withTtl > 0) : undefined;
    if (risk) {
      out.push({
        pattern: s.pattern, kind: 'security-under-eviction', keys: exposed, approximate: s.approximate,
        message: `${s.pattern} (${n(exposed, s.approximate)} keys) holds security state that maxmemory-policy ${policy} may evict`,
        why: `${risk} ${SECURITY_STORE_ADVICE}`,
      });
      continue;
    }
    if (policy.startsWith('volatile-') && !security) {
      const noTtl = s.count - s.withTtl;
      if (noTtl > 0) out.push({
        pattern: s.pattern, kind: 'no-ttl-under-volatile', keys: noTtl, approximate: s.approximate,
        message: `${n(noTtl, s.approximate)} key${noTtl === 1 ? '' : 's'} of ${s.pattern} have no TTL under maxmemory-policy ${policy}`,
        why: `${policy} only evicts keys that have an expiry. Keys without a TTL are never evicted, so once memory is full of them `
          + 'eviction finds nothing to remove and writes fail with OOM errors. Give these keys a TTL, or, on an instance that holds only cache data, use an allkeys-* policy.',
      });
    }
  }
  return out;
}
