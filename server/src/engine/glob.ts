/**
 * `include` patterns as the server expands them: it calls glibc's glob(3) with no flags when
 * the path contains `*`, `?` or `[`. So, per path segment: `*` and `?` never match a `/` or a
 * leading `.` (hidden files need a pattern that starts with `.`), `[...]` is a bracket
 * expression (`!` or `^` negates, `]` first is a member, `a-z` ranges, `[:alpha:]` classes),
 * `\` makes the next character literal, an unclosed `[` is a literal `[`, and there is no
 * brace expansion. Matches are sorted; the server sorts by its collation locale, and this
 * sorts as the C locale does (byte order), which is what a service without LANG gets.
 */

/** The server globs an include path when it contains any of these (escaped or not). */
export function isGlobPattern(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Whether glob(3) treats a segment as a pattern: an unescaped `*` or `?`, or a `[` closed later by `]`. */
export function hasMagic(segment: string): boolean {
  let open = false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[') open = true;
    else if (c === ']' && open) return true;
  }
  return false;
}

/** A segment without magic as the file name it stands for (backslashes dropped). */
export function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.?)/gs, '$1');
}

const CLASSES: Record<string, RegExp> = {
  alpha: /\p{L}/u, digit: /[0-9]/, alnum: /[\p{L}0-9]/u, upper: /\p{Lu}/u, lower: /\p{Ll}/u,
  space: /\s/, blank: /[ \t]/, punct: /[!-/:-@[-`{-~]/, print: /[^\x00-\x1f\x7f]/, graph: /[^\x00-\x20\x7f]/,
  cntrl: /[\x00-\x1f\x7f]/, xdigit: /[0-9A-Fa-f]/,
};

/**
 * Reads the bracket expression opening at p[at] (a `[`) against character ch. Undefined when the
 * bracket is never closed (the `[` is then an ordinary character).
 */
function bracket(p: string[], at: number, ch: string): { end: number; matched: boolean } | undefined {
  let i = at + 1;
  const negate = p[i] === '!' || p[i] === '^';
  if (negate) i++;
  let matched = false;
  let first = true;
  while (i < p.length) {
    let c = p[i];
    if (c === ']' && !first) return { end: i + 1, matched: matched !== negate };
    first = false;
    if (c === '[' && p[i + 1] === ':') {
      const close = p.indexOf(':', i + 2);
      if (close > 0 && p[close + 1] === ']') {
        const re = CLASSES[p.slice(i + 2, close).join('')];
        if (re?.test(ch)) matched = true;
        i = close + 2;
        continue;
      }
    }
    if (c === '\\' && i + 1 < p.length) c = p[++i];
    // a range a-z, unless the '-' is last before the closing ']'
    if (p[i + 1] === '-' && i + 2 < p.length && p[i + 2] !== ']') {
      let hi = p[i + 2];
      let next = i + 3;
      if (hi === '\\' && i + 3 < p.length) { hi = p[i + 3]; next = i + 4; }
      const cp = ch.codePointAt(0)!;
      if (cp >= c.codePointAt(0)! && cp <= hi.codePointAt(0)!) matched = true;
      i = next;
      continue;
    }
    if (c === ch) matched = true;
    i++;
  }
  return undefined;
}

/** fnmatch(3) of one segment against one name, with FNM_PERIOD and escapes, as glob(3) uses it. */
export function matchSegment(pattern: string, name: string): boolean {
  const p = Array.from(pattern);
  const s = Array.from(name);
  const failed = new Set<number>(); // (pi, si) pairs known not to match: keeps `*a*a*a…` linear-ish
  const leadingDot = s[0] === '.';
  const at = (pi: number, si: number): boolean => {
    const key = pi * (s.length + 1) + si;
    if (failed.has(key)) return false;
    while (pi < p.length) {
      const c = p[pi];
      if (c === '*') {
        if (si === 0 && leadingDot) return false;
        while (p[pi] === '*') pi++;
        if (pi === p.length) return true;
        for (let k = si; k <= s.length; k++) if (at(pi, k)) return true;
        failed.add(key);
        return false;
      }
      if (si >= s.length) break;
      if (c === '?') {
        if (si === 0 && leadingDot) return false;
        pi++; si++;
        continue;
      }
      if (c === '[') {
        const b = bracket(p, pi, s[si]);
        if (b) {
          if ((si === 0 && leadingDot) || !b.matched) break;
          pi = b.end; si++;
          continue;
        }
      }
      let lit = c;
      if (c === '\\') {
        pi++;
        if (pi >= p.length) break; // a trailing backslash matches nothing
        lit = p[pi];
      }
      if (s[si] !== lit) break;
      pi++; si++;
    }
    if (pi === p.length && si === s.length) return true;
    failed.add(key);
    return false;
  };
  return at(0, 0);
}

/** Sorts paths as glob(3) does in the C locale: by their bytes. */
export function sortLikeGlob(paths: string[]): string[] {
  return paths.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
