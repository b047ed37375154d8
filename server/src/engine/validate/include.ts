/**
 * The files the server opens or changes into while it reads the configuration:
 * `include` (plain paths and globs, nested up to a depth) and `dir`.
 */
import * as nodePath from 'path';
import { parse, ParsedFile } from '../parse';
import { CODES } from '../messages';
import { isGlobPattern } from '../glob';
import { megabytes } from '../limits';
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
  const isGlob = isGlobPattern(path);
  const abs = cx.resolve(path, at);
  if (!abs) return;
  const limits = cx.limits;
  const room = limits.maxIncludedFiles - cx.state.includedFiles;
  const files = isGlob ? fs.glob(abs, Math.max(room, 0)) : [abs];
  if (!files.length) return;
  if (files.length > room) {
    cx.limitReached('files', at, `More than ${limits.maxIncludedFiles} included files in one check: Redis Guard stops following includes here (the server reads them all); the rest of the includes were not checked.`);
    return;
  }
  if (cx.state.includeDepth >= limits.maxIncludeDepth) {
    cx.limitReached('depth', at, `Includes nest more than ${limits.maxIncludeDepth} deep here: Redis Guard does not follow them further (the server does); what they include was not checked.`);
    return;
  }
  const parts: Array<{ name: string; text: string }> = [];
  for (const f of files) {
    const text = includedText(cx, f, path, at);
    if (text === undefined) return;
    parts.push({ name: nodePath.basename(f), text });
  }
  cx.state.includedFiles += files.length;
  // The server reads an included file inside the include, so a file that includes itself (directly
  // or through others) is read again and again until the stack runs out and the process dies. Its
  // second turn is still read, since repeating a line can fail first (a rename, a user); the
  // third is the loop.
  const keys = files.map(f => fs.realpath?.(f) ?? f);
  const reading = cx.state.reading;
  const looping = keys.find(k => reading.filter(r => r === k).length >= 2);
  if (looping !== undefined) {
    const from = reading.indexOf(looping);
    const chain = reading.slice(from, reading.indexOf(looping, from + 1) + 1).map(f => nodePath.basename(f)).join(' → ');
    const where = `${at.line}:${at.character}`;
    if (cx.state.loopsAt.has(where)) return; // a glob's other files close the same loop
    cx.state.loopsAt.add(where);
    const repeating = cx.state.repeating;
    cx.state.repeating = 0; // this is news even inside a repeated turn
    // like the included text itself, the loop is taken as found: the files that form it are here
    cx.startup(CODES.badInclude, at, `"${path}" includes a file that is already being read (${chain}): the server reads it again and again until it crashes with a segmentation fault, without an error message. Remove the include that closes the loop.`);
    cx.state.repeating = repeating;
    return;
  }
  const repeat = keys.some(k => reading.includes(k));
  cx.state.includeDepth++;
  for (const k of keys) reading.push(k);
  if (repeat) cx.state.repeating++;
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
  if (repeat) cx.state.repeating--;
  reading.length -= keys.length;
  cx.state.includeDepth--;
}

/**
 * One file of an include as the server would read it, or undefined when reading stops here (with
 * the finding that says why). Only regular files are read, each once per check, within the
 * limits; a directory reads as empty, as it does for the server.
 */
function includedText(cx: Loader, f: string, path: string, at: Where): string | undefined {
  const fs = cx.opts.fs!;
  const kind = fs.stat(f);
  if (kind === 'dir') return '';
  if (kind === 'fifo') {
    cx.report(cx.opts.hostChecks ? 'error' : 'warning', CODES.badInclude, at, false,
      `"${f}" is a FIFO (named pipe), not a file: the server waits at this include until another process writes into it, and starts only with what that process writes. Redis Guard does not read it; include a regular file.`);
    return undefined;
  }
  if (kind === 'device') {
    const real = fs.realpath?.(f) ?? f;
    if (real === '/dev/null') return ''; // reads as empty, for the server too
    cx.report(cx.opts.hostChecks ? 'error' : 'warning', CODES.badInclude, at, false,
      `"${f}" is a device, not a file: the server reads it until it ends, and some never do: /dev/zero is read forever, /dev/urandom until the server runs out of memory and crashes. Redis Guard does not read devices; include a regular file.`);
    return undefined;
  }
  if (kind === 'socket') {
    cx.onHost(CODES.badInclude, at, 'startup', `"${f}" is a socket, which cannot be opened as a file; the server stops before starting. Include a regular file.`, "Fatal error, can't open config file: No such device or address");
    return undefined;
  }
  const key = fs.realpath?.(f) ?? f;
  let text = cx.state.texts.get(key);
  if (!cx.state.texts.has(key)) {
    const room = cx.limits.maxTotalBytes - cx.state.includedBytes;
    text = fs.readFile(f, Math.max(0, Math.min(cx.limits.maxFileBytes, room)));
    cx.state.texts.set(key, text);
    if (typeof text === 'string') cx.state.includedBytes += Buffer.byteLength(text);
    else if (text && room < cx.limits.maxFileBytes && text.tooLarge <= cx.limits.maxFileBytes) {
      cx.limitReached('bytes', at, `The included files of this check pass ${megabytes(cx.limits.maxTotalBytes)} together: Redis Guard does not read "${f}" and the includes after it (the server reads them); they were not checked.`);
      return undefined;
    }
  }
  if (text === undefined) {
    startupIncludeFailure(cx, path, at);
    return undefined;
  }
  if (typeof text !== 'string') {
    cx.report('warning', CODES.notChecked, at, false, `"${f}" is ${megabytes(text.tooLarge)}, more than the ${megabytes(cx.limits.maxFileBytes)} Redis Guard reads of one file: it was not checked (the server reads it whole).`);
    return undefined;
  }
  return text;
}

function startupIncludeFailure(cx: Loader, path: string, at: Where): void {
  // The server logs "Fatal error, can't open config file" and exits without a line number.
  cx.onHost(CODES.badInclude, at, 'startup', `Included file "${path}" cannot be read; the server stops before starting. Fix the path.`, "Fatal error, can't open config file");
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
  const abs = cx.resolve(dir, at);
  // a dir that cannot be looked at here leaves the relative paths after it unknown too
  if (!abs && cx.opts.platform === 'windows') cx.state.cwd = undefined;
  if (!fs || !abs) return undefined;
  const kind = fs.stat(abs);
  if (kind === 'dir') { cx.state.cwd = abs; return undefined; }
  const why = kind === 'file' ? 'Not a directory' : 'No such file or directory';
  const rel = nodePath.isAbsolute(dir) ? '' : ' (a relative dir is resolved against the directory the server starts in; this check used the config file\'s folder)';
  return problem(CODES.badDir, at, `"${dir}" ${kind === 'file' ? 'is a file, not a directory' : 'does not exist'}${rel}; the server changes into it while reading and stops here. Create it or fix the path.`, why);
}
