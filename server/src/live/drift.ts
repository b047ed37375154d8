/**
 * Drift: which directives of a config file differ from what a live server runs
 * (`CONFIG GET`). Pure: the caller fetches the live values through the allowlist.
 * Values are compared the way the server stores them (memory in bytes, words in
 * lower case, save points merged), and secrets are never put in a message.
 */
import { parse, ConfigView, lookupDirective, Target, memtoull } from '../engine';

export interface Drift {
  /** 0-based line of the (last) line that sets the directive in the file. */
  line: number;
  character: number;
  endCharacter: number;
  name: string;
  fileValue: string;
  liveValue: string;
  /** Sensitive directives (passwords): values are hidden in messages. */
  sensitive: boolean;
  message: string;
}

/** Directives that are not plain settings, or whose live value is derived and would always differ. */
const SKIP = new Set(['include', 'rename-command', 'user', 'loadmodule', 'sentinel', 'dir', 'logfile', 'pidfile', 'daemonize', 'supervised', 'aclfile', 'unixsocket']);

/** The names to ask CONFIG GET for: every plain directive the file sets. */
export function directivesToCompare(text: string, target: Target): string[] {
  const view = new ConfigView(parse(text), target);
  return view.names().filter(n => !SKIP.has(n) && !n.includes('.') && lookupDirective(n, target.id)?.spec.type !== 'ignored' && lookupDirective(n, target.id));
}

/** Turns a file value into the form CONFIG GET prints. */
export function normalise(name: string, values: string[], target: Target): string {
  const spec = lookupDirective(name, target.id)?.spec;
  const joined = values.join(' ');
  if (!spec) return joined;
  switch (spec.type) {
    case 'bool':
    case 'enum':
      return values.map(v => v.toLowerCase()).join(' ');
    case 'memory': {
      if (values[0]?.endsWith('%')) return values[0];
      const b = memtoull(values[0] ?? '');
      return b === null ? joined : b.toString();
    }
    default:
      break;
  }
  if (name === 'client-output-buffer-limit') {
    return values.map((v, i) => (i % 4 === 0 ? (v.toLowerCase() === 'replica' ? 'slave' : v.toLowerCase()) : i % 4 === 3 ? v : (memtoull(v) ?? v).toString())).join(' ');
  }
  if (name === 'bind' || name === 'replicaof') return joined;
  return joined;
}

/** The file's effective value of a directive: last line wins, except save, whose lines add up. */
function fileValues(view: ConfigView, name: string): string[] {
  if (name === 'save') {
    const out: string[] = [];
    for (const s of view.all('save')) {
      if (s.values.length === 1 && s.values[0] === '') out.length = 0;
      else out.push(...s.values.flatMap(v => v.split(/\s+/)));
    }
    return out.length ? out : [''];
  }
  if (name === 'client-output-buffer-limit') {
    // later lines replace the classes they name
    const byClass = new Map<string, string[]>();
    for (const s of view.all(name)) for (let i = 0; i + 3 < s.values.length; i += 4) {
      const cls = s.values[i].toLowerCase() === 'replica' ? 'slave' : s.values[i].toLowerCase();
      byClass.set(cls, s.values.slice(i, i + 4));
    }
    return ['normal', 'slave', 'pubsub'].filter(c => byClass.has(c)).flatMap(c => byClass.get(c)!);
  }
  return view.get(name)?.values ?? [];
}

function sameClientBuffers(file: string, live: string): boolean {
  // the live value lists all three classes; the file may name only some
  const parts = (s: string) => { const m = new Map<string, string>(); const t = s.split(' '); for (let i = 0; i + 3 < t.length; i += 4) m.set(t[i], t.slice(i + 1, i + 4).join(' ')); return m; };
  const f = parts(file); const l = parts(live);
  return [...f.entries()].every(([k, v]) => l.get(k) === v);
}

/** Compares a file with live `CONFIG GET` values (name -> value). Names missing from `live` are skipped. */
export function compare(text: string, target: Target, live: Record<string, string>): Drift[] {
  const view = new ConfigView(parse(text), target);
  const out: Drift[] = [];
  for (const name of directivesToCompare(text, target)) {
    const liveValue = live[name];
    if (liveValue === undefined) continue;
    const s = view.get(name)!;
    const fileValue = normalise(name, fileValues(view, name), target);
    const equal = name === 'client-output-buffer-limit' ? sameClientBuffers(fileValue, liveValue) : fileValue === liveValue;
    if (equal) continue;
    const sensitive = !!lookupDirective(name, target.id)?.spec.flags?.includes('sensitive') || /pass|auth/.test(name);
    const l = s.directive.line;
    out.push({
      line: l.index, character: l.start, endCharacter: l.end, name, fileValue, liveValue, sensitive,
      message: sensitive
        ? `${name} differs from the live server (values hidden: this is a secret).`
        : `${name}: the file says "${fileValue}", the live server runs "${liveValue}". A restart would apply the file's value; CONFIG REWRITE would overwrite the file.`,
    });
  }
  return out;
}
