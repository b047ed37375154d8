/**
 * Runs the rules over a parsed file: picks the profile and role (setting or
 * `# redis-guard:` comment), applies severity overrides and suppression comments.
 */
import { ParsedFile } from '../parse';
import { ConfigView } from '../config-view';
import { resolveTarget, Target } from '../catalog';
import { Finding, Fix, Severity } from '../findings';
import { Level, LEVELS, Profile, PROFILES, Role, Rule, RuleReport, Where } from './types';
import { RULES } from './index';
import { CODES, clipQuoted } from '../messages';
import type { Platform } from '../paths';
import { assumedRole } from './role';

export interface RuleOptions {
  /** Profile from settings/CLI; a `# redis-guard: profile=…` comment in the file wins. */
  profile?: Profile;
  /** Per-code level overrides, e.g. { RG301: 'off' }. */
  overrides?: Record<string, Level>;
  sentinel?: boolean;
  /** At most this many findings are returned (default: all); the others are counted in `dropped`. */
  maxFindings?: number;
  /** The container file beside the config, when there is one (lint.ts looks). */
  container?: string;
  /** readFileDirectives(file), when the caller has read them already. */
  fileDirectives?: FileDirectives;
}

export interface FileDirectives {
  profile?: Profile;
  role?: Role;
  /** The target the file names for itself (`# redis-guard: server=valkey@8.1`), as written; see engine/target-of-file.ts. */
  server?: string;
  /** The platform the file names (`# redis-guard: platform=windows`); see engine/paths.ts. */
  platform?: Platform;
  /** Codes disabled for the whole file ("all" for every rule). */
  disabled: Set<string>;
  /** Codes disabled per 0-based line. */
  disabledLines: Map<number, Set<string>>;
  /** Problems with the comments themselves (unknown profile, …). */
  problems: Array<{ line: number; message: string }>;
}

const ANY_MARK = /redis-guard/i;
const MARK = /^#\s*redis-guard(?:-(disable-next-line|disable))?\s*:?\s*(.*)$/i;

/** Reads `# redis-guard: profile=… role=… server=…`, `# redis-guard-disable CODE…` and `# redis-guard-disable-next-line CODE…`. */
export function readFileDirectives(file: ParsedFile): FileDirectives {
  const out: FileDirectives = { disabled: new Set(), disabledLines: new Map(), problems: [] };
  // every mark contains this word; one search of the text spares most files a pass over their comments
  if (!ANY_MARK.test(file.text)) return out;
  const nextDirectiveLine = (from: number) => file.lines.find(l => l.line.index > from && (l.kind === 'directive' || l.kind === 'bad-quotes'))?.line.index;
  for (const pl of file.lines) {
    if (pl.kind !== 'comment') continue;
    const m = MARK.exec(pl.line.raw.slice(pl.line.start, pl.line.end));
    if (!m) continue;
    const words = m[2].split(/[\s,]+/).filter(Boolean);
    if (!m[1]) {
      for (const w of words) {
        const [k, v] = w.split('=');
        if (k === 'profile' && (PROFILES as readonly string[]).includes(v)) out.profile = v as Profile;
        else if (k === 'role' && ['security-store', 'cache', 'general'].includes(v)) out.role = v as Role;
        else if (k === 'server' && v && !('error' in resolveTarget(v))) out.server = v;
        else if (k === 'platform' && (v === 'windows' || v === 'unix' || v === 'linux')) out.platform = v === 'windows' ? 'windows' : 'unix';
        else out.problems.push({ line: pl.line.index, message: `Unknown redis-guard setting "${w}". Use profile=${PROFILES.join('|')}, role=security-store|cache|general, server=flavour@version (e.g. server=valkey@8.1) or platform=windows|unix.` });
      }
      continue;
    }
    const codes = words.length ? words.map(w => w.toUpperCase()) : ['ALL'];
    if (m[1].toLowerCase() === 'disable') codes.forEach(c => out.disabled.add(c));
    else {
      const target = nextDirectiveLine(pl.line.index);
      if (target !== undefined) {
        const set = out.disabledLines.get(target) ?? new Set<string>();
        codes.forEach(c => set.add(c));
        out.disabledLines.set(target, set);
      }
    }
  }
  return out;
}

/**
 * A rule's finding whose quick fixes are built on first read, then kept. Most lints (every
 * keystroke in the editor, every CI run without --fix) never read them, and some cost
 * something to build: finding where to insert a line, generating a password.
 * The builder sits in a private field, so the finding's own properties are those of any other.
 */
class RuleFinding implements Finding {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  readonly fatal = false;
  #build: (() => Fix[] | undefined) | undefined;
  #fixes: Fix[] | undefined;

  declare details?: string;

  constructor(at: Where, public severity: Severity, public code: string, public message: string, fixes: RuleReport['fixes']) {
    this.line = at.line;
    this.character = at.character;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    if (typeof fixes === 'function') this.#build = fixes;
    else this.#fixes = fixes;
  }

  get fixes(): Fix[] | undefined {
    if (this.#build) { this.#fixes = this.#build(); this.#build = undefined; }
    return this.#fixes;
  }

  set fixes(fixes: Fix[] | undefined) {
    this.#build = undefined;
    this.#fixes = fixes;
  }
}

/** The rules' findings; `dropped` counts those past `options.maxFindings`. */
export function runRules(file: ParsedFile, config: ConfigView, target: Target, text: string, options: RuleOptions, rules: Rule[] = RULES): Finding[] & { dropped?: number } {
  const fd = options.fileDirectives ?? readFileDirectives(file);
  const profile = fd.profile ?? options.profile ?? 'production';
  const { role, reason: roleReason } = assumedRole(config, profile, fd.role);
  const findings: Finding[] & { dropped?: number } = [];
  const max = options.maxFindings ?? Infinity;
  let dropped = 0;
  for (const p of fd.problems) {
    findings.push({ line: p.line, character: 0, endLine: p.line, endCharacter: 0, severity: 'warning', code: CODES.badGuardComment, fatal: false, message: p.message });
  }
  for (const rule of rules) {
    const level = options.overrides?.[rule.meta.code] ?? rule.meta.severity[profile];
    if (level === 'off' || !LEVELS.includes(level)) continue;
    if (fd.disabled.has(rule.meta.code) || fd.disabled.has('ALL')) continue;
    const reports: RuleReport[] = [];
    try {
      // a rule that reports without end (one finding per line of a huge file) is counted, not kept
      rule.check({ config, target, profile, role, roleReason, container: options.container, sentinel: !!options.sentinel, text, report: r => { if (reports.length + findings.length < max) reports.push(r); else dropped++; } });
    } catch (e) {
      findings.push({ line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'warning', code: rule.meta.code, fatal: false, message: `Rule ${rule.meta.code} failed on this file: ${(e as Error).message}` });
      continue;
    }
    for (const r of reports) {
      const off = fd.disabledLines.get(r.at.line);
      if (off && (off.has(rule.meta.code) || off.has('ALL'))) continue;
      const capped = r.atMost && LEVELS.indexOf(r.atMost) < LEVELS.indexOf(level) ? r.atMost : level;
      if (capped === 'off') continue;
      const finding = new RuleFinding(r.at, capped, rule.meta.code, clipQuoted(r.message), r.fixes);
      if (r.details) finding.details = r.details;
      findings.push(finding);
    }
  }
  if (dropped) findings.dropped = dropped;
  return findings;
}
