/**
 * The reading loop: every line in the server's order, and which part of the validator
 * reads which directive (the config table, the special forms, the directives outside
 * the table, includes), with the explanation of an inline comment when a line fails.
 */
import { ParsedFile, DirectiveLine, reread } from '../parse';
import { Token, splitArgs } from '../tokenize';
import type { Fix } from '../findings';
import { CODES, clip } from '../messages';
import { MAX_ARGS_PER_LINE } from '../limits';
import { placeholderIn, placeholderNote, Placeholder } from '../placeholders';
import { closingQuoteNeedsBlank, lookupDirective, targetsKnowing, unknownDirectivesOf, DirectiveVariant } from '../catalog';
import { Loader, Where, Label, Line, Fail, targetLabel } from './context';
import { setConfig } from './typed-values';
import { setSpecial } from './special';
import { include } from './include';
import { renameCommand, user, loadModule, moduleConfig, sentinel } from './out-of-table';
import { unknownName } from './suggest';
import { endOfFileChecks } from './startup';

const OUT_OF_TABLE = new Set(['include', 'rename-command', 'user', 'loadmodule', 'sentinel']);

/** Reads every line of `file`; `map` turns a position in it into a position in the linted file, `label` names included lines. */
export function loadFile(cx: Loader, file: ParsedFile, map: (w: Where) => Where, label: Label | undefined): void {
  const strictQuotes = closingQuoteNeedsBlank(cx.t.id);
  for (const parsed of file.lines) {
    const pl = reread(parsed, strictQuotes);
    if (cx.seq !== undefined) cx.seq++;
    if (pl.kind === 'comment' || pl.kind === 'blank') continue;
    const lineWhere = (s: number, e: number): Where => {
      const w = map({ line: pl.line.index, character: s, endLine: pl.line.index, endCharacter: e });
      return label ? { ...w, included: { ...label(pl.line.index), serverLine: pl.line.index + 1 } } : w;
    };
    if (pl.kind === 'bad-quotes') {
      const at = lineWhere(pl.at, pl.line.end);
      const why = pl.reason === 'unterminated'
        ? 'This quote is never closed on this line (a value cannot span lines).'
        : 'A closing quote must be followed by a blank or the end of the line.';
      cx.fatal(CODES.unbalancedQuotes, at, `${why} Close the quote, or escape it inside double quotes as \\".`,
        'Unbalanced quotes in configuration line');
      continue;
    }
    if (pl.kind !== 'directive') continue;
    if (pl.truncated) {
      cx.report('warning', CODES.notChecked, lineWhere(pl.line.start, pl.line.end), false,
        `This line has more than ${MAX_ARGS_PER_LINE.toLocaleString('en-US')} arguments; Redis Guard does not check it (the server reads them all).`);
      continue;
    }
    loadDirective(cx, pl, lineWhere);
  }
}

/** An included text is read like a file of its own, every finding pointing at the include line. */
function readIncluded(cx: Loader, file: ParsedFile, at: Where, label: Label): void {
  loadFile(cx, file, () => at, label);
  endOfFileChecks(cx, at, label(0).file);
}

function loadDirective(cx: Loader, d: DirectiveLine, where: (s: number, e: number) => Where): void {
  const args = d.args;
  const argc = args.length;
  const nameAt = where(args[0].start, args[0].end);
  const lineAt = where(args[0].start, d.line.end);
  const argAt = (i: number) => where(args[i].start, args[i].end);
  const restAt = (i: number) => (i < argc ? where(args[i].start, args[argc - 1].end) : lineAt);
  const values = args.map(a => a.value);
  const name = d.name;
  const comment = inlineCommentIndex(args, name);
  const commentFix = comment > 0 ? [moveCommentFix(d, comment, where)] : undefined;
  /** The line as the server logs it when Redis 8 cannot place it. */
  const written = d.line.raw.slice(d.line.start, d.line.end);

  /** Why this line fails, explaining an inline comment when there is one. */
  const explain = (code: string, at: Where, message: string): { code: string; at: Where; message: string; fixes?: Fix[] } => {
    if (comment <= 0) return { code, at, message };
    const n = argc - comment;
    return {
      code: CODES.inlineComment, at: where(args[comment].start, d.line.end), fixes: commentFix,
      message: `${message} "${clip(args.slice(comment).map(a => a.value).join(' '), 32)}" is read as ${n} more argument${n === 1 ? '' : 's'}, not a comment: put it on its own line.`,
    };
  };
  /** A placeholder left in the line, which explains why a value is refused. */
  const placeholderArg = values.findIndex((v, i) => i > 0 && placeholderIn(v) !== undefined);
  // an unquoted `{{ name }}` is three arguments: the line's values together still show it
  const placeholder = placeholderArg > 0 ? placeholderIn(values[placeholderArg]) : argc > 2 ? placeholderIn(values.slice(1).join(' ')) : undefined;
  /** A failure of this line. */
  const fail: Fail = (code, at, message, serverText) => {
    const e = explain(code, at, placeholder ? `${message} ${placeholderNote(placeholder)}` : message);
    cx.fatal(e.code, e.at, e.message, serverText, e.fixes);
  };
  /** Redis 8 hands a line its loader does not take, if it has a value, to the modules (startup.ts); the others fail here. */
  const failOrKeep = (code: string, at: Where, message: string) => {
    if (argc >= 2 && unknownDirectivesOf(cx.t.id) === 'startup') cx.state.moduleConfigs.push({ name, at: nameAt, line: written, unknown: explain(code, at, message) });
    else fail(code, at, message, 'Bad directive or wrong number of arguments');
  };

  if (name.charCodeAt(0) === 0xfeff && nameAt.line === 0 && !nameAt.included) {
    const message = 'The file starts with a UTF-8 byte order mark; the server reads it as part of the first word, which then is no directive. Save the file as UTF-8 without BOM.';
    if (argc >= 2 && unknownDirectivesOf(cx.t.id) === 'startup') cx.state.moduleConfigs.push({ name, at: nameAt, line: written, unknown: { code: CODES.byteOrderMark, at: nameAt, message } });
    else cx.fatal(CODES.byteOrderMark, nameAt, message, 'Bad directive or wrong number of arguments');
    return;
  }

  // A directive of the config table: one value, or several with multi-arg.
  const info = OUT_OF_TABLE.has(name) ? undefined : lookupDirective(name, cx.t.id);
  if (info && info.spec.type !== 'ignored' && !(isHandParsed(cx, info.spec))) {
    const spec = info.spec;
    const multi = spec.flags?.includes('multi-arg');
    if (!multi && argc !== 2) {
      fail(CODES.argumentCount, argc < 2 ? lineAt : restAt(2),
        argc < 2 ? `"${info.name}" needs a value.` : `"${info.name}" takes exactly one value, and this line gives ${argc - 1}. Quote a value that contains blanks.`,
        'wrong number of arguments');
      return;
    }
    let setArgs = values.slice(1);
    let setAt: Where[] = args.slice(1).map((_, i) => argAt(i + 1));
    if (multi && argc === 2 && values[1].length > 0) {
      const r = splitArgs(values[1], 0, values[1].length, closingQuoteNeedsBlank(cx.t.id));
      if (r.ok && r.truncated) {
        cx.report('warning', CODES.notChecked, argAt(1), false, `This value has more than ${MAX_ARGS_PER_LINE.toLocaleString('en-US')} words; Redis Guard does not check it (the server reads them all).`);
        return;
      }
      setArgs = r.ok ? r.tokens.map(t => t.value) : [];
      setAt = setArgs.map(() => argAt(1));
    }
    const err = setConfig(cx, spec, { name: info.name, args: setArgs, at: setAt, lineAt });
    if (err) {
      fail(err.code, err.at, err.message, err.server);
      return;
    }
    if (comment > 0) {
      cx.report('warning', CODES.inlineComment, where(args[comment].start, d.line.end), false,
        `"#" does not start a comment after a value: the server takes "${values.slice(comment).join(' ')}" as part of the value. Put the comment on its own line.`, undefined, commentFix);
    }
    if (placeholder) keptPlaceholder(cx, info.name, placeholder, placeholderArg > 0 ? argAt(placeholderArg) : restAt(1));
    cx.remember(info.name, setArgs, lineAt, commentFix);
    return;
  }

  if (info && info.spec.type === 'ignored') {
    const [lo, hi] = info.spec.argc ?? [1, 1];
    if (argc - 1 >= lo && (hi < 0 || argc - 1 <= hi)) {
      cx.report('information', CODES.ignoredDirective, nameAt, false,
        `"${name}" is accepted but ignored by ${targetLabel(cx.t)}; remove it.`);
      return;
    }
  }
  if (info && isHandParsed(cx, info.spec)) {
    const [lo, hi] = info.spec.argc ?? [1, 1];
    if (argc - 1 >= lo && (hi < 0 || argc - 1 <= hi)) {
      const err = setSpecial(cx, { name: info.name, args: values.slice(1), at: args.slice(1).map((_, i) => argAt(i + 1)), lineAt });
      if (err) { fail(err.code, err.at, err.message, err.server); return; }
      cx.remember(info.name, values.slice(1), lineAt);
      return;
    }
    fail(CODES.argumentCount, lineAt, `"${info.name}" does not take ${argc - 1} argument${argc === 2 ? '' : 's'} here.`, 'Bad directive or wrong number of arguments');
    return;
  }

  // Directives outside the config table.
  const line: Line = {
    d, values, nameAt, lineAt, argAt, fail,
    comment: comment > 0 ? { at: where(args[comment].start, d.line.end), fixes: commentFix! } : undefined,
  };
  if (name === 'include' && argc === 2) {
    const at = argAt(1);
    include(cx, values[1], at, (file, label) => readIncluded(cx, file, at, label));
    return;
  }
  if (name === 'rename-command' && argc === 3) { renameCommand(cx, line); return; }
  if (name === 'user' && argc >= 2) { user(cx, line); return; }
  if (name === 'loadmodule' && argc >= 2) { loadModule(cx, line); return; }
  if (name.includes('.')) { moduleConfig(cx, line); return; }
  if (name === 'sentinel') { sentinel(cx, line); return; }

  // Unknown here: explain version gates and typos.
  const elsewhere = targetsKnowing(name);
  if (OUT_OF_TABLE.has(name) || elsewhere.includes(cx.t.id)) {
    const message = `"${name}" does not take ${argc - 1} argument${argc === 2 ? '' : 's'}.`;
    failOrKeep(CODES.argumentCount, lineAt, message);
    return;
  }
  const unknown = unknownName(name, values[0], cx.t, elsewhere);
  failOrKeep(unknown.code, nameAt, unknown.message);
}

/** A value the server takes as written although it is a template placeholder. */
function keptPlaceholder(cx: Loader, name: string, p: Placeholder, at: Where): void {
  const secret = /pass|auth/.test(name);
  cx.report('warning', CODES.placeholder, at, false,
    `${name} is the literal text "${p.text}" (${p.tool}): the server does not expand it${secret ? ', so this very text is the password' : ''}. Fill it in before deploying.`);
}

function isHandParsed(cx: Loader, spec: DirectiveVariant): boolean {
  // Before 7.0 the special directives were parsed by hand outside the config table.
  return spec.type === 'special' && cx.t.flavour === 'redis' && cx.t.major < 7;
}

/** Index of the first unquoted argument (after the name) that starts with '#', or -1. */
export function inlineCommentIndex(args: Token[], name = ''): number {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a.quote !== '' || !a.value.startsWith('#')) continue;
    // in ACL rules "#<hex>" is a password hash, not a comment
    if (name === 'user' && /^#[0-9a-fA-F]+$/.test(a.value)) continue;
    return i;
  }
  return -1;
}

/** Moves "# …" written after a value to its own line above, keeping the indentation. */
function moveCommentFix(d: DirectiveLine, comment: number, where: (s: number, e: number) => Where): Fix {
  const raw = d.line.raw;
  const eol = raw.endsWith('\r') ? '\r\n' : '\n';
  const indent = raw.slice(0, d.line.start);
  const code = raw.slice(d.line.start, d.args[comment - 1].end);
  const note = raw.slice(d.args[comment].start, d.line.end);
  const at = where(d.line.start, d.line.end);
  return {
    title: 'Move the comment to its own line above',
    edits: [{ line: at.line, character: at.character, endLine: at.endLine, endCharacter: at.endCharacter, newText: `${note}${eol}${indent}${code}` }],
    safety: 'safe',
  };
}
