/** What a rule is: metadata plus a check over the effective configuration. */
import { ConfigView, Setting } from '../config-view';
import { Target } from '../catalog';
import { insertionPoint } from '../edits';
import type { Fix } from '../findings';
export type { Fix } from '../findings';

export type Family = 'security' | 'persistence' | 'memory' | 'replication' | 'tls' | 'performance' | 'operations' | 'compatibility';
export const PROFILES = ['development', 'staging', 'production', 'production-ha', 'cluster'] as const;
export type Profile = typeof PROFILES[number];
export type Level = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const LEVELS: Level[] = ['off', 'hint', 'information', 'warning', 'error'];

/** What the instance is used for; decides how eviction is judged. */
export type Role = 'security-store' | 'cache' | 'general';

export interface RuleMeta {
  /** Stable code, e.g. "RG301". */
  code: string;
  /** Short kebab-case name, e.g. "no-authentication". */
  name: string;
  family: Family;
  /** One line: what the rule finds. */
  summary: string;
  /** Default level per profile. */
  severity: Record<Profile, Level>;
  /** Whether the rule offers an automatic fix. */
  fixable: boolean;
  /**
   * A file that triggers the rule and one that does not (both loadable by the server),
   * used by the docs page and by the tests. Use a `# redis-guard: profile=…` line when
   * the rule only fires in some profiles.
   */
  /** `container`: the examples are for a file beside that container file (RG366). */
  examples: { bad: string; good: string; sentinel?: boolean; container?: string };
}

export interface Where { line: number; character: number; endLine: number; endCharacter: number }

export interface RuleReport {
  at: Where;
  message: string;
  /** The why, the numbers and examples behind a short message (hover, JSON output); the rule's docs page has the rest. */
  details?: string;
  /**
   * Quick fixes. Pass a function when building them costs something (finding where to
   * insert a line, generating a password): it runs only when someone reads the fixes.
   */
  fixes?: Fix[] | (() => Fix[]);
  /** Caps this finding's level below the rule's level (e.g. a milder case of the same problem). */
  atMost?: Level;
}

export interface RuleContext {
  config: ConfigView;
  target: Target;
  profile: Profile;
  role: Role;
  /** Why that role was assumed and how to change it (rules/role.ts), for the findings that depend on it. */
  roleReason: string;
  /** Where the server runs in a container, as a message says it ("beside a Dockerfile", "in docker-compose.yml"), when it does. */
  container?: string;
  /** The file is a sentinel.conf. */
  sentinel: boolean;
  /** Whole text, for fixes that insert lines. */
  text: string;
  report(r: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** Levels for the five profiles in order: development, staging, production, production-ha, cluster. */
export function levels(dev: Level, staging: Level, prod: Level, ha: Level = prod, cluster: Level = prod): Record<Profile, Level> {
  return { development: dev, staging, production: prod, 'production-ha': ha, cluster };
}

/** Range of a whole directive line (trimmed). */
export function lineOf(s: Setting): Where {
  const l = s.directive.line;
  return { line: l.index, character: l.start, endLine: l.index, endCharacter: l.end };
}

/** Range of argument i of a setting (0 = the name). */
export function argOf(s: Setting, i: number): Where {
  const t = s.directive.args[Math.min(i, s.directive.args.length - 1)];
  const l = s.directive.line.index;
  return { line: l, character: t.start, endLine: l, endCharacter: t.end };
}

/** Start of the file, for findings about something missing. */
export const TOP: Where = { line: 0, character: 0, endLine: 0, endCharacter: 0 };

/**
 * Where a finding about a missing directive sits: where its fix would add it (the line of its
 * commented-out example, or the header of the section it belongs in, see insertionPoint), else
 * on the first directive, else at the start of the file; never on the file's opening banner.
 */
export function missingAt(config: ConfigView, name: string, sections: string[]): Where {
  const at = insertionPoint(config, name, sections);
  const line = at ? ('example' in at ? at.example : at.section.line) : config.file.directives[0]?.line.index;
  if (line === undefined) return TOP;
  const l = config.file.lines[line].line;
  return { line, character: l.start, endLine: line, endCharacter: l.end };
}
