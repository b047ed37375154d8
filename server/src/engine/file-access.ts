/**
 * Everything the engine asks of the machine it runs on, in one place: file contents, file
 * kinds and include globs (for include, dir, TLS and module paths), and this host's own
 * addresses (bind checks with host checks). The rest of the engine does no I/O.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as nodePath from 'path';
import { hasMagic, matchSegment, sortLikeGlob, unescapeSegment } from './glob';

/** What is at a path: a regular file, a directory, or something a reader must not open blind. */
export type FileKind = 'file' | 'dir' | 'fifo' | 'device' | 'socket';

/** A file that is larger than the reader was allowed to take. */
export interface TooLarge { tooLarge: number }

/** What the validator may ask of the file system (absent in the browser or in pure tests). */
export interface FileAccess {
  /**
   * The contents of a regular file of at most `maxBytes` bytes; `{ tooLarge: size }` when it is
   * larger; undefined when it cannot be read or is not a regular file (a FIFO is never opened
   * for reading, so a read never blocks).
   */
  readFile(path: string, maxBytes: number): string | TooLarge | undefined;
  /** The first `bytes` bytes of a regular file, one character per byte (a module's ELF header). */
  readStart(path: string, bytes: number): string | undefined;
  /** What the path is (symbolic links followed), or undefined when nothing is there. Never opens the path. */
  stat(path: string): FileKind | undefined;
  /** Paths matching a glob pattern (absolute pattern), sorted; at most `max` of them (then `max + 1`, so the caller sees the excess). */
  glob(pattern: string, max: number): string[];
  /** The path with every symbolic link resolved, when the file exists (include loops are found by it). */
  realpath?(path: string): string | undefined;
}

function kindOf(s: fs.Stats): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isFIFO() ? 'fifo' : s.isSocket() ? 'socket' : 'device';
}

/**
 * Opens a regular file without blocking: O_NONBLOCK makes open(2) return at once even on a FIFO
 * with no writer, and the kind is checked on the open descriptor, so a path swapped between a
 * stat and the open is not read either.
 */
function openRegular(p: string): { fd: number; size: number } | undefined {
  let fd: number;
  try { fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK); } catch { return undefined; }
  try {
    const st = fs.fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch { /* fall through */ }
  fs.closeSync(fd);
  return undefined;
}

/** Reads up to `max + 1` bytes (a file may grow between fstat and read). */
function readUpTo(fd: number, max: number): Buffer {
  const buf = Buffer.alloc(max + 1);
  let n = 0;
  while (n < buf.length) {
    const r = fs.readSync(fd, buf, n, buf.length - n, null);
    if (r === 0) break;
    n += r;
  }
  return buf.subarray(0, n);
}

/** Real file system access for the validator, bounded in what it opens and reads. */
export const nodeFileAccess: FileAccess = {
  readFile(p, maxBytes) {
    const f = openRegular(p);
    if (!f) return undefined;
    try {
      if (f.size > maxBytes) return { tooLarge: f.size };
      const buf = readUpTo(f.fd, maxBytes);
      return buf.length > maxBytes ? { tooLarge: buf.length } : buf.toString('utf8');
    } catch {
      return undefined;
    } finally {
      fs.closeSync(f.fd);
    }
  },
  readStart(p, bytes) {
    const f = openRegular(p);
    if (!f) return undefined;
    try { return readUpTo(f.fd, bytes).subarray(0, bytes).toString('latin1'); } catch { return undefined; } finally { fs.closeSync(f.fd); }
  },
  stat(p) {
    try { return kindOf(fs.statSync(p)); } catch { return undefined; }
  },
  glob(pattern, max) {
    return globSync(pattern, max);
  },
  realpath(p) {
    try { return fs.realpathSync(p); } catch { return undefined; }
  },
};

/** Names read from one directory while expanding a glob: a folder of millions of entries costs a bounded time. */
const MAX_DIRECTORY_ENTRIES = 100_000;

function namesIn(dir: string): string[] {
  const names = ['.', '..'];
  let d: fs.Dir | undefined;
  try {
    d = fs.opendirSync(dir || '.');
    for (let e = d.readSync(); e && names.length < MAX_DIRECTORY_ENTRIES; e = d.readSync()) names.push(e.name);
  } catch { /* not a readable directory: no matches */ } finally {
    try { d?.closeSync(); } catch { /* already closed */ }
  }
  return names;
}

/**
 * An include pattern expanded as glob(3) does it (engine/glob.ts): segment by segment, sorted,
 * without directories (the server reads one as empty text). Paths are built as glob builds them, not normalised: `.*` also matches `.` and `..`
 * (readdir(3) lists them; Node's readdir does not), and `/etc/redis/./x.conf` sorts where glob sorts it.
 */
function globSync(pattern: string, max: number): string[] {
  const segments = pattern.split(nodePath.sep).filter(seg => seg !== '');
  const under = (base: string, name: string) => (base === '' ? name : base.endsWith(nodePath.sep) ? base + name : base + nodePath.sep + name);
  let bases = [pattern.startsWith(nodePath.sep) ? nodePath.sep : ''];
  segments.forEach((seg, i) => {
    const next: string[] = [];
    for (const base of bases) {
      if (!hasMagic(seg)) { next.push(under(base, unescapeSegment(seg))); continue; }
      for (const n of namesIn(base)) if (matchSegment(seg, n) && next.length < MAX_DIRECTORY_ENTRIES) next.push(under(base, n));
    }
    // only directories lead further down
    bases = i === segments.length - 1 ? next : next.filter(p => { try { return fs.statSync(p).isDirectory(); } catch { return false; } });
  });
  // glob(3) returns directories too, which read as empty; FIFOs and devices are left to the reader to report
  const found = sortLikeGlob(bases.filter(p => { try { return !fs.statSync(p).isDirectory(); } catch { return false; } }));
  return found.length > max ? found.slice(0, max + 1) : found;
}

/** This machine's IP addresses (lower-case), for bind checks. */
export function hostAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).map(a => a.address.toLowerCase()));
}

