/**
 * Everything the engine asks of the machine it runs on, in one place: file contents, file
 * kinds and include globs (for include, dir, TLS and module paths), and this host's own
 * addresses (bind checks with host checks). The rest of the engine does no I/O.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as nodePath from 'path';
import { hasMagic, matchSegment, sortLikeGlob, unescapeSegment } from './glob';

/** What the validator may ask of the file system (absent in the browser or in pure tests). */
export interface FileAccess {
  /** File contents, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** 'file', 'dir', or undefined when nothing is there. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** Paths matching a glob pattern (absolute pattern), sorted. */
  glob(pattern: string): string[];
  /** The path with every symbolic link resolved, when the file exists (include loops are found by it). */
  realpath?(path: string): string | undefined;
}

/** Real file system access for the validator. */
export const nodeFileAccess: FileAccess = {
  readFile(p) {
    try { return fs.readFileSync(p, 'utf8'); } catch { return undefined; }
  },
  stat(p) {
    try { const s = fs.statSync(p); return s.isDirectory() ? 'dir' : 'file'; } catch { return undefined; }
  },
  glob(pattern) {
    return globSync(pattern);
  },
  realpath(p) {
    try { return fs.realpathSync(p); } catch { return undefined; }
  },
};

/**
 * An include pattern expanded as glob(3) does it (engine/glob.ts): segment by segment, files only,
 * sorted. Paths are built as glob builds them, not normalised: `.*` also matches `.` and `..`
 * (readdir(3) lists them; Node's readdir does not), and `/etc/redis/./x.conf` sorts where glob sorts it.
 */
function globSync(pattern: string): string[] {
  const segments = pattern.split(nodePath.sep).filter(seg => seg !== '');
  const under = (base: string, name: string) => (base === '' ? name : base.endsWith(nodePath.sep) ? base + name : base + nodePath.sep + name);
  let bases = [pattern.startsWith(nodePath.sep) ? nodePath.sep : ''];
  segments.forEach((seg, i) => {
    const next: string[] = [];
    for (const base of bases) {
      if (!hasMagic(seg)) { next.push(under(base, unescapeSegment(seg))); continue; }
      let names: string[] = [];
      try { names = ['.', '..', ...fs.readdirSync(base || '.')]; } catch { /* not a readable directory: no matches */ }
      for (const n of names) if (matchSegment(seg, n)) next.push(under(base, n));
    }
    // only directories lead further down
    bases = i === segments.length - 1 ? next : next.filter(p => { try { return fs.statSync(p).isDirectory(); } catch { return false; } });
  });
  return sortLikeGlob(bases.filter(p => { try { return fs.statSync(p).isFile(); } catch { return false; } }));
}

/** This machine's IP addresses (lower-case), for bind checks. */
export function hostAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).map(a => a.address.toLowerCase()));
}

