/**
 * Splitting a command string into words the way the tool that runs it does, keeping where each
 * character of each word was written (an offset in the source file) so that a finding about an
 * argument lands on its text.
 *
 * - `composeWords`: Docker Compose's `command:` / `entrypoint:` string. compose-go
 *   (types/command.go) splits it with mattn/go-shellwords' Parse (v1.0.12, no environment and no
 *   backtick parsing) after interpolating `${VAR}` / `$VAR` / `$$` in the whole file. Blanks
 *   (space, tab, CR, LF) separate words; `'…'` and `"…"` group; a backslash outside single quotes
 *   takes the next character as it is (also inside double quotes); `#` is an ordinary character;
 *   `;`, `&`, `|`, `<` or `>` outside quotes end the command and the rest is dropped; an unclosed
 *   quote, a trailing backslash or a `(` that does not follow `$` is an error.
 * - `shellWords`: POSIX sh (`/bin/sh -c`, Dockerfile shell form). Blanks and newlines separate
 *   words; a word starting with `#` starts a comment to the end of the line; `'…'` is literal;
 *   in `"…"` a backslash escapes only `$`, backquote, `"`, `\` and a newline; outside quotes it
 *   escapes any character and a backslash-newline disappears. Parameter expansion and command
 *   substitution are not resolved: the word is marked as such. Operators (`; & | < > ( )`) make
 *   the text more than one simple command, which is reported instead of guessed.
 */

/**
 * One character of a string and where it was written (-1: unknown, somewhere in the string's
 * node). A reference the tool fills in later (`${VAR}`) is one Located holding its whole text,
 * with `why` saying who fills it in.
 */
export interface Located { c: string; at: number; why?: string }

/** A word of a command line. */
export interface Word {
  value: string;
  /** Source offsets of the word's first and after its last character; -1 when unknown. */
  start: number;
  end: number;
  /** Why the value is not known before the program runs (a variable, a command substitution). */
  unresolved?: string;
  /** Each character and where it was written (for a word that is itself a script: `sh -c "…"`). */
  chars: Located[];
}

/** The result of a split: the words, or why the text is not one plain command. */
export type Split =
  | { ok: true; words: Word[]; dropped?: { at: number; text: string } }
  | { ok: false; reason: string; at: number };

/** A shell script's simple commands (separated by `;`, `&&`, `||` or newlines), or why it is more than that. */
export type Script =
  | { ok: true; commands: Word[][] }
  | { ok: false; reason: string; at: number };

/** Characters of a string written literally at `start` (a plain or simply quoted scalar). */
export function locate(text: string, start: number): Located[] {
  return Array.from(text, (c, i) => ({ c, at: start + i }));
}

class WordBuilder {
  words: Word[] = [];
  private value = '';
  private start = -1;
  private end = -1;
  private unknownAt = false;
  private unresolved: string | undefined;
  private active = false;
  private chars: Located[] = [];
  push(ch: Located): void {
    this.value += ch.c;
    this.chars.push(ch);
    this.mark(ch.at, ch.c.length);
    if (ch.why) this.unresolved ??= ch.why;
  }
  mark(at: number, len = 1): void {
    this.active = true;
    if (at < 0) { this.unknownAt = true; return; }
    if (this.start < 0 || at < this.start) this.start = at;
    if (at + len > this.end) this.end = at + len;
  }
  /** The word exists even when empty (`""`). */
  touch(at: number): void { this.mark(at); }
  unknown(text: string, at: number, endAt: number, why: string): void {
    this.value += text;
    this.chars.push({ c: text, at, why });
    this.mark(at, Math.max(1, endAt - at));
    this.unresolved ??= why;
  }
  flush(): void {
    if (!this.active) return;
    this.words.push({ value: this.value, start: this.unknownAt ? -1 : this.start, end: this.unknownAt ? -1 : this.end, ...(this.unresolved ? { unresolved: this.unresolved } : {}), chars: this.chars });
    this.value = '';
    this.chars = [];
    this.start = this.end = -1;
    this.unknownAt = false;
    this.unresolved = undefined;
    this.active = false;
  }
}

const COMPOSE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/**
 * Compose's interpolation over a string's characters: `$$` is one literal `$`, `${…}` and `$NAME`
 * are filled in from the environment when Compose reads the file (kept here as unresolved runs,
 * `c` holding the whole reference and `ref` set). Returns the characters, or the offset of an
 * invalid `$` (Compose refuses the file: "Invalid template").
 */
export function composeInterpolate(chars: Located[]): { chars: Array<Located & { ref?: boolean; endAt?: number }> } | { invalidAt: number } {
  const out: Array<Located & { ref?: boolean; endAt?: number }> = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch.c !== '$') { out.push(ch); continue; }
    const next = chars[i + 1]?.c;
    if (next === '$') { out.push({ c: '$', at: ch.at }); i++; continue; }
    if (next === '{') {
      let depth = 0, j = i;
      for (; j < chars.length; j++) {
        if (chars[j].c === '$' && chars[j + 1]?.c === '{') { depth++; j++; continue; }
        if (chars[j].c === '}' && --depth === 0) break;
      }
      if (j >= chars.length) return { invalidAt: ch.at };
      const text = chars.slice(i, j + 1).map(x => x.c).join('');
      if (!/^\$\{[_a-zA-Z][_a-zA-Z0-9]*(:?[-?+].*)?\}$/s.test(text)) return { invalidAt: ch.at };
      out.push({ c: text, at: ch.at, ref: true, endAt: chars[j].at + 1 });
      i = j;
      continue;
    }
    const rest = chars.slice(i + 1, i + 200).map(x => x.c).join('');
    const m = COMPOSE_NAME.exec(rest);
    if (!m) return { invalidAt: ch.at };
    const last = chars[i + m[0].length];
    out.push({ c: '$' + m[0], at: ch.at, ref: true, endAt: last.at < 0 ? -1 : last.at + 1 });
    i += m[0].length;
  }
  return { chars: out };
}

/** go-shellwords' Parse over interpolated characters (see the file header). */
export function composeWords(chars: Array<Located & { ref?: boolean; endAt?: number }>): Split {
  const b = new WordBuilder();
  let escaped = false, dq = false, sq = false, bq = false, dollar = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch.ref) { b.unknown(ch.c, ch.at, ch.endAt ?? ch.at + 1, `${ch.c} is filled in by Compose from the environment`); continue; }
    const c = ch.c;
    if (escaped) { b.push(ch); escaped = false; continue; }
    if (c === '\\') { if (sq) b.push(ch); else { escaped = true; b.touch(ch.at); } continue; }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (sq || dq || bq || dollar) b.push(ch);
      else b.flush();
      continue;
    }
    if (c === '`' && !sq && !dq && !dollar) { bq = !bq; b.push(ch); continue; }
    if (c === ')' && !sq && !dq && !bq) { dollar = !dollar; b.push(ch); continue; }
    if (c === '(' && !sq && !dq && !bq) {
      if (!dollar && chars[i - 1]?.c === '$' && !chars[i - 1].ref) { dollar = true; b.push(ch); continue; }
      return { ok: false, reason: 'a "(" that does not follow "$"', at: ch.at };
    }
    if (c === '"' && !sq && !dollar) { dq = !dq; b.touch(ch.at); continue; }
    if (c === "'" && !dq && !dollar) { sq = !sq; b.touch(ch.at); continue; }
    if (';&|<>'.includes(c) && !(sq || dq || bq || dollar)) {
      b.flush();
      const text = chars.slice(i).map(x => x.c).join('');
      return { ok: true, words: b.words, dropped: { at: ch.at, text } };
    }
    b.push(ch);
  }
  if (escaped || sq || dq || bq || dollar) return { ok: false, reason: escaped ? 'a backslash at the end' : 'an unclosed quote', at: chars[chars.length - 1]?.at ?? -1 };
  b.flush();
  return { ok: true, words: b.words };
}

/** POSIX sh: the simple commands of a script (see the file header). */
export function shellWords(chars: Located[]): Script {
  const b = new WordBuilder();
  const commands: Word[][] = [];
  const endCommand = () => { b.flush(); if (b.words.length) commands.push(b.words); b.words = []; };
  let i = 0;
  const n = chars.length;
  const isBlank = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n';
  let inWord = false;
  const expansion = (from: number): { end: number; why: string } | { bad: string } => {
    // from: index of "$" or "`"
    const c = chars[from].c;
    if (c === '`') {
      let j = from + 1;
      while (j < n && chars[j].c !== '`') j += chars[j].c === '\\' ? 2 : 1;
      return j < n ? { end: j + 1, why: 'a command substitution (`…`) that only the shell running it can resolve' } : { bad: 'an unclosed backquote' };
    }
    const next = chars[from + 1]?.c;
    if (next === '(') {
      let depth = 0, j = from + 1;
      for (; j < n; j++) {
        if (chars[j].c === '(') depth++;
        else if (chars[j].c === ')' && --depth === 0) break;
      }
      return j < n ? { end: j + 1, why: 'a command substitution ($(…)) that only the shell running it can resolve' } : { bad: 'an unclosed $(' };
    }
    if (next === '{') {
      let j = from + 2;
      while (j < n && chars[j].c !== '}') j++;
      return j < n ? { end: j + 1, why: 'a shell variable that is only known when the container runs' } : { bad: 'an unclosed ${' };
    }
    let j = from + 1;
    if (j < n && /[A-Za-z_]/.test(chars[j].c)) { while (j < n && /[A-Za-z0-9_]/.test(chars[j].c)) j++; }
    else if (j < n && /[0-9@*#?$!-]/.test(chars[j].c)) j++;
    else return { end: from, why: '' }; // a lone "$" is literal
    return { end: j, why: 'a shell variable that is only known when the container runs' };
  };
  const takeExpansion = (): boolean | Script => {
    const e = expansion(i);
    if ('bad' in e) return { ok: false, reason: e.bad, at: chars[i].at };
    if (e.end === i) return false;
    const text = chars.slice(i, e.end).map(x => x.c).join('');
    b.unknown(text, chars[i].at, chars[e.end - 1].at + 1, e.why ? `${text} is ${e.why}` : text);
    i = e.end;
    inWord = true;
    return true;
  };
  while (i < n) {
    const ch = chars[i];
    const c = ch.c;
    if (c === '\n') { endCommand(); inWord = false; i++; continue; }
    if (isBlank(c)) { b.flush(); inWord = false; i++; continue; }
    if (c === '#' && !inWord) { while (i < n && chars[i].c !== '\n') i++; continue; }
    if (c === '\\') {
      if (chars[i + 1]?.c === '\n') { i += 2; continue; }
      if (i + 1 < n) { b.push(chars[i + 1]); inWord = true; }
      i += 2;
      continue;
    }
    if (c === "'") {
      b.touch(ch.at);
      let j = i + 1;
      while (j < n && chars[j].c !== "'") b.push(chars[j++]);
      if (j >= n) return { ok: false, reason: 'an unclosed single quote', at: ch.at };
      b.touch(chars[j].at);
      i = j + 1;
      inWord = true;
      continue;
    }
    if (c === '"') {
      b.touch(ch.at);
      let j = i + 1;
      for (;;) {
        if (j >= n) return { ok: false, reason: 'an unclosed double quote', at: ch.at };
        const d = chars[j].c;
        if (d === '"') break;
        if (d === '\\' && j + 1 < n && '$`"\\\n'.includes(chars[j + 1].c)) {
          if (chars[j + 1].c !== '\n') b.push(chars[j + 1]);
          j += 2;
          continue;
        }
        if (d === '$' || d === '`') {
          i = j;
          const t = takeExpansion();
          if (typeof t === 'object') return t;
          if (t) { j = i; continue; }
        }
        b.push(chars[j++]);
      }
      b.touch(chars[j].at);
      i = j + 1;
      inWord = true;
      continue;
    }
    if (c === '$' || c === '`') {
      const t = takeExpansion();
      if (typeof t === 'object') return t;
      if (t) continue;
    }
    const two = c + (chars[i + 1]?.c ?? '');
    if (c === ';' || two === '&&' || two === '||') { endCommand(); inWord = false; i += c === ';' ? 1 : 2; continue; }
    if ('&|<>()'.includes(c)) return { ok: false, reason: `"${c}" (a pipe, redirection, background job or subshell)`, at: ch.at };
    b.push(ch);
    inWord = true;
    i++;
  }
  endCommand();
  return { ok: true, commands };
}
