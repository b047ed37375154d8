/**
 * Everything the engine asks of the machine it runs on, in one place: file contents, file
 * kinds and include globs (for include, dir, TLS and module paths), and this host's own
 * addresses (bind checks with host checks). The rest of the engine does no I/O.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as nodePath from 'path';

/** What the validator may ask of the file system (absent in the browser or in pure tests). */
export interface FileAccess {
  /** File contents, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** 'file', 'dir', or undefined when nothing is there. */
  stat(path: string): 'file' | 'dir' | undefined;
  /** Paths matching a glob pattern (absolute pattern), sorted. */
  glob(pattern: string): string[];
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
};

/** Minimal glob for include patterns: *, ? and [...] within path segments. */
function globSync(pattern: string): string[] {
  const parts = pattern.split(nodePath.sep).filter((p, i) => p !== '' || i === 0);
  let bases = [pattern.startsWith(nodePath.sep) ? nodePath.sep : '.'];
  for (const part of parts) {
    if (part === '') continue;
    const next: string[] = [];
    if (!/[*?[]/.test(part)) {
      for (const b of bases) next.push(nodePath.join(b, part));
    } else {
      const re = new RegExp('^' + part.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
      for (const b of bases) {
        let names: string[] = [];
        try { names = fs.readdirSync(b); } catch { /* not a directory */ }
        for (const n of names.sort()) if (re.test(n) && !(n.startsWith('.') && !part.startsWith('.'))) next.push(nodePath.join(b, n));
      }
    }
    bases = next;
  }
  return bases.filter(p => { try { return fs.statSync(p).isFile(); } catch { return false; } });
}

/** This machine's IP addresses (lower-case), for bind checks. */
export function hostAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).map(a => a.address.toLowerCase()));
}

