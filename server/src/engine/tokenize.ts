/**
 * Splitting a config file into lines and arguments exactly as redis-server does
 * (sdssplitlen on "\n", sdstrim of " \t\r\n", sdssplitargs), keeping the position
 * of every argument in the original text so diagnostics and edits can point at it.
 */

export interface Token {
  /** The argument as the server sees it (quotes removed, escapes applied). */
  value: string;
  /** Offsets within the line's text (0-based, end exclusive), including quotes. */
  start: number;
  end: number;
  /** How the argument was written. */
  quote: '' | '"' | "'";
}

export type SplitResult =
  /** `truncated`: the line has more than MAX_ARGS_PER_LINE arguments and only those were read. */
  | { ok: true; tokens: Token[]; truncated?: true }
  /** `at` is the offset where the server gave up (unterminated quote or a character glued to a closing quote). */
  | { ok: false; at: number; reason: 'unterminated' | 'after-quote'; tokens: Token[] };

/** C isspace() in the C locale. */
function isCSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\v' || c === '\f' || c === '\r';
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

import { MAX_ARGS_PER_LINE } from './limits';

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };

/**
 * sdssplitargs: blanks separate arguments; "double quotes" take \xHH, \n \r \t \b \a
 * and \<any>; 'single quotes' take only \'; a closing quote must be followed by a
 * blank or the end of the line (unless `closingQuoteNeedsBlank` is false, as in Valkey 9.1).
 * The line is read up to its first NUL, as C would.
 */
export function splitArgs(line: string, offset = 0, limit = line.length, closingQuoteNeedsBlank = true): SplitResult {
  const tokens: Token[] = [];
  const nul = line.indexOf('\0', offset);
  const end = nul === -1 || nul > limit ? limit : nul;
  let p = offset;
  const at = (i: number) => (i < end ? line[i] : '');
  for (;;) {
    while (p < end && isCSpace(line[p])) p++;
    if (p >= end) return { ok: true, tokens };
    if (tokens.length === MAX_ARGS_PER_LINE) return { ok: true, tokens, truncated: true };
    const start = p;
    let inDouble = false;
    let inSingle = false;
    let quote: Token['quote'] = '';
    let value = '';
    let done = false;
    /** At a closing quote (or the end of the line inside quotes): the token ends, or the line is refused. */
    const closeQuote = (c: string): SplitResult | undefined => {
      if (c === '') return { ok: false, at: start, reason: 'unterminated', tokens };
      // Valkey 9.1 lets the argument go on after a closing quote ('a'b is ab)
      if (!closingQuoteNeedsBlank) { inDouble = inSingle = false; return undefined; }
      const next = at(p + 1);
      if (next !== '' && !isCSpace(next)) return { ok: false, at: p + 1, reason: 'after-quote', tokens };
      done = true;
      return undefined;
    };
    while (!done) {
      const c = at(p);
      if (inDouble) {
        if (c === '\\' && at(p + 1) === 'x' && isHex(at(p + 2) || undefined) && isHex(at(p + 3) || undefined)) {
          value += String.fromCharCode(parseInt(line.substr(p + 2, 2), 16));
          p += 3;
        } else if (c === '\\' && at(p + 1) !== '') {
          p++;
          const e = at(p);
          value += ESCAPES[e] ?? e;
        } else if (c === '"' || c === '') {
          const bad = closeQuote(c);
          if (bad) return bad;
        } else {
          value += c;
        }
      } else if (inSingle) {
        if (c === '\\' && at(p + 1) === "'") {
          p++;
          value += "'";
        } else if (c === "'" || c === '') {
          const bad = closeQuote(c);
          if (bad) return bad;
        } else {
          value += c;
        }
      } else {
        switch (c) {
          case ' ': case '\n': case '\r': case '\t': case '':
            done = true;
            break;
          case '"':
            inDouble = true;
            if (!quote) quote = '"';
            break;
          case "'":
            inSingle = true;
            if (!quote) quote = "'";
            break;
          default:
            value += c;
        }
      }
      if (done) {
        // the character that ended the token is consumed, as in C (`if (*p) p++`)
        const tokenEnd = c === '"' || c === "'" ? p + 1 : p;
        tokens.push({ value, start, end: tokenEnd, quote: line[start] === '"' || line[start] === "'" ? quote : '' });
        if (c !== '') p++;
      } else if (c !== '') {
        p++;
      }
    }
  }
}

/**
 * The inverse of splitArgs for one argument: writes `s` so that splitArgs reads it back
 * as exactly `s`. Plain when nothing in it is special, in single quotes when it has no
 * single quote, no trailing backslash and no control character, else in double quotes
 * with \\, \" and \xHH escapes.
 */
export function quoteArg(s: string): string {
  if (s !== '' && /^[^\s"'\\#\x00-\x1f]+$/.test(s)) return s;
  if (!s.includes("'") && !s.endsWith('\\') && !/[\x00-\x1f]/.test(s)) return `'${s}'`;
  return '"' + s.replace(/[\\"]/g, c => '\\' + c).replace(/[\x00-\x1f]/g, c => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')) + '"';
}

export interface SourceLine {
  /** 0-based line number (split on "\n" only, like the server). */
  index: number;
  /** The raw line, without its "\n" (may still end with "\r"). */
  raw: string;
  /** Offsets of the trimmed content within `raw`. */
  start: number;
  end: number;
}

function isTrimmed(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10; // sdstrim's " \t\r\n"
}

/**
 * Visits every line (split on "\n" only: a lone "\r" is not a line break for the server)
 * with the bounds of its trimmed content, without allocating anything per line.
 */
export function eachLine(text: string, visit: (raw: string, index: number, start: number, end: number) => void): void {
  let pos = 0;
  let index = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const raw = nl === -1 ? text.slice(pos) : text.slice(pos, nl);
    let start = 0;
    let end = raw.length;
    while (start < end && isTrimmed(raw.charCodeAt(start))) start++;
    while (end > start && isTrimmed(raw.charCodeAt(end - 1))) end--;
    visit(raw, index, start, end);
    if (nl === -1) break;
    pos = nl + 1;
    index++;
  }
}

/** Every line with the bounds of its trimmed content (see eachLine). */
export function splitLines(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  eachLine(text, (raw, index, start, end) => { out.push({ index, raw, start, end }); });
  return out;
}

/** Convenience: the argument values of one line, or null on bad quoting. */
export function tokenize(line: string): string[] | null {
  const r = splitArgs(line);
  return r.ok ? r.tokens.map(t => t.value) : null;
}
