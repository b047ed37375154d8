/**
 * Parsing a config file into lines, comments and directives, as the server's
 * reader sees them. Pure: no file system, no editor.
 */
import { eachLine, splitLines, splitArgs, Token, SourceLine } from './tokenize';

export interface CommentLine { kind: 'comment'; line: SourceLine; /** The text after "#", trimmed at the end. */ readonly text: string }

/**
 * Comment and blank lines, most of a commented config, are their own SourceLine (`line`
 * returns the object itself), so each costs one object. A comment's text is cut out of the
 * line only when asked for: most comments are never read after parsing.
 */
class Comment implements CommentLine, SourceLine {
  readonly kind = 'comment';
  constructor(readonly raw: string, readonly index: number, readonly start: number, readonly end: number) {}
  get line(): SourceLine { return this; }
  get text(): string { return this.raw.slice(this.start + 1, this.end); }
}

class Blank implements BlankLine, SourceLine {
  readonly kind = 'blank';
  constructor(readonly raw: string, readonly index: number, readonly start: number, readonly end: number) {}
  get line(): SourceLine { return this; }
}
export interface BlankLine { kind: 'blank'; line: SourceLine }
export interface BadQuotesLine { kind: 'bad-quotes'; line: SourceLine; at: number; reason: 'unterminated' | 'after-quote'; tokens: Token[] }
export interface DirectiveLine {
  kind: 'directive';
  line: SourceLine;
  /** Lower-cased first argument, as the server looks it up. */
  name: string;
  /** All arguments, the directive name first. */
  args: Token[];
  /** The line has more than MAX_ARGS_PER_LINE arguments; `args` holds only the first ones. */
  truncated?: true;
}
export type ParsedLine = CommentLine | BlankLine | BadQuotesLine | DirectiveLine;

export interface ParsedFile {
  text: string;
  lines: ParsedLine[];
  directives: DirectiveLine[];
  /** The text starts with a UTF-8 byte order mark (U+FEFF). */
  bom: boolean;
  /** Positions of NUL characters: [line, character]. */
  nuls: Array<[number, number]>;
}

const HAS_UPPER = /[A-Z]/;

/** C tolower on ASCII only, as sdstolower does in the C locale. */
export function asciiLower(s: string): string {
  return HAS_UPPER.test(s) ? s.replace(/[A-Z]/g, c => c.toLowerCase()) : s;
}

/**
 * The server reads the file with fgets() into a 1024-byte buffer and appends each
 * chunk with strlen(): whatever follows a NUL inside a chunk is dropped. Returns the
 * text as the server ends up seeing it, or the input itself when it has no NUL.
 */
export function serverVisibleText(text: string): string {
  if (!text.includes('\0')) return text;
  const bytes = Buffer.from(text, 'utf8');
  const out: Buffer[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    let end = pos;
    while (end < bytes.length && end - pos < 1024) {
      end++;
      if (bytes[end - 1] === 0x0a) break;
    }
    const chunk = bytes.subarray(pos, end);
    const nul = chunk.indexOf(0);
    out.push(nul === -1 ? chunk : chunk.subarray(0, nul));
    pos = end;
  }
  return Buffer.concat(out).toString('utf8');
}

export function parse(input: string): ParsedFile {
  const nuls: Array<[number, number]> = [];
  if (input.includes('\0')) {
    splitLines(input).forEach(l => {
      for (let i = l.raw.indexOf('\0'); i !== -1; i = l.raw.indexOf('\0', i + 1)) nuls.push([l.index, i]);
    });
  }
  const text = serverVisibleText(input);
  const lines: ParsedLine[] = [];
  const directives: DirectiveLine[] = [];
  eachLine(text, (raw, index, start, end) => {
    if (start === end) { lines.push(new Blank(raw, index, start, end)); return; }
    if (raw.charCodeAt(start) === 35 /* # */) { lines.push(new Comment(raw, index, start, end)); return; }
    const pl = argumentsOf({ index, raw, start, end }, splitArgs(raw, start, end));
    lines.push(pl);
    if (pl.kind === 'directive') directives.push(pl);
  });
  return { text, lines, directives, bom: text.charCodeAt(0) === 0xfeff, nuls };
}

function argumentsOf(line: SourceLine, r: ReturnType<typeof splitArgs>): ParsedLine {
  if (!r.ok) return { kind: 'bad-quotes', line, at: r.at, reason: r.reason, tokens: r.tokens };
  if (r.tokens.length === 0) return { kind: 'blank', line };
  const d: DirectiveLine = { kind: 'directive', line, name: asciiLower(r.tokens[0].value), args: r.tokens };
  if (r.truncated) d.truncated = true;
  return d;
}

/**
 * A line of `parse` as a server reads it that lets an argument go on after a closing quote
 * (Valkey 9.1: `'a'b` is `ab`, where the others refuse the line). Comments and blank lines are
 * the same either way.
 */
export function reread(pl: ParsedLine, closingQuoteNeedsBlank: boolean): ParsedLine {
  if (closingQuoteNeedsBlank || pl.kind === 'comment' || pl.kind === 'blank') return pl;
  const { raw, start, end } = pl.line;
  return argumentsOf(pl.line, splitArgs(raw, start, end, false));
}
