/**
 * A command that starts a server, as an extractor found it in a file: its arguments, each with
 * the text range it was written in, and what could not be checked. Shared by the docker-compose,
 * Dockerfile and Kubernetes extractors, which differ only in how the words are written.
 */
import { serverProgram } from './argv';
import { shellWords, Word } from './words';

/** One argument of a server's command line. */
export interface SourceArg {
  value: string;
  /** Offsets in the source file (end exclusive); -1 when the extractor could not place it exactly. */
  start: number;
  end: number;
  /** Why its value is not known before the container runs (it then goes unchecked). */
  unresolved?: string;
}

/** A command line that starts redis-server, valkey-server or a Sentinel. */
export interface CommandSite {
  /** From the server program on (argv[0] is the program). */
  argv: SourceArg[];
  /** The text of the whole command, for findings about the configuration as a whole. */
  start: number;
  end: number;
  /** The container it runs in, as the rules' messages say it (RG366): "in docker-compose.yml", "in a Dockerfile", "in a Kubernetes manifest". */
  container: string;
}

/** Text that names a server but could not be checked (a shell script, a broken string): one information finding. */
export interface Unchecked { start: number; end: number; message: string }

export interface Extracted { sites: CommandSite[]; unchecked: Unchecked[] }

/**
 * The official images (docker-library's `redis`, `valkey/valkey`) run their docker-entrypoint.sh
 * first, which puts the server program in front of a command whose first word is an option
 * (`--appendonly yes`) or a `.conf` file. The server program for such an image, or undefined.
 */
export function officialImageServer(image: string | undefined): 'redis-server' | 'valkey-server' | undefined {
  if (!image) return undefined;
  const name = image.trim().replace(/^docker\.io\//, '').replace(/[:@].*$/, '');
  if (name === 'redis' || name === 'library/redis') return 'redis-server';
  if (name === 'valkey/valkey') return 'valkey-server';
  return undefined;
}

/** The words an official image's entrypoint runs: the server program put in front where it would put it. */
export function withImageEntrypoint(words: Word[], image: string | undefined): Word[] {
  const program = officialImageServer(image);
  const first = words[0];
  if (!program || !first || first.unresolved) return words;
  if (!first.value.startsWith('-') && !first.value.endsWith('.conf')) return words;
  return [{ value: program, start: -1, end: -1, chars: [] }, ...words];
}

/** Does this text name a server program at all? Files that do not are never looked at further. */
export const MENTIONS_SERVER = /(redis|valkey)-(server|sentinel)|image:\s*['"]?(docker\.io\/)?(library\/)?(redis|valkey\/valkey)\b|^\s*FROM\s+(--\S+\s+)*(docker\.io\/)?(library\/)?(redis|valkey\/valkey)\b/im;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);
/** Programs that run the command after them (options, and for gosu/su-exec a user, in between). */
const WRAPPERS = new Set(['docker-entrypoint.sh', 'tini', 'dumb-init', 'gosu', 'su-exec', 'env', 'exec', 'nice', 'catatonit']);
const TAKES_USER = new Set(['gosu', 'su-exec']);

const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);

function toArg(w: Word): SourceArg {
  return { value: w.value, start: w.start, end: w.end, ...(w.unresolved ? { unresolved: w.unresolved } : {}) };
}

/**
 * The server command in a container's argv: the program itself, or after wrappers that exec
 * what follows them (an image's docker-entrypoint.sh, tini, gosu, env …), or inside `sh -c
 * "…"` when the script is plain commands. `whole` is the range of the words, for a note.
 */
export function findServer(words: Word[], container: string, out: Extracted, whole: { start: number; end: number }, depth = 0): void {
  let k = 0;
  while (k < words.length) {
    const w = words[k];
    const name = base(w.value);
    if (!w.unresolved && serverProgram(w.value)) {
      const argv = words.slice(k).map(toArg);
      const last = words[words.length - 1];
      const start = w.start, end = last.end >= 0 ? last.end : w.end;
      out.sites.push({ argv, start: start >= 0 ? start : whole.start, end: start >= 0 ? end : whole.end, container });
      return;
    }
    if (!w.unresolved && SHELLS.has(name) && depth < 3) {
      let j = k + 1;
      while (j < words.length && /^-[a-z]+$/.test(words[j].value) && !words[j].value.includes('c')) j++;
      if (j < words.length && /^-[a-z]*c[a-z]*$/.test(words[j].value) && j + 1 < words.length) {
        script(words[j + 1], container, out, depth);
      }
      return;
    }
    if (!w.unresolved && WRAPPERS.has(name)) {
      k++;
      while (k < words.length && (words[k].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].value))) k++;
      if (TAKES_USER.has(name)) k++;
      continue;
    }
    return;
  }
}

/** `sh -c SCRIPT`: each plain command of the script that starts a server; a note when the script cannot be read as plain commands. */
function script(w: Word, container: string, out: Extracted, depth: number): void {
  if (!MENTIONS_SERVER.test(w.value)) return;
  const where = { start: w.start, end: w.end };
  const r = shellWords(w.chars);
  if (!r.ok) {
    // only where the server is a command of the script, not a word in another's (`redis-cli -h redis-server`)
    if (STARTS_SERVER.test(w.value)) out.unchecked.push({ ...where, message: `This shell script starts a server, but it holds ${r.reason}: Redis Guard checks only scripts of plain commands, so the server's arguments here were not checked.` });
    return;
  }
  for (const cmd of r.commands) {
    let i = 0;
    while (i < cmd.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(cmd[i].value) && !cmd[i].unresolved) i++;
    findServer(cmd.slice(i), container, out, where, depth + 1);
  }
}

/** A server program at the start of a command in a shell script (after `;`, `&&`, `|`, `(`, a new line, `exec`, a wrapper). */
export const STARTS_SERVER = /(^|[;&|(\n]|\b(exec|gosu \S+|su-exec \S+|tini( --)?|dumb-init|env))\s*([^\s;&|]*\/)?(redis|valkey)-(server|sentinel)(\s|$)/;
