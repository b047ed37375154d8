/**
 * The engine's entry point: text in, findings out. Shared by the language server,
 * the CLI, the tests and the benchmarks.
 */
import * as nodePath from 'path';
import { parse, ParsedFile } from './parse';
import { validate } from './validate';
import { FileAccess, hostAddresses, nodeFileAccess } from './file-access';
import { resolveTarget, Target } from './catalog';
import { Finding } from './findings';
import { ConfigView } from './config-view';
import { readFileDirectives, runRules } from './rules/run';
import { platformOf } from './paths';
import { Level, Profile } from './rules/types';
import { CODES } from './messages';
import { DEFAULT_LIMITS, Limits, megabytes } from './limits';

export type { Finding } from './findings';
export type { FileAccess } from './file-access';
export { nodeFileAccess } from './file-access';

export interface LintOptions {
  /** Target server, e.g. "redis@7.0" (default redis@7.2). */
  server?: string;
  /** Absolute or relative path of the file, for includes, relative paths and sentinel detection. */
  filePath?: string;
  /** Read as sentinel.conf; defaults to true when the file name contains "sentinel". */
  sentinel?: boolean;
  /** File system access for includes, dir, TLS files; defaults to the real one when filePath is set. */
  fs?: FileAccess | null;
  /** Command-line options the server is started with, e.g. ["--port", "7000"]. */
  extraArgs?: string[];
  /** This machine runs the server: missing files and directories are fatal (default false). */
  hostChecks?: boolean;
  /** Features of the server build, when known: Debian's package refuses activedefrag yes. */
  build?: { activeDefrag?: boolean };
  /** Deployment profile for the production rules (default production); false runs no rules. */
  profile?: Profile | false;
  /** Per-rule level overrides: { "RG301": "off" }. */
  rules?: Record<string, Level>;
  /** `parse(text)`, when the caller has it already (the language server shares it with hover and outline). */
  parsed?: ParsedFile;
  /** How far the check goes (engine/limits.ts); the defaults when absent. */
  limits?: Limits;
  /** Where the server runs in a container, as a message says it ("beside a Dockerfile", "in docker-compose.yml"), when the caller knows; otherwise looked for beside filePath. */
  container?: string;
}

export function isSentinelFile(filePath: string | undefined): boolean {
  return !!filePath && /sentinel[^/\\]*\.conf$/i.test(nodePath.basename(filePath));
}

export function lintText(text: string, options: LintOptions = {}): Finding[] {
  const target = resolveTarget(options.server);
  if ('error' in target) throw new Error(target.error);
  return lintWithTarget(text, target, options);
}

export function lintWithTarget(text: string, target: Target, options: LintOptions = {}): Finding[] {
  const limits = options.limits ?? DEFAULT_LIMITS;
  if (text.length > limits.maxTextChars) return [tooLargeFinding(limits)];
  const filePath = options.filePath ? nodePath.resolve(options.filePath) : undefined;
  const file = options.parsed ?? parse(text);
  const sentinel = options.sentinel ?? isSentinelFile(filePath);
  // the `# redis-guard:` comments, read once for the platform and the rules
  const fileDirectives = readFileDirectives(file);
  const fs = options.fs === null ? undefined : options.fs ?? (filePath ? nodeFileAccess : undefined);
  const validated = validate(file, {
    target,
    sentinel,
    filePath,
    fs,
    extraArgs: options.extraArgs,
    hostChecks: options.hostChecks,
    build: options.build,
    hostAddresses: options.hostChecks ? hostAddresses() : undefined,
    limits,
    platform: platformOf(target, fileDirectives.platform),
  });
  const findings = validated.findings;
  let dropped = validated.dropped;
  if (options.profile !== false) {
    const config = new ConfigView(file, target);
    const room = Math.max(0, limits.maxFindings - findings.length);
    const ruled = runRules(file, config, target, text, { profile: options.profile, overrides: options.rules, sentinel, maxFindings: room, fileDirectives, container: options.container ?? containerBeside(filePath, fs) });
    for (const f of ruled) findings.push(f);
    dropped += ruled.dropped ?? 0;
  }
  findings.sort((a, b) => a.line - b.line || a.character - b.character);
  if (dropped) {
    findings.push({
      line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'warning', code: CODES.notChecked, fatal: false,
      message: `${dropped.toLocaleString('en-US')} more findings are not listed: Redis Guard reports at most ${limits.maxFindings.toLocaleString('en-US')} per file.`,
    });
  }
  return findings;
}

const CONTAINER_FILES = ['Dockerfile', 'Containerfile', 'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml'];

/** The container build or compose file in the config file's folder, as a message says it ("beside a Dockerfile"). */
function containerBeside(filePath: string | undefined, fs: FileAccess | undefined): string | undefined {
  if (!filePath || !fs) return undefined;
  const dir = nodePath.dirname(filePath);
  const found = CONTAINER_FILES.find(n => fs.stat(nodePath.join(dir, n)) === 'file');
  return found === undefined ? undefined : `beside ${found === 'Dockerfile' || found === 'Containerfile' ? `a ${found}` : found}`;
}

/** A text too large to check, as one finding instead of a check that would take seconds and gigabytes. */
function tooLargeFinding(limits: Limits): Finding {
  return {
    line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'warning', code: CODES.notChecked, fatal: false,
    message: `This file is larger than the ${megabytes(limits.maxTextChars)} Redis Guard checks, so it was not checked (the server reads it whole; a real configuration is rarely more than a few hundred kilobytes).`,
  };
}

export type Verdict = { kind: 'starts' } | { kind: 'refused'; line: number } | { kind: 'refused-startup' };

/** What the server would do with the file: start, stop at a line, or refuse after reading. */
export function verdictOf(findings: Finding[]): Verdict {
  const whileReading = findings.filter(f => f.fatal && f.readOrder !== undefined);
  if (whileReading.length) {
    // the server stops at the first problem it meets while reading
    const first = whileReading.reduce((a, b) => (b.readOrder! < a.readOrder! ? b : a));
    if (first.stage === 'load') return { kind: 'refused', line: first.serverLine ?? first.line + 1 };
    return { kind: 'refused-startup' };
  }
  if (findings.some(f => f.fatal)) return { kind: 'refused-startup' };
  return { kind: 'starts' };
}
