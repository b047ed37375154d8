/**
 * The files the server opens or changes into while it reads the configuration:
 * `include` (plain paths and globs, nested up to a depth) and `dir`.
 */
import * as nodePath from 'path';
import { parse, ParsedFile } from '../parse';
import { CODES } from '../messages';
import { Loader, Where, Label, Problem, problem } from './context';

/** Reads the text of an include as a config of its own; the loader supplies it (see load.ts). */
export type ReadIncluded = (file: ParsedFile, label: Label) => void;

/**
 * include: every file the pattern matches is read and appended into one text, which
 * is then read like a config of its own (so line numbers run on across glob matches).
 * A plain path that cannot be opened stops the server at once; a directory reads as empty.
 */
export function include(cx: Loader, path: string, at: Where, read: ReadIncluded): void {
  const fs = cx.opts.fs;
  if (!fs) return;
  const isGlob = /[*?[]/.test(path);
  const abs = cx.resolve(path);
  if (!abs) return;
  const files = isGlob ? fs.glob(abs) : [abs];
  if (!files.length) return;
  const parts: Array<{ name: string; text: string }> = [];
  for (const f of files) {
    const kind = fs.stat(f);
    const text = kind === 'dir' ? '' : fs.readFile(f);
    if (text === undefined) {
      startupIncludeFailure(cx, path, at);
      return;
    }
    parts.push({ name: nodePath.basename(f), text });
  }
  if (cx.state.includeDepth > 16) return;
  cx.state.includeDepth++;
  const combined = parts.map(p => p.text).join('');
  // which file (and which of its lines) a line of the combined text comes from
  const starts: number[] = [];
  let line = 0;
  for (const p of parts) { starts.push(line); line += p.text.split('\n').length - 1; }
  const label: Label = (l: number) => {
    let i = starts.length - 1;
    while (i > 0 && starts[i] > l) i--;
    return { file: parts[i].name, line: l - starts[i] + 1 };
  };
  read(parse(combined), label);
  cx.state.includeDepth--;
}

function startupIncludeFailure(cx: Loader, path: string, at: Where): void {
  // The server logs "Fatal error, can't open config file" and exits without a line number.
  cx.onHost(CODES.badInclude, at, 'startup', `Included file "${path}" cannot be read; the server stops before starting. Fix the path (globs with no match are fine).`, "Fatal error, can't open config file");
}

/** dir: the server changes into it at once, so later relative paths are resolved against it. */
export function changeDir(cx: Loader, dir: string, at: Where): Problem | undefined {
  const p = checkDir(cx, dir, at);
  if (p && !cx.opts.hostChecks && dir !== '') {
    cx.onHost(p.code, p.at, 'load', p.message, p.server);
    return undefined;
  }
  return p;
}

function checkDir(cx: Loader, dir: string, at: Where): Problem | undefined {
  const fs = cx.opts.fs;
  if (dir === '') return problem(CODES.badDir, at, '"dir" is empty; name the directory for RDB/AOF files.', 'No such file or directory');
  const abs = cx.resolve(dir);
  if (!fs || !abs) return undefined;
  const kind = fs.stat(abs);
  if (kind === 'dir') { cx.state.cwd = abs; return undefined; }
  const why = kind === 'file' ? 'Not a directory' : 'No such file or directory';
  const rel = nodePath.isAbsolute(dir) ? '' : ' (a relative dir is resolved against the directory the server starts in; this check used the config file\'s folder)';
  return problem(CODES.badDir, at, `"${dir}" ${kind === 'file' ? 'is a file, not a directory' : 'does not exist'}${rel}; the server changes into it while reading and stops here. Create it or fix the path.`, why);
}
