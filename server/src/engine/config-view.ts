/**
 * The effective configuration of a parsed file: for every directive (by canonical
 * name) the lines that set it, the last one winning, as the server applies them.
 */
import { ParsedFile, DirectiveLine } from './parse';
import { lookupDirective, Target } from './catalog';
import { sectionHeaders } from './editor/symbols';

export interface Section { title: string; line: number; /** Last line of the section that holds a directive (the header line when none). */ lastDirective: number }

export interface Setting {
  /** Canonical directive name. */
  name: string;
  /** The name as written (lower-case), when it is an alias. */
  alias?: string;
  directive: DirectiveLine;
  /** Argument values after the name. */
  values: string[];
}

export class ConfigView {
  private readonly byName = new Map<string, Setting[]>();

  constructor(readonly file: ParsedFile, readonly target: Target) {
    for (const d of file.directives) {
      const info = lookupDirective(d.name, target.id);
      const name = info?.name ?? d.name;
      const s: Setting = { name, alias: info?.alias, directive: d, values: d.args.slice(1).map(a => a.value) };
      const list = this.byName.get(name);
      if (list) list.push(s); else this.byName.set(name, [s]);
    }
  }

  private sectionCache?: Section[];
  private exampleCache?: Map<string, number>;

  /** Section headers (comments like "# SECURITY" or "#### NETWORK ####") in file order. */
  sections(): Section[] {
    if (this.sectionCache) return this.sectionCache;
    const out: Section[] = [];
    const headers = new Map(sectionHeaders(this.file).map(h => [h.line, h.title]));
    for (const pl of this.file.lines) {
      if (pl.kind === 'comment') {
        const title = headers.get(pl.line.index);
        if (title !== undefined) out.push({ title, line: pl.line.index, lastDirective: pl.line.index });
      } else if (pl.kind === 'directive' && out.length) {
        out[out.length - 1].lastDirective = pl.line.index;
      }
    }
    return (this.sectionCache = out);
  }

  /** Line of the first commented-out example of a directive ("# requirepass foobared"). */
  commentedExample(name: string): number | undefined {
    if (!this.exampleCache) {
      this.exampleCache = new Map();
      for (const pl of this.file.lines) {
        if (pl.kind !== 'comment') continue;
        const t = pl.text;
        let i = 0;
        while (i < t.length && (t[i] === ' ' || t[i] === '\t')) i++;
        let j = i;
        while (j < t.length && t[j] !== ' ' && t[j] !== '\t') j++;
        const word = j > i ? t.slice(i, j).toLowerCase() : undefined;
        if (word && !this.exampleCache.has(word)) this.exampleCache.set(word, pl.line.index);
      }
    }
    return this.exampleCache.get(name.toLowerCase());
  }

  /** Every line that sets a directive, in file order. */
  all(name: string): Setting[] {
    return this.byName.get(name) ?? [];
  }

  /** The line that wins (the last one). */
  get(name: string): Setting | undefined {
    const l = this.byName.get(name);
    return l ? l[l.length - 1] : undefined;
  }

  /** First value of the winning line, or the catalog default when the file does not set it. */
  value(name: string): string | undefined {
    const s = this.get(name);
    if (s) return s.values[0];
    return lookupDirective(name, this.target.id)?.spec.default;
  }

  /** Lower-cased value, for comparing booleans and enums. */
  word(name: string): string | undefined {
    return this.value(name)?.toLowerCase();
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** `sentinel <sub> ...` lines by subcommand (lower-case). */
  sentinel(sub: string): Setting[] {
    return this.all('sentinel').filter(s => (s.values[0] ?? '').toLowerCase() === sub);
  }
}
