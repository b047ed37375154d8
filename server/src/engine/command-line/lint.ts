/**
 * Linting the servers started in a docker-compose file, a Dockerfile or a Kubernetes manifest:
 * each command line becomes the config text the server reads (argv.ts), the engine checks it
 * (lintWithTarget: the same reading order and verdict as for a .conf file), and each finding
 * goes back to the text of the argument(s) it is about.
 *
 * - A finding on an option's line lands on the arguments it covers (`--save` and its values).
 * - A finding about the configuration as a whole (something missing) lands on the server program.
 * - A line with an argument only known when the container runs (`${PORT}`, `$(PORT)`, `$PORT`)
 *   is not checked: its findings are dropped, and when one of them would have been a problem
 *   there is one information finding (RG208) saying what was not checked. The placeholder note
 *   (RG207) never applies there: Compose, Kubernetes or the shell fills the value in.
 * - The config file named on the command line is not read here (its findings belong to that
 *   file, where the editor or the CLI checks it); the options are checked as lines appended
 *   after it, and findings that depend on the file's contents (start-up checks, missing
 *   directives) are left out. A caller that has the file's text (the conformance tests) passes
 *   it in `configFileText`.
 */
import { resolveTarget, Target } from '../catalog';
import type { Finding } from '../findings';
import { lintWithTarget, verdictOf, LintOptions, Verdict } from '../lint';
import { CODES } from '../messages';
import { Profile, Level } from '../rules/types';
import { readFileDirectives } from '../rules/run';
import { parse } from '../parse';
import { argvToConfig, configText, dialectOf, ServerConfig, serverProgram } from './argv';
import { extractCompose } from './compose';
import { extractDockerfile } from './dockerfile';
import { extractKubernetes } from './kubernetes';
import { MENTIONS_SERVER } from './sites';
import type { CommandSite, Extracted } from './sites';
import { DEFAULT_LIMITS, megabytes } from '../limits';

export type CommandFileKind = 'compose' | 'dockerfile' | 'kubernetes';

export interface CommandLineOptions {
  /** The configured target (setting or --server); a valkey-* program switches to Valkey unless it is Valkey already. */
  target: Target;
  profile?: Profile | false;
  rules?: Record<string, Level>;
  /** The text of a config file named on a command line, when the caller has it (tests); otherwise the file is not read. */
  configFileText?: (path: string) => string | undefined;
}

/** Which kind of container file this is, by its name and then its content; undefined for anything else. */
export function commandFileKind(path: string | undefined, text: string, languageId?: string): CommandFileKind | undefined {
  const base = (path ?? '').replace(/^.*[\\/]/, '');
  if (languageId === 'dockerfile' || /^(Dockerfile|Containerfile)([.-].*)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (languageId === 'dockercompose' || /^(docker-)?compose([.-][^/\\]*)?\.ya?ml$/i.test(base)) return 'compose';
  if (languageId !== undefined && languageId !== 'yaml') return undefined;
  if (!/\.ya?ml$/i.test(base) && languageId !== 'yaml') return undefined;
  if (/^services\s*:/m.test(text)) return 'compose';
  if (/^\s*apiVersion\s*:/m.test(text) && /^\s*kind\s*:/m.test(text)) return 'kubernetes';
  return undefined;
}

/**
 * The target and profile a `# redis-guard: server=… profile=…` comment in the file names, read as
 * a config file's are (YAML and Dockerfile comments are `#` lines too); parsed only when one is there.
 */
function fileComments(text: string): { server?: Target; profile?: Profile } {
  if (!/redis-guard/i.test(text)) return {};
  const d = readFileDirectives(parse(text));
  const t = d.server === undefined ? undefined : resolveTarget(d.server);
  return { server: t && !('error' in t) ? t : undefined, profile: d.profile };
}

/** The target a command line is checked against: a server= comment, else a valkey program makes it Valkey, else the configured one. */
function targetFor(program: string, configured: Target, named: Target | undefined): Target {
  if (named) return named;
  const flavour = serverProgram(program);
  if (flavour === 'valkey' && configured.flavour !== 'valkey') {
    const t = resolveTarget('valkey');
    if (!('error' in t)) return t;
  }
  return configured;
}

/** What the engine makes of one command line: the config text, its findings (in that text) and the verdict. */
export interface CheckedCommandLine {
  config: ServerConfig;
  target: Target;
  text: string;
  optionsAt: number;
  findings: Finding[];
  verdict: Verdict;
  /** Whether the config file's text (if one is named) was checked too. */
  fileKnown: boolean;
}

/** Checks argv (argv[0] the program) as the server would read it. */
export function checkArgv(argv: string[], target: Target, options: Omit<CommandLineOptions, 'target'> & { container?: string } = {}): CheckedCommandLine {
  const flavour = serverProgram(argv[0]) ?? (target.flavour === 'valkey' ? 'valkey' : 'redis');
  const config = argvToConfig(argv, flavour, dialectOf(target));
  const filePath = config.configFile === undefined ? undefined : argv[config.configFile];
  const fileText = filePath === undefined ? '' : options.configFileText?.(filePath);
  const fileKnown = filePath === undefined || fileText !== undefined;
  const { text, optionsAt } = configText(config, fileText ?? '');
  if (config.command.kind !== 'server') return { config, target, text, optionsAt, findings: [], verdict: { kind: 'starts' }, fileKnown };
  const findings = lintWithTarget(text, target, { sentinel: config.command.sentinel, profile: options.profile, rules: options.rules, fs: null, container: options.container });
  if (config.command.sentinel && filePath === undefined) {
    findings.push({
      line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'error', code: CODES.sentinelWithoutFile, fatal: true, stage: 'startup',
      message: 'Sentinel is started without a config file, and it needs one to write its state to: it refuses to start. Name a writable sentinel.conf as the first argument.',
      serverMessage: 'Sentinel started without a config file. Exiting...',
    });
  }
  return { config, target, text, optionsAt, findings, verdict: verdictOf(findings), fileKnown };
}

/** Line starts of a text, for offsets ⇄ positions. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= offset) lo = mid; else hi = mid - 1; }
  return { line: lo, character: offset - starts[lo] };
}

type Place = { start: number; end: number };

/** The findings of one command site, placed in the source file. */
function siteFindings(site: CommandSite, options: CommandLineOptions, named: { server?: Target; profile?: Profile }, siteIndex: number, place: (p: Place, f: Omit<Finding, 'line' | 'character' | 'endLine' | 'endCharacter'>) => Finding): Finding[] {
  const target = targetFor(site.argv[0].value, options.target, named.server);
  const checked = checkArgv(site.argv.map(a => a.value), target, { ...options, profile: named.profile ?? options.profile, container: site.container });
  const { config, text, optionsAt } = checked;
  const program: Place = { start: site.argv[0].start, end: site.argv[0].end };
  const whole: Place = { start: site.start, end: site.end };
  const out: Finding[] = [];
  if (config.command.kind === 'no-server') {
    out.push(place(program.start >= 0 ? program : whole, { severity: 'information', code: CODES.commandNotChecked, fatal: false, message: `This command ${config.command.what}: it does not start a server, so there is nothing to check.` }));
    return out;
  }
  if (config.stdin !== undefined) {
    const a = site.argv[config.stdin];
    out.push(place({ start: a.start, end: a.end }, { severity: 'information', code: CODES.commandNotChecked, fatal: false, message: 'With "-" the server reads more configuration from standard input, which Redis Guard cannot see: the options are checked as if it were empty.' }));
  }
  if (!dialectOf(target).escapeQuotes) {
    for (const a of site.argv.slice(1)) {
      if (a.value.startsWith('--') || !/["\\]/.test(a.value)) continue;
      out.push(place(a.start >= 0 ? a : whole, { severity: 'information', code: CODES.commandNotChecked, fatal: false, message: `Valkey 8.1.0 and 8.1.1 pass this argument's " or \\ to the config reader without escaping it (fixed in 8.1.2), so those releases read it differently from every other version. It is checked here as 8.1.1 reads it.` }));
    }
  }
  const starts = lineStarts(text);
  const optionsLine = positionAt(starts, optionsAt).line;
  // the options' lines, each with the arguments on it
  const lineArgs = new Map<number, number[]>();
  for (const s of config.spans) {
    const l = positionAt(starts, optionsAt + s.start).line;
    let list = lineArgs.get(l);
    if (!list) lineArgs.set(l, list = []);
    if (list[list.length - 1] !== s.arg) list.push(s.arg); // spans come in argument order
  }
  const unresolvedLines = new Map<number, string>();
  for (const [l, args] of lineArgs) {
    const u = args.map(i => site.argv[i]).find(a => a.unresolved);
    if (u) unresolvedLines.set(l, u.unresolved!);
  }
  const noted = new Set<number>();
  const note = (l: number, why: string) => {
    noted.add(l);
    out.push(place(span(lineArgs.get(l)!.map(i => site.argv[i]), whole), { severity: 'information', code: CODES.commandNotChecked, fatal: false, message: `Not checked: ${why}. Redis Guard checks the line once the value is written out.` }));
  };
  // what a shell expands is noted always; what Compose or Kubernetes fill in only where it would decide the verdict (below)
  for (const [l, why] of unresolvedLines) if (/shell/.test(why)) note(l, why);
  const firstLine = lineArgs.keys().next().value ?? -1;
  for (const f of checked.findings) {
    const base = { severity: f.severity, code: f.code, fatal: f.fatal, message: f.message, ...(f.details ? { details: f.details } : {}), ...(f.serverMessage ? { serverMessage: f.serverMessage } : {}), ...(f.stage ? { stage: f.stage } : {}), ...(f.readOrder !== undefined ? { readOrder: siteIndex * 1e9 + f.readOrder } : {}) };
    if (!lineArgs.has(f.line)) {
      // before the options: the config file's own lines are that file's; without a file, line 1 is the
      // empty line before the options, where a finding about the whole configuration sits
      if (f.line < optionsLine && config.configFile !== undefined) continue;
      if (!checked.fileKnown) continue;
      out.push(place(program.start >= 0 ? program : whole, base));
      continue;
    }
    const u = unresolvedLines.get(f.line);
    if (u) {
      // only a refusal is worth a note: a rule's advice about a value nobody can see yet is not
      if (f.fatal && !noted.has(f.line)) note(f.line, u);
      continue;
    }
    if (!checked.fileKnown && (f.stage === 'startup' || (!f.fatal && isWholeLine(f, starts, text)))) continue;
    // a finding on the whole first line is about something missing (it sits on the first directive)
    if (f.line === firstLine && !f.fatal && isWholeLine(f, starts, text)) { out.push(place(program.start >= 0 ? program : whole, base)); continue; }
    const s0 = starts[f.line] + f.character - optionsAt;
    const s1 = starts[f.endLine] + f.endCharacter - optionsAt;
    let args = config.spans.filter(s => s.start < Math.max(s1, s0 + 1) && s.end > s0).map(s => s.arg);
    if (!args.length) args = lineArgs.get(f.line)!;
    out.push(place(span([...new Set(args)].map(i => site.argv[i]), whole), base));
  }
  return out;
}

function isWholeLine(f: Finding, starts: number[], text: string): boolean {
  const lineEnd = (starts[f.line + 1] ?? text.length + 1) - 1;
  const raw = text.slice(starts[f.line], lineEnd);
  const trimmedStart = raw.length - raw.trimStart().length;
  return f.line === f.endLine && f.character <= trimmedStart && f.endCharacter >= raw.trimEnd().length;
}

/** The source range covering some arguments (the whole command when one is not placed). */
function span(args: Array<{ start: number; end: number }>, whole: Place): Place {
  if (!args.length || args.some(a => a.start < 0)) return whole;
  let start = Infinity, end = -Infinity;
  for (const a of args) { if (a.start < start) start = a.start; if (a.end > end) end = a.end; }
  return { start, end };
}

const EXTRACTORS: Record<CommandFileKind, (text: string) => Extracted> = {
  compose: extractCompose,
  dockerfile: extractDockerfile,
  kubernetes: extractKubernetes,
};

/** The servers a file of this kind starts. */
export function extractCommandLines(text: string, kind: CommandFileKind): Extracted {
  return EXTRACTORS[kind](text);
}

/** Every finding about the servers a docker-compose file, Dockerfile or Kubernetes manifest starts, placed on its text. */
export function lintCommandFile(text: string, kind: CommandFileKind, options: CommandLineOptions): Finding[] {
  if (text.length > DEFAULT_LIMITS.maxTextChars) {
    if (!MENTIONS_SERVER.test(text.slice(0, DEFAULT_LIMITS.maxTextChars))) return [];
    return [{ line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'information', code: CODES.commandNotChecked, fatal: false, message: `This file names a server, but it is larger than the ${megabytes(DEFAULT_LIMITS.maxTextChars)} Redis Guard reads, so its commands were not checked.` }];
  }
  const extracted = extractCommandLines(text, kind);
  if (!extracted.sites.length && !extracted.unchecked.length) return [];
  const starts = lineStarts(text);
  const place = (p: Place, f: Omit<Finding, 'line' | 'character' | 'endLine' | 'endCharacter'>): Finding => {
    const a = positionAt(starts, Math.max(0, p.start));
    const b = positionAt(starts, Math.max(0, p.end));
    return { line: a.line, character: a.character, endLine: b.line, endCharacter: b.character, ...f };
  };
  const named = fileComments(text);
  const findings: Finding[] = [];
  for (const u of extracted.unchecked) findings.push(place(u, { severity: 'information', code: CODES.commandNotChecked, fatal: false, message: u.message }));
  extracted.sites.forEach((site, i) => { for (const f of siteFindings(site, options, named, i, place)) findings.push(f); });
  findings.sort((a, b) => a.line - b.line || a.character - b.character);
  return findings;
}

/** A path that names a container file (YAML or a Dockerfile), never a server config file. */
export function isContainerPath(path: string): boolean {
  const base = path.replace(/^.*[\\/]/, '');
  return /\.ya?ml$/i.test(base) || /^(Dockerfile|Containerfile)([.-].*)?$/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base);
}

/**
 * A document of the editor: a container file gets the findings about the servers it starts (none
 * when it starts none), any other file is a config file. The language server's one entry.
 */
export function lintDocument(text: string, target: Target, options: LintOptions): Finding[] {
  if (options.filePath && isContainerPath(options.filePath)) {
    const kind = commandFileKind(options.filePath, text);
    return kind ? lintCommandFile(text, kind, { target, profile: options.profile, rules: options.rules }) : [];
  }
  return lintWithTarget(text, target, options);
}
