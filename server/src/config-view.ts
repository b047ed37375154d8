/**
 * The effective configuration of a parsed file: for every directive (by canonical
 * name) the lines that set it, the last one winning, as the server applies them.
 */
import { ParsedFile, DirectiveLine } from './parse';
import { lookupDirective, Target } from './catalog';

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
