/**
 * What every part of the validator shares: the options, the state the server builds up
 * while it reads (LoadState), positions (Where), and the reporting of findings in the
 * server's reading order.
 */
import * as nodePath from 'path';
import type { DirectiveLine } from '../parse';
import { Finding, Severity, Fix } from '../findings';
import { CODES, clipQuoted } from '../messages';
import type { Target } from '../catalog';
import type { FileAccess, TooLarge } from '../file-access';
import { DEFAULT_LIMITS, Limits } from '../limits';
import { isWindowsPath, Platform } from '../paths';

export interface ValidateOptions {
  target: Target;
  /** Read the file as sentinel.conf (redis-sentinel / --sentinel). */
  sentinel?: boolean;
  /** Absolute path of the file, for includes and relative paths. */
  filePath?: string;
  fs?: FileAccess;
  /** Command-line options the server is started with (`--port 7000 --logfile ""`), appended after the file. */
  extraArgs?: string[];
  /**
   * Treat this machine as the one that runs the server: a missing dir, include, module,
   * TLS or ACL file is then fatal. Otherwise such findings are warnings, since the file
   * may be meant for another machine (the seed's Windows paths, for instance).
   */
  hostChecks?: boolean;
  /** Features of the server build, when known (Debian's package is built without active defrag support). */
  build?: { activeDefrag?: boolean };
  /** IP addresses of this machine, for bind checks with hostChecks. */
  hostAddresses?: string[];
  /** How far the check goes (engine/limits.ts); the defaults when absent. */
  limits?: Limits;
  /** The platform the server runs on (engine/paths.ts): on Windows, drive-letter and UNC paths are absolute. */
  platform?: Platform;
}

export interface Where {
  line: number; character: number; endLine: number; endCharacter: number;
  /** Set when the problem is inside an included file: that file's name, its 1-based line, and the line number the server prints. */
  included?: { file: string; line: number; serverLine: number };
}

/** The start of the linted file: where findings go that belong to no line. */
export function topOfFile(): Where {
  return { line: 0, character: 0, endLine: 0, endCharacter: 0 };
}

/** For a line of an included text: the file it comes from and its 1-based line there. */
export type Label = (line: number) => { file: string; line: number };

export interface UserDecl { name: string; rules: string[]; at: Where }

export interface LoadState {
  /** The command table after the rename-command lines read so far; undefined until the first one. */
  commands?: Set<string>;
  users: Map<string, UserDecl>;
  /** Last value of each single-valued directive, by canonical name. */
  last: Map<string, { args: string[]; at: Where; fixes?: Fix[] }>;
  masterhost: boolean;
  masterAt?: Where;
  cwd?: string;
  modules: Array<{ path: string; at: Where }>;
  /**
   * Settings kept for modules to claim at start-up: dotted names, and on Redis 8 every line with a
   * value that its loader does not take (an unknown name, a special directive with the wrong number
   * of arguments, a first word with a BOM), with why and where it fails if no module claims it.
   */
  moduleConfigs: Array<{ name: string; at: Where; line?: string; unknown?: { code: string; at: Where; message: string; fixes?: Fix[] } }>;
  includeDepth: number;
  /** The files being read, outermost first: the file itself, then each include it is inside of. */
  reading: string[];
  /** More than zero while a file is read a second time inside itself (an include loop's first turn). */
  repeating: number;
  /** Include lines (line:character) already reported as closing a loop. */
  loopsAt: Set<string>;
  /** Included files read so far (each time counts) and their bytes (each file once). */
  includedFiles: number;
  includedBytes: number;
  /** sentinel lines kept for after the file (validate/sentinel.ts). */
  sentinelLines: Array<{ line: Line; quiet: boolean }>;
  /** Each included file's text, read once per check however often it is included (by real path). */
  texts: Map<string, string | TooLarge | undefined>;
}

/** Why the server refuses a line: our message, and the text the server logs. */
export interface Problem { code: string; at: Where; message: string; server: string }

export function problem(code: string, at: Where, message: string, server: string): Problem {
  return { code, at, message, server };
}

/** Reports the failure of the line being read (see Line.fail). */
export type Fail = (code: string, at: Where, message: string, serverText: string) => void;

/** One directive line being read, as the handlers of directives outside the config table see it. */
export interface Line {
  d: DirectiveLine;
  /** The arguments' values, the directive name first. */
  values: string[];
  nameAt: Where;
  /** From the name to the end of the line. */
  lineAt: Where;
  argAt(i: number): Where;
  /** The inline comment ("#" after a value), when the line has one, and the fix that moves it. */
  comment?: { at: Where; fixes: Fix[] };
  /** Reports the failure of this line, explaining an inline comment when there is one. */
  fail: Fail;
}

/** A table directive's values as the server sets them (multi-arg values already split), with their positions. */
export interface Assignment {
  name: string;
  args: string[];
  at: Where[];
  lineAt: Where;
}

/** A target id as messages name it: "redis@7.0" is "Redis 7.0". */
export function flavourName(t: string): string {
  const [f, v] = t.split('@');
  return `${f === 'redis' ? 'Redis' : f === 'valkey' ? 'Valkey' : 'Memurai'} ${v}`;
}

export function targetLabel(t: Target): string { return flavourName(t.id); }

/** The state of one validation run, and where its findings go. */
export class Loader {
  readonly findings: Finding[] = [];
  /** Position in the server's reading order; undefined once reading is over. */
  seq: number | undefined = 0;
  /** Set while the command-line options are read: the server reads them, but they are not in the file. */
  suppressReports = false;
  readonly state: LoadState;
  readonly t: Target;
  readonly limits: Limits;
  /** Findings left out after the limit (see `report`). */
  dropped = 0;
  private keptFatal = false;
  /** Windows paths already said to be unchecked (line:path). */
  private readonly elsewhere = new Set<string>();
  /** Limits already reported, so that each is said once. */
  private readonly limitsMet = new Set<string>();

  constructor(readonly opts: ValidateOptions) {
    this.t = opts.target;
    this.limits = opts.limits ?? DEFAULT_LIMITS;
    this.state = {
      commands: undefined,
      users: new Map(),
      last: new Map(),
      masterhost: false,
      cwd: opts.filePath ? nodePath.dirname(opts.filePath) : undefined,
      modules: [],
      moduleConfigs: [],
      includeDepth: 0,
      reading: opts.filePath ? [opts.fs?.realpath?.(opts.filePath) ?? opts.filePath] : [],
      repeating: 0,
      loopsAt: new Set(),
      sentinelLines: [],
      includedFiles: 0,
      includedBytes: 0,
      texts: new Map(),
    };
  }

  report(severity: Severity, code: string, at: Where, fatal: boolean | 'load' | 'startup', message: string, serverText?: string, fixes?: Fix[]): void {
    if (this.suppressReports) return;
    const isFatal = fatal !== false;
    // a file read again inside itself repeats what was said the first time; only a failure that
    // the repetition itself causes (a command renamed twice, a user defined twice) is news, and
    // only while nothing earlier has stopped the server
    if (this.state.repeating > 0 && (!isFatal || this.findings.some(f => f.readOrder !== undefined))) return;
    let text = clipQuoted(message);
    if (at.included) text = `In included file ${at.included.file}, line ${at.included.line}: ${text}`;
    const readOrder = isFatal && this.seq !== undefined ? this.seq : undefined;
    // past the limit only the first fatal finding is still kept: it decides whether and where the
    // server stops (findings come in reading order, so it is the earliest)
    if (this.findings.length >= this.limits.maxFindings && !(isFatal && !this.keptFatal)) { this.dropped++; return; }
    if (isFatal) this.keptFatal = true;
    this.findings.push({
      line: at.line, character: at.character, endLine: at.endLine, endCharacter: at.endCharacter,
      severity, code, fatal: isFatal,
      stage: isFatal ? (fatal === 'startup' ? 'startup' : 'load') : undefined,
      serverLine: at.included ? at.included.serverLine : undefined,
      readOrder,
      message: text,
      serverMessage: serverText,
      fixes: at.included ? undefined : fixes,
    });
  }

  /** A limit of the check was reached (engine/limits.ts): said once per limit, at the line where it was met. */
  limitReached(kind: string, at: Where, message: string): void {
    if (this.limitsMet.has(kind)) return;
    this.limitsMet.add(kind);
    const repeating = this.state.repeating;
    this.state.repeating = 0;
    this.report('warning', CODES.notChecked, at, false, message);
    this.state.repeating = repeating;
  }

  /** The server stops reading at this line. */
  fatal(code: string, at: Where, message: string, serverText?: string, fixes?: Fix[]): void {
    this.report('error', code, at, 'load', message, serverText, fixes);
  }

  /** The server reads the whole file, then refuses to start. */
  startup(code: string, at: Where, message: string, serverText?: string, fixes?: Fix[]): void {
    this.report('error', code, at, 'startup', message, serverText, fixes);
  }

  /** A problem that depends on the machine's files: fatal only with hostChecks. */
  onHost(code: string, at: Where, stage: 'load' | 'startup', message: string, serverText: string): void {
    if (this.opts.hostChecks) this.report('error', code, at, stage, message, serverText);
    else this.report('warning', code, at, false, `${message} (Checked on this machine; it must exist where the server runs.)`, serverText);
  }

  /**
   * A path as the server opens it: relative ones against the current dir (the file's folder, then
   * each `dir`). Undefined when it cannot be looked at here: no current dir is known, or the file is
   * for Windows (Memurai, or `# redis-guard: platform=windows`) and the path is a Windows one
   * (`C:\data`, `C:/data`, `\\host\share`, or any backslash). With host checks such a path is
   * said to be unchecked, once per line.
   */
  resolve(p: string, at?: Where): string | undefined {
    if (this.opts.platform === 'windows' && isWindowsPath(p)) {
      if (at && this.opts.hostChecks && !this.elsewhere.has(`${at.line}:${p}`)) {
        this.elsewhere.add(`${at.line}:${p}`);
        this.report('information', CODES.pathElsewhere, at, false, `"${p}" is a Windows path: it cannot be checked on this machine. Check it on the machine that runs the server.`);
      }
      return undefined;
    }
    if (nodePath.isAbsolute(p)) return p;
    return this.state.cwd ? nodePath.resolve(this.state.cwd, p) : undefined;
  }

  /** Keeps the value a single-valued directive was last set to, for the checks after reading. */
  remember(name: string, args: string[], at: Where, fixes?: Fix[]): void {
    this.state.last.set(name, { args, at, fixes });
  }
}
