/**
 * The "fatal" class: every condition under which the target server refuses to start
 * with a file, found the way the server finds it (line by line, then start-up checks),
 * but reporting all of them instead of stopping at the first.
 */
import * as nodePath from 'path';
import { parse, ParsedFile, DirectiveLine, asciiLower } from '../parse';
import { Token, splitArgs, quoteArg } from '../tokenize';
import { Finding, Severity, Fix } from '../findings';
import { CODES, withServerText } from '../messages';
import {
  Target, lookupDirective, targetsKnowing, commandsOf, sentinelSubcommand, DirectiveVariant,
} from '../catalog';
import type { FileAccess } from '../file-access';
import { string2ll, memtoull, strtollWhole, string2d, toLongLong, toULongLong } from '../values';
import { aclFileProblem, mergeSelectors, aclRule, RuleState } from './acl';
import { suggest } from './suggest';
import { classifyBindAddress } from '../bind-address';

export { classifyBindAddress };

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
}

interface Where {
  line: number; character: number; endLine: number; endCharacter: number;
  /** Set when the problem is inside an included file: that file's name, its 1-based line, and the line number the server prints. */
  included?: { file: string; line: number; serverLine: number };
}

interface UserDecl { name: string; rules: string[]; at: Where }

interface LoadState {
  /** The command table after the rename-command lines read so far; undefined until the first one. */
  commands?: Set<string>;
  users: Map<string, UserDecl>;
  /** Last value of each single-valued directive, by canonical name. */
  last: Map<string, { args: string[]; at: Where; fixes?: Fix[] }>;
  bind?: { addresses: Token[]; at: Where; argsAt: Where[] };
  masterhost: boolean;
  masterAt?: Where;
  cwd?: string;
  modules: Array<{ path: string; at: Where }>;
  moduleConfigs: Array<{ name: string; at: Where }>;
  includeDepth: number;
}

const OUT_OF_TABLE = new Set(['include', 'rename-command', 'user', 'loadmodule', 'sentinel']);

function flavourName(t: string): string {
  const [f, v] = t.split('@');
  return `${f === 'redis' ? 'Redis' : f === 'valkey' ? 'Valkey' : 'Memurai'} ${v}`;
}

function targetLabel(t: Target): string { return flavourName(t.id); }

function versionOf(t: string): number {
  const [maj, min] = t.split('@')[1].split('.').map(Number);
  return maj * 100 + min;
}

export function validate(file: ParsedFile, options: ValidateOptions): Finding[] {
  const v = new Validator(options);
  return v.run(file);
}

class Validator {
  private findings: Finding[] = [];
  /** Position in the server's reading order; undefined once reading is over. */
  private seq: number | undefined = 0;
  private state: LoadState;
  private readonly t: Target;
  private suppressReports = false;

  constructor(private readonly opts: ValidateOptions) {
    this.t = opts.target;
    this.state = {
      commands: undefined,
      users: new Map(),
      last: new Map(),
      masterhost: false,
      cwd: opts.filePath ? nodePath.dirname(opts.filePath) : undefined,
      modules: [],
      moduleConfigs: [],
      includeDepth: 0,
    };
  }

  run(file: ParsedFile): Finding[] {
    for (const [line, ch] of file.nuls) {
      this.report('warning', CODES.nulByte, { line, character: ch, endLine: line, endCharacter: ch + 1 }, false,
        'NUL byte: the server drops it and the rest of the 1024-byte block it was read in. Remove it.');
    }
    this.loadFile(file, w => w, undefined);
    if (this.opts.extraArgs?.length) {
      this.suppressReports = true;
      this.loadFile(parse(extraArgsToText(this.opts.extraArgs)), () => ({ line: 0, character: 0, endLine: 0, endCharacter: 0 }), undefined);
      this.suppressReports = false;
    }
    this.seq = (this.seq ?? 0) + 1;
    this.endOfFileChecks({ line: 0, character: 0, endLine: 0, endCharacter: 0 });
    this.seq = undefined;
    this.startupChecks();
    return this.findings;
  }

  // ---------------------------------------------------------------- reporting

  private report(severity: Severity, code: string, at: Where, fatal: boolean | 'load' | 'startup', message: string, serverText?: string, fixes?: Fix[]): void {
    if (this.suppressReports) return;
    const isFatal = fatal !== false;
    let text = withServerText(message, serverText);
    if (at.included) text = `In included file ${at.included.file}, line ${at.included.line}: ${text}`;
    const readOrder = isFatal && this.seq !== undefined ? this.seq : undefined;
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

  private fatal(code: string, at: Where, message: string, serverText?: string, fixes?: Fix[]): void {
    this.report('error', code, at, 'load', message, serverText, fixes);
  }

  private startup(code: string, at: Where, message: string, serverText?: string, fixes?: Fix[]): void {
    this.report('error', code, at, 'startup', message, serverText, fixes);
  }

  /** A problem that depends on the machine's files: fatal only with hostChecks. */
  private onHost(code: string, at: Where, stage: 'load' | 'startup', message: string, serverText: string): void {
    if (this.opts.hostChecks) this.report('error', code, at, stage, message, serverText);
    else this.report('warning', code, at, false, `${message} (Checked on this machine: the server refuses to start if it is missing on its own machine too.)`, serverText);
  }

  // ---------------------------------------------------------------- reading

  /** `map` turns a position in this file into a position in the linted file. */
  private loadFile(file: ParsedFile, map: (w: Where) => Where, label: ((line: number) => { file: string; line: number }) | undefined): void {
    for (const pl of file.lines) {
      if (this.seq !== undefined) this.seq++;
      if (pl.kind === 'comment' || pl.kind === 'blank') continue;
      const lineWhere = (s: number, e: number): Where => {
        const w = map({ line: pl.line.index, character: s, endLine: pl.line.index, endCharacter: e });
        return label ? { ...w, included: { ...label(pl.line.index), serverLine: pl.line.index + 1 } } : w;
      };
      if (pl.kind === 'bad-quotes') {
        const at = lineWhere(pl.at, pl.line.end);
        const why = pl.reason === 'unterminated'
          ? 'This quote is never closed on this line (a value cannot span lines).'
          : 'A closing quote must be followed by a blank or the end of the line.';
        this.fatal(CODES.unbalancedQuotes, at, `${why} Close the quote, or escape it inside double quotes as \\".`,
          'Unbalanced quotes in configuration line');
        continue;
      }
      if (pl.kind !== 'directive') continue;
      this.loadDirective(pl, lineWhere);
    }
  }

  private loadDirective(d: DirectiveLine, where: (s: number, e: number) => Where): void {
    const args = d.args;
    const argc = args.length;
    const nameAt = where(args[0].start, args[0].end);
    const lineAt = where(args[0].start, d.line.end);
    const argAt = (i: number) => where(args[i].start, args[i].end);
    const restAt = (i: number) => (i < argc ? where(args[i].start, args[argc - 1].end) : lineAt);
    const values = args.map(a => a.value);
    const name = d.name;
    const comment = inlineCommentIndex(args, name);
    const commentFix = comment > 0 ? [moveCommentFix(d, comment, where)] : undefined;

    /** A failure of this line: explains an inline comment when there is one. */
    const fail = (code: string, at: Where, message: string, serverText: string) => {
      if (comment > 0) {
        const n = argc - comment;
        this.fatal(CODES.inlineComment, where(args[comment].start, d.line.end),
          `${message} The cause is the comment: "#" after a value starts no comment, so "${args.slice(comment).map(a => a.value).join(' ')}" adds ${n} argument${n === 1 ? '' : 's'}. Put the comment on its own line.`,
          serverText, commentFix);
      } else {
        this.fatal(code, at, message, serverText);
      }
    };

    if (name.charCodeAt(0) === 0xfeff && nameAt.line === 0 && !nameAt.included) {
      this.fatal(CODES.byteOrderMark, nameAt,
        'The file starts with a UTF-8 byte order mark; the server reads it as part of the first word, which then is no directive. Save the file as UTF-8 without BOM.',
        'Bad directive or wrong number of arguments');
      return;
    }

    const info = OUT_OF_TABLE.has(name) ? undefined : lookupDirective(name, this.t.id);
    if (info && info.spec.type !== 'ignored' && !(this.isHandParsed(info.spec))) {
      const spec = info.spec;
      const multi = spec.flags?.includes('multi-arg');
      if (!multi && argc !== 2) {
        fail(CODES.argumentCount, argc < 2 ? lineAt : restAt(2),
          argc < 2 ? `"${info.name}" needs a value.` : `"${info.name}" takes exactly one value, and this line gives ${argc - 1}. Quote a value that contains blanks.`,
          'wrong number of arguments');
        return;
      }
      let setArgs = values.slice(1);
      let setAt: Where[] = args.slice(1).map((_, i) => argAt(i + 1));
      if (multi && argc === 2 && values[1].length > 0) {
        const r = splitArgs(values[1]);
        setArgs = r.ok ? r.tokens.map(t => t.value) : [];
        setAt = setArgs.map(() => argAt(1));
      }
      const err = this.setConfig(info.name, spec, setArgs, setAt, lineAt, d);
      if (err) {
        fail(err.code, err.at, err.message, err.server);
        return;
      }
      if (comment > 0) {
        this.report('warning', CODES.inlineComment, where(args[comment].start, d.line.end), false,
          `"#" does not start a comment after a value: the server takes "${values.slice(comment).join(' ')}" as part of the value. Put the comment on its own line.`, undefined, commentFix);
      }
      this.remember(info.name, setArgs, lineAt, commentFix);
      return;
    }

    if (info && info.spec.type === 'ignored') {
      const [lo, hi] = info.spec.argc ?? [1, 1];
      if (argc - 1 >= lo && (hi < 0 || argc - 1 <= hi)) {
        this.report('information', CODES.ignoredDirective, nameAt, false,
          `"${name}" is accepted but ignored by ${targetLabel(this.t)}; remove it.`);
        return;
      }
    }
    if (info && this.isHandParsed(info.spec)) {
      const [lo, hi] = info.spec.argc ?? [1, 1];
      if (argc - 1 >= lo && (hi < 0 || argc - 1 <= hi)) {
        const err = this.setSpecial(info.name, values.slice(1), args.slice(1).map((_, i) => argAt(i + 1)), lineAt);
        if (err) { fail(err.code, err.at, err.message, err.server); return; }
        this.remember(info.name, values.slice(1), lineAt);
        return;
      }
      fail(CODES.argumentCount, lineAt, `"${info.name}" does not take ${argc - 1} argument${argc === 2 ? '' : 's'} here.`, 'Bad directive or wrong number of arguments');
      return;
    }

    if (name === 'include' && argc === 2) { this.include(values[1], argAt(1)); return; }
    if (name === 'rename-command' && argc === 3) {
      const from = asciiLower(values[1]);
      const to = asciiLower(values[2]);
      // the command table as renamed so far; copied on the first rename only
      const commands = (this.state.commands ??= new Set(commandsOf(this.t.id)));
      if (!commands.has(from)) {
        const known = commandsOf(this.t.id).has(from);
        fail(CODES.badRename, argAt(1), known
          ? `"${values[1]}" was already renamed or removed by an earlier rename-command line; a command can be renamed only once.`
          : `"${values[1]}" is not a command of ${targetLabel(this.t)}.`, 'No such command in rename-command');
        return;
      }
      commands.delete(from);
      if (to.length) {
        if (commands.has(to)) {
          fail(CODES.badRename, argAt(2), `"${values[2]}" is already the name of a command; pick another target name.`, 'Target command name already exists');
          return;
        }
        commands.add(to);
      }
      if (comment > 0) this.report('warning', CODES.inlineComment, where(args[comment].start, d.line.end), false, '"#" does not start a comment after a value. Put the comment on its own line.', undefined, commentFix);
      return;
    }
    if (name === 'user' && argc >= 2) { this.user(values, args, argAt, lineAt, fail); return; }
    if (name === 'loadmodule' && argc >= 2) {
      this.state.modules.push({ path: values[1], at: argAt(1) });
      return;
    }
    if (name.includes('.')) {
      if (argc < 2) { fail(CODES.argumentCount, lineAt, `Module setting "${name}" needs a value.`, 'Module config specified without value'); return; }
      this.state.moduleConfigs.push({ name, at: nameAt });
      return;
    }
    if (name === 'sentinel') {
      if (argc === 1) return;
      if (!this.opts.sentinel) {
        fail(CODES.sentinelOutsideSentinel, nameAt,
          'sentinel lines are read only when the server runs as Sentinel (redis-sentinel, or redis-server --sentinel). Move them to sentinel.conf.',
          'sentinel directive while not in sentinel mode');
        return;
      }
      this.sentinelLine(values, argAt, lineAt, fail);
      return;
    }

    // Unknown here: explain version gates and typos.
    const elsewhere = targetsKnowing(name);
    if (OUT_OF_TABLE.has(name) || elsewhere.includes(this.t.id)) {
      fail(CODES.argumentCount, lineAt, `"${name}" does not take ${argc - 1} argument${argc === 2 ? '' : 's'}.`, 'Bad directive or wrong number of arguments');
      return;
    }
    const sameFlavour = elsewhere.filter(x => x.startsWith(this.t.flavour + '@'));
    const mine = versionOf(this.t.id);
    if (sameFlavour.length && sameFlavour.every(x => versionOf(x) > mine)) {
      fail(CODES.newerDirective, nameAt,
        `"${name}" exists from ${flavourName(sameFlavour[0])} on; the target is ${targetLabel(this.t)}. Remove the line or raise redisGuard.server.`,
        'Bad directive or wrong number of arguments');
    } else if (sameFlavour.length && sameFlavour.every(x => versionOf(x) < mine)) {
      fail(CODES.removedDirective, nameAt,
        `"${name}" was removed after ${flavourName(sameFlavour[sameFlavour.length - 1])}; ${targetLabel(this.t)} refuses it. Remove the line.`,
        'Bad directive or wrong number of arguments');
    } else if (elsewhere.length) {
      fail(CODES.newerDirective, nameAt,
        `"${name}" exists only in ${[...new Set(elsewhere.map(x => flavourName(x).split(' ')[0]))].join(', ')}, not in ${targetLabel(this.t)}.`,
        'Bad directive or wrong number of arguments');
    } else {
      const hint = suggest(name, this.t.id);
      fail(CODES.unknownDirective, nameAt, `"${values[0]}" is not a directive of ${targetLabel(this.t)}.${hint ? ` Did you mean "${hint}"?` : ''}`,
        'Bad directive or wrong number of arguments');
    }
  }

  private isHandParsed(spec: DirectiveVariant): boolean {
    // Before 7.0 the special directives were parsed by hand outside the config table.
    return spec.type === 'special' && this.t.flavour === 'redis' && this.t.major < 7;
  }

  private remember(name: string, args: string[], at: Where, fixes?: Fix[]): void {
    this.state.last.set(name, { args, at, fixes });
  }

  // ---------------------------------------------------------------- typed values

  private setConfig(name: string, spec: DirectiveVariant, a: string[], at: Where[], lineAt: Where, d: DirectiveLine): Problem | undefined {
    const v0 = a[0] ?? '';
    const at0 = at[0] ?? lineAt;
    switch (spec.type) {
      case 'bool':
        if (!/^(yes|no)$/i.test(v0)) return problem(CODES.notYesNo, at0, `"${name}" takes yes or no, not "${v0}".`, "argument must be 'yes' or 'no'");
        if (spec.validator === 'isValidActiveDefrag' && v0.toLowerCase() === 'yes' && this.opts.build?.activeDefrag !== true) {
          const msg = 'Active defragmentation needs a server built with its bundled jemalloc; distribution packages such as Debian\'s are built without it and refuse this line.';
          const server = 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution';
          if (this.opts.build?.activeDefrag === false) return problem(CODES.badValue, at0, msg, server);
          this.report('warning', CODES.badValue, at0, false, `${msg} Check your build before relying on it.`, server);
        }
        return undefined;
      case 'enum': {
        const allowed = spec.values ?? [];
        const multi = spec.flags?.includes('multi-arg');
        const bad = a.length === 0 || (!multi && a.length !== 1) ? 0 : a.findIndex(x => !allowed.includes(x.toLowerCase()));
        if (a.length === 0 || bad !== -1) {
          const shown = a.length ? `"${a[Math.max(bad, 0)]}"` : 'an empty value';
          return problem(CODES.badEnum, a.length ? (at[Math.max(bad, 0)] ?? at0) : lineAt,
            `"${name}" accepts ${multi ? 'one or more of' : 'one of'}: ${allowed.join(', ')}; ${shown} is none of them.`,
            `argument(s) must be one of the following: ${allowed.join(', ')}`);
        }
        if (spec.validator === 'isValidShutdownOnSigFlags') {
          const low = a.map(x => x.toLowerCase());
          if (low.includes('save') && low.includes('nosave')) {
            return problem(CODES.badValue, lineAt, `"${name}" cannot combine save and nosave.`, "shutdown options SAVE and NOSAVE can't be used simultaneously");
          }
        }
        return undefined;
      }
      case 'int': case 'memory': case 'percent': case 'octal':
        return checkNumeric(name, spec, v0, at0);
      case 'string':
        return checkString(name, spec, v0, at0, !!this.opts.sentinel);
      case 'special':
        return this.setSpecial(name, a, at, lineAt, d);
      default:
        return undefined;
    }
  }

  private setSpecial(name: string, a: string[], at: Where[], lineAt: Where, _d?: DirectiveLine): Problem | undefined {
    const at0 = at[0] ?? lineAt;
    switch (name) {
      case 'save': {
        if (this.t.flavour === 'redis' && this.t.major < 7) {
          // 6.x: one pair per line read with atoi(); other argument counts are silently ignored
          if (a.length === 2) {
            const atoi = (s: string) => Number(/^[ \t\n\v\f\r]*[+-]?[0-9]*/.exec(s)![0].trim() || 0) || 0;
            if (atoi(a[0]) < 1 || atoi(a[1]) < 0) return problem(CODES.badSave, lineAt, '"save" needs <seconds> of at least 1 and <changes> of 0 or more.', 'Invalid save parameters');
          }
          return undefined;
        }
        let n = a.length;
        if (n === 1 && a[0] === '') n = 0;
        if (n % 2 === 1) {
          return problem(CODES.badSave, lineAt, `"save" takes pairs of <seconds> <changes> (or "" to turn snapshots off); this line has ${n} value${n === 1 ? '' : 's'}.`, 'Invalid save parameters');
        }
        for (let j = 0; j < n; j++) {
          const r = strtollWhole(a[j], 10);
          if (!r.whole || (j % 2 === 0 && r.value < 1n) || (j % 2 === 1 && r.value < 0n)) {
            return problem(CODES.badSave, at[j] ?? lineAt,
              j % 2 === 0 ? `"${a[j]}" is not a number of seconds of at least 1.` : `"${a[j]}" is not a number of changes (0 or more).`,
              'Invalid save parameters');
          }
        }
        return undefined;
      }
      case 'client-output-buffer-limit': {
        if (a.length % 4) {
          return problem(CODES.argumentCount, lineAt, `"client-output-buffer-limit" takes groups of four values: <class> <hard> <soft> <seconds>; this line has ${a.length}.`, 'Wrong number of arguments in buffer limit configuration.');
        }
        for (let j = 0; j < a.length; j += 4) {
          const cls = a[j].toLowerCase();
          if (!['normal', 'slave', 'replica', 'pubsub'].includes(cls)) {
            return problem(CODES.badEnum, at[j] ?? lineAt, `"${a[j]}" is not a client class; use normal, replica or pubsub.`, 'Invalid client class specified in buffer limit configuration.');
          }
          const sec = strtollWhole(a[j + 3], 10);
          const bad = memtoull(a[j + 1]) === null ? j + 1 : memtoull(a[j + 2]) === null ? j + 2 : (toLongLong(sec.value) < 0n || BigInt.asIntN(32, sec.value) < 0n || !sec.whole) ? j + 3 : -1;
          if (bad !== -1) {
            return problem(CODES.badMemory, at[bad] ?? lineAt, bad === j + 3 ? `"${a[bad]}" is not a number of seconds.` : `"${a[bad]}" is not a memory size (e.g. 256mb, 0 for no limit).`,
              'Error in hard, soft or soft_seconds setting in buffer limit configuration.');
          }
        }
        return undefined;
      }
      case 'oom-score-adj-values': {
        if (a.length !== 3) return problem(CODES.argumentCount, lineAt, '"oom-score-adj-values" takes three values (primary, replica, background child).', 'wrong number of arguments');
        for (let j = 0; j < 3; j++) {
          const r = strtollWhole(a[j], 10);
          if (!r.whole || r.value < -2000n || r.value > 2000n) {
            return problem(CODES.outOfRange, at[j] ?? lineAt, `"${a[j]}" is not a whole number between -2000 and 2000.`, 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
          }
        }
        return undefined;
      }
      case 'notify-keyspace-events': {
        const bad = [...a[0]].find(c => !'Ag$lshzxeKEtmdn'.includes(c));
        if (bad !== undefined) return problem(CODES.badValue, at0, `"${bad}" is not an event class; use letters from "Ag$lshzxeKEtmdn" (case matters).`, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
        return undefined;
      }
      case 'bind': {
        if (a.length > 16) return problem(CODES.badBind, lineAt, `"bind" accepts at most 16 addresses; this line has ${a.length}.`, 'Too many bind addresses specified.');
        return undefined;
      }
      case 'replicaof': case 'slaveof': {
        if (a.length !== 2) return problem(CODES.argumentCount, lineAt, '"replicaof" takes <host> <port>, or "no one".', 'wrong number of arguments');
        if (a[0].toLowerCase() === 'no' && a[1].toLowerCase() === 'one') { this.state.masterhost = false; return undefined; }
        const r = strtollWhole(a[1], 10);
        this.state.masterhost = false;
        if (!r.whole || r.value < 0n || r.value > 65535n || r.overflow) return problem(CODES.outOfRange, at[1] ?? lineAt, `"${a[1]}" is not a port number (0-65535).`, 'Invalid master port');
        this.state.masterhost = true;
        this.state.masterAt = lineAt;
        return undefined;
      }
      case 'latency-tracking-info-percentiles': {
        if (a.length === 1 && a[0] === '') return undefined;
        for (let j = 0; j < a.length; j++) {
          const d = string2d(a[j]);
          if (d === null) return problem(CODES.badValue, at[j] ?? lineAt, `"${a[j]}" is not a number.`, 'Invalid latency-tracking-info-percentiles parameters');
          if (d > 100 || d < 0) return problem(CODES.outOfRange, at[j] ?? lineAt, `"${a[j]}" is not a percentile between 0 and 100.`, 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
        }
        return undefined;
      }
      case 'dir': {
        if (a.length !== 1) return problem(CODES.argumentCount, lineAt, '"dir" takes one directory.', 'wrong number of arguments');
        return this.changeDir(a[0], at0);
      }
      default:
        return undefined;
    }
  }

  private resolve(p: string): string | undefined {
    if (nodePath.isAbsolute(p)) return p;
    return this.state.cwd ? nodePath.resolve(this.state.cwd, p) : undefined;
  }

  private changeDir(dir: string, at: Where): Problem | undefined {
    const p = this.checkDir(dir, at);
    if (p && !this.opts.hostChecks && dir !== '') {
      this.onHost(p.code, p.at, 'load', p.message, p.server);
      return undefined;
    }
    return p;
  }

  private checkDir(dir: string, at: Where): Problem | undefined {
    const fs = this.opts.fs;
    if (dir === '') return problem(CODES.badDir, at, '"dir" is empty; name the directory for RDB/AOF files.', 'No such file or directory');
    const abs = this.resolve(dir);
    if (!fs || !abs) return undefined;
    const kind = fs.stat(abs);
    if (kind === 'dir') { this.state.cwd = abs; return undefined; }
    const why = kind === 'file' ? 'Not a directory' : 'No such file or directory';
    const rel = nodePath.isAbsolute(dir) ? '' : ' (a relative dir is resolved against the directory the server starts in; this check used the config file\'s folder)';
    return problem(CODES.badDir, at, `"${dir}" ${kind === 'file' ? 'is a file, not a directory' : 'does not exist'}${rel}; the server changes into it while reading and stops here. Create it or fix the path.`, why);
  }

  /**
   * include: every file the pattern matches is read and appended into one text, which
   * is then read like a config of its own (so line numbers run on across glob matches).
   * A plain path that cannot be opened stops the server at once; a directory reads as empty.
   */
  private include(path: string, at: Where): void {
    const fs = this.opts.fs;
    if (!fs) return;
    const isGlob = /[*?[]/.test(path);
    const abs = this.resolve(path);
    if (!abs) return;
    const files = isGlob ? fs.glob(abs) : [abs];
    if (!files.length) return;
    const parts: Array<{ name: string; text: string }> = [];
    for (const f of files) {
      const kind = fs.stat(f);
      const text = kind === 'dir' ? '' : fs.readFile(f);
      if (text === undefined) {
        this.startupIncludeFailure(path, at);
        return;
      }
      parts.push({ name: nodePath.basename(f), text });
    }
    if (this.state.includeDepth > 16) return;
    this.state.includeDepth++;
    const combined = parts.map(p => p.text).join('');
    // which file (and which of its lines) a line of the combined text comes from
    const starts: number[] = [];
    let line = 0;
    for (const p of parts) { starts.push(line); line += p.text.split('\n').length - 1; }
    const label = (l: number) => {
      let i = starts.length - 1;
      while (i > 0 && starts[i] > l) i--;
      return { file: parts[i].name, line: l - starts[i] + 1 };
    };
    this.loadFile(parse(combined), () => at, label);
    this.endOfFileChecks(at, label(0).file);
    this.state.includeDepth--;
  }

  private startupIncludeFailure(path: string, at: Where): void {
    // The server logs "Fatal error, can't open config file" and exits without a line number.
    this.onHost(CODES.badInclude, at, 'startup', `Included file "${path}" cannot be read; the server stops before starting. Fix the path (globs with no match are fine).`, "Fatal error, can't open config file");
  }

  private user(values: string[], args: Token[], argAt: (i: number) => Where, lineAt: Where, fail: (c: string, at: Where, m: string, s: string) => void): void {
    const name = values[1];
    if (this.state.users.has(name)) {
      fail(CODES.badUser, argAt(1), `User "${name}" is already defined above; merge the two lines.`,
        `Error in user declaration '${values[1]}': Duplicate user found. A user can only be defined once in config files`);
      return;
    }
    const rules = mergeSelectors(values.slice(2));
    if (rules === null) {
      fail(CODES.badUser, lineAt, 'A selector "(" is not closed with ")".', `Error in user declaration '${values[1]}': Syntax error`);
      return;
    }
    for (let j = 0; j < rules.length; j++) {
      const err = aclRule(rules[j], this.t.id, new RuleState());
      if (err && err.errno !== 'ENOENT') {
        // The server quotes argv[j] of the whole line here, which is not always the bad rule.
        fail(CODES.badUser, lineAt, `ACL rule "${rules[j]}" is invalid: ${err.text}.`, `Error in user declaration '${values[j] ?? ''}': ${err.server}`);
        return;
      }
    }
    this.state.users.set(name, { name, rules, at: argAt(1) });
  }

  private sentinelLine(values: string[], argAt: (i: number) => Where, lineAt: Where, fail: (c: string, at: Where, m: string, s: string) => void): void {
    const sub = values[1].toLowerCase();
    const spec = sentinelSubcommand(sub, this.t.id);
    const n = values.length - 2;
    if (!spec) {
      fail(CODES.badSentinelLine, argAt(1), `"sentinel ${values[1]}" is not a Sentinel setting.`, 'Unrecognized sentinel configuration statement.');
      return;
    }
    const [lo, hi] = spec.argc;
    if (n < lo || (hi >= 0 && n > hi)) {
      fail(CODES.badSentinelLine, lineAt, `"sentinel ${sub}" does not take ${n} argument${n === 1 ? '' : 's'}.`, 'Unrecognized sentinel configuration statement.');
      return;
    }
    if (sub === 'monitor') {
      const q = Number(values[5]);
      if (!(q > 0)) fail(CODES.badSentinelLine, argAt(5), 'The quorum must be 1 or greater.', 'Quorum must be 1 or greater.');
    }
  }

  // ---------------------------------------------------------------- after reading

  private endOfFileChecks(at: Where, label?: string): void {
    const logfile = this.state.last.get('logfile');
    if (logfile && logfile.args[0] && this.opts.fs) {
      const abs = this.resolve(logfile.args[0]);
      const kind = abs ? this.opts.fs.stat(abs) : undefined;
      const parent = abs ? this.opts.fs.stat(nodePath.dirname(abs)) : undefined;
      if (abs && (kind === 'dir' || parent !== 'dir')) {
        this.onHost(CODES.badLogfile, label ? at : logfile.at, 'startup',
          `The log file "${logfile.args[0]}" cannot be opened (${kind === 'dir' ? 'it is a directory' : 'its folder does not exist'}); the server checks it right after reading the configuration.`,
          `Can't open the log file: ${kind === 'dir' ? 'Is a directory' : 'No such file or directory'}`);
      }
    }
    const cluster = this.state.last.get('cluster-enabled');
    if (cluster && cluster.args[0].toLowerCase() === 'yes' && this.state.masterhost) {
      const where = this.state.masterAt ?? at;
      this.report('error', CODES.replicaofInCluster, label ? at : where, 'startup',
        'replicaof cannot be combined with cluster-enabled yes: in a cluster, replicas are assigned with CLUSTER REPLICATE. Remove one of them.',
        'replicaof directive not allowed in cluster mode');
    }
  }

  private startupChecks(): void {
    const last = (n: string) => this.state.last.get(n);
    const val = (n: string) => last(n)?.args[0];
    const yes = (n: string) => (val(n) ?? '').toLowerCase() === 'yes';
    const num = (n: string) => { const x = val(n); return x === undefined ? 0 : Number(x); };
    const zero: Where = { line: 0, character: 0, endLine: 0, endCharacter: 0 };

    // TLS set-up
    const tlsPort = num('tls-port');
    if (tlsPort !== 0 || yes('tls-replication') || yes('tls-cluster')) {
      const at = last('tls-port')?.at ?? last('tls-replication')?.at ?? last('tls-cluster')?.at ?? zero;
      const cert = val('tls-cert-file'); const key = val('tls-key-file');
      const ca = val('tls-ca-cert-file'); const caDir = val('tls-ca-cert-dir');
      const auth = (val('tls-auth-clients') ?? 'yes').toLowerCase();
      if (!cert || !key) {
        this.startup(CODES.tlsIncomplete, at, `TLS is switched on but ${!cert ? 'tls-cert-file' : 'tls-key-file'} is not set; add tls-cert-file and tls-key-file.`, 'Failed to configure TLS. Check logs for more info.');
      } else if ((auth !== 'no' || yes('tls-replication') || yes('tls-cluster')) && !ca && !caDir) {
        this.startup(CODES.tlsIncomplete, at, 'TLS client authentication (tls-auth-clients, on by default), tls-replication or tls-cluster needs tls-ca-cert-file or tls-ca-cert-dir.', 'Failed to configure TLS. Check logs for more info.');
      } else {
        const protocols = val('tls-protocols');
        if (protocols !== undefined && protocols !== '' && protocols.split(' ').some(p => !['tlsv1', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3'].includes(p.toLowerCase()))) {
          this.startup(CODES.tlsIncomplete, last('tls-protocols')!.at, 'tls-protocols takes a blank-separated list of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.', 'Failed to configure TLS. Check logs for more info.');
        } else if (this.opts.fs) {
          for (const n of ['tls-cert-file', 'tls-key-file', 'tls-ca-cert-file', 'tls-dh-params-file']) {
            const p = val(n);
            if (!p) continue;
            const abs = this.resolve(p);
            if (abs && this.opts.fs.stat(abs) !== 'file') {
              this.onHost(CODES.tlsIncomplete, last(n)!.at, 'startup', `${n} "${p}" does not exist; TLS cannot start.`, 'Failed to configure TLS. Check logs for more info.');
              break;
            }
            const pem = abs ? this.opts.fs.readFile(abs) ?? '' : '';
            const wants = n === 'tls-key-file' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : n === 'tls-dh-params-file' ? /-----BEGIN DH PARAMETERS-----/ : /-----BEGIN CERTIFICATE-----/;
            if (abs && !wants.test(pem)) {
              this.onHost(CODES.tlsIncomplete, last(n)!.at, 'startup', `${n} "${p}" does not hold ${n === 'tls-key-file' ? 'a PEM private key' : n === 'tls-dh-params-file' ? 'PEM DH parameters' : 'a PEM certificate'} (are certificate and key swapped?); TLS cannot start.`, 'Failed to configure TLS. Check logs for more info.');
              break;
            }
          }
        }
      }
    }

    // Listening sockets
    const bind = last('bind');
    if (bind) {
      const seen = new Set<string>();
      for (const raw of bind.args) {
        if (raw === '') continue;
        const optional = raw.startsWith('-');
        const addr = optional ? raw.slice(1) : raw;
        const verdict = classifyBindAddress(addr);
        if (verdict === 'invalid') {
          this.startup(CODES.badBind, bind.at,
            addr.startsWith('#')
              ? `bind takes "${addr}" as an address: "#" does not start a comment after a value, so the server tries to listen on an address named "${addr}" and fails. Put the comment on its own line.`
              : `"${addr}" is not an address this machine can listen on.`,
            'Failed listening on port (TCP), aborting.', addr.startsWith('#') ? bind.fixes : undefined);
          break;
        }
        const family = addr.includes(':') ? 'v6' : /^[0-9.]+$/.test(addr) || addr === '*' ? 'v4' : 'name';
        const key = addr === '*' || addr === '0.0.0.0' ? 'v4:any' : addr === '::*' || addr === '::' ? 'v6:any' : `${family}:${addr.toLowerCase()}`;
        const clash = seen.has(key) || (family !== 'name' && (seen.has(`${family}:any`) || (key === `${family}:any` && [...seen].some(k => k.startsWith(family + ':')))));
        if (clash) {
          this.startup(CODES.badBind, bind.at, `"${addr}" is already covered by an earlier address of this bind line; the second socket on the same port fails with "address in use". Remove the duplicate.`, 'Failed listening on port (TCP), aborting.');
          break;
        }
        seen.add(key);
        if (verdict !== 'unverifiable') continue;
        if (this.opts.hostChecks && this.opts.hostAddresses && family !== 'name' && !optional && !this.opts.hostAddresses.includes(addr.toLowerCase().replace(/%.*$/, ''))) {
          this.startup(CODES.badBind, bind.at, `"${addr}" is not an address of this machine, so the server cannot listen on it. Prefix it with "-" to make it optional.`, 'Failed listening on port (TCP), aborting.');
          break;
        }
        if (!optional && !this.opts.hostChecks) {
          this.report('information', CODES.bindUnverifiable, bind.at, false,
            `"${addr}" must be an address of the machine that runs the server, or start-up fails; prefix it with "-" to make it optional.`);
        }
      }
    }
    const unixsocket = val('unixsocket');
    if (unixsocket && this.opts.fs) {
      const abs = this.resolve(unixsocket);
      if (abs && this.opts.fs.stat(nodePath.dirname(abs)) !== 'dir') {
        this.onHost(CODES.badValue, last('unixsocket')!.at, 'startup', `The folder of unixsocket "${unixsocket}" does not exist, so the socket cannot be created.`, 'Failed opening Unix socket: bind: No such file or directory');
      }
    }
    const port = val('port');
    const noTcp = (port !== undefined && Number(port) === 0) || (bind !== undefined && bind.args.filter(a => a !== '').length === 0);
    if (noTcp && tlsPort === 0 && !val('unixsocket')) {
      const at = (port !== undefined && Number(port) === 0 ? last('port') : bind)?.at ?? zero;
      this.startup(CODES.notListening, at, 'With this port/bind and no tls-port or unixsocket the server has nothing to listen on.', 'Configured to not listen anywhere, exiting.');
    }

    // ACL users
    const aclfile = val('aclfile');
    if (aclfile && this.state.users.size) {
      const first = [...this.state.users.values()][0];
      this.startup(CODES.usersWithAclfile, first.at, 'user lines and aclfile cannot be used together: define the users in the ACL file, or drop aclfile.',
        'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid.');
    } else {
      for (const u of this.state.users.values()) {
        if (/[ \t\n\v\f\r]/.test(u.name)) {
          this.startup(CODES.badUser, u.at, 'ACL user names cannot contain blanks.', 'Spaces not allowed in ACL usernames');
          break;
        }
        const st = new RuleState();
        const bad = u.rules.map(r => ({ r, e: aclRule(r, this.t.id, st) })).find(x => x.e);
        if (bad) {
          this.startup(CODES.badUser, u.at, `ACL rule "${bad.r}" of user "${u.name}" is invalid: ${bad.e!.text}.`,
            `Error loading ACL rule '${bad.r}' for the user named '${u.name}': ${bad.e!.server}`);
          break;
        }
      }
      if (aclfile && this.opts.fs) {
        const abs = this.resolve(aclfile);
        if (abs && this.opts.fs.stat(abs) !== 'file') {
          this.onHost(CODES.badValue, last('aclfile')!.at, 'startup', `aclfile "${aclfile}" does not exist; the server refuses to start without it.`, 'Aborting Redis startup because of ACL errors');
        } else if (abs) {
          const problem = aclFileProblem(this.opts.fs.readFile(abs) ?? '', this.t.id);
          if (problem) this.onHost(CODES.badUser, last('aclfile')!.at, 'startup', `The ACL file "${aclfile}" ${problem}`, 'Aborting Redis startup because of ACL errors');
        }
      }
    }

    // Modules
    for (const m of this.state.modules) {
      const abs = this.resolve(m.path);
      if (this.opts.fs && abs && this.opts.fs.stat(abs) !== 'file') {
        this.onHost(CODES.badModule, m.at, 'startup', `Module "${m.path}" does not exist on this machine.`, `Module ${m.path} failed to load`);
      } else if (this.opts.fs && abs && !(this.opts.fs.readFile(abs) ?? '').startsWith('\x7fELF')) {
        this.onHost(CODES.badModule, m.at, 'startup', `"${m.path}" is not a compiled module (a shared library).`, `Module ${m.path} failed to load`);
      }
    }
    if (this.state.moduleConfigs.length && this.state.modules.length === 0) {
      const c = this.state.moduleConfigs[0];
      this.startup(CODES.moduleConfigWithoutModule, c.at, `"${c.name}" is a module setting (the name has a dot) but no loadmodule line loads a module.`,
        'Module Configuration detected without loadmodule directive or no ApplyConfig call: aborting');
    }
  }
}

// ---------------------------------------------------------------- helpers

/** Moves "# …" written after a value to its own line above, keeping the indentation. */
function moveCommentFix(d: DirectiveLine, comment: number, where: (s: number, e: number) => Where): Fix {
  const raw = d.line.raw;
  const eol = raw.endsWith('\r') ? '\r\n' : '\n';
  const indent = raw.slice(0, d.line.start);
  const code = raw.slice(d.line.start, d.args[comment - 1].end);
  const note = raw.slice(d.args[comment].start, d.line.end);
  const at = where(d.line.start, d.line.end);
  return {
    title: 'Move the comment to its own line above',
    edits: [{ line: at.line, character: at.character, endLine: at.endLine, endCharacter: at.endCharacter, newText: `${note}${eol}${indent}${code}` }],
    auto: true,
  };
}

interface Problem { code: string; at: Where; message: string; server: string }

function problem(code: string, at: Where, message: string, server: string): Problem {
  return { code, at, message, server };
}

/** Index of the first unquoted argument (after the name) that starts with '#', or -1. */
export function inlineCommentIndex(args: Token[], name = ''): number {
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a.quote !== '' || !a.value.startsWith('#')) continue;
    // in ACL rules "#<hex>" is a password hash, not a comment
    if (name === 'user' && /^#[0-9a-fA-F]+$/.test(a.value)) continue;
    return i;
  }
  return -1;
}

function checkNumeric(name: string, spec: DirectiveVariant, value: string, at: Where): Problem | undefined {
  const flags = spec.numFlags ?? (spec.type === 'int' ? [] : [spec.type as 'memory' | 'percent' | 'octal']);
  let ll: bigint | null = null;
  if (flags.includes('memory')) {
    const m = memtoull(value);
    if (m !== null) ll = toLongLong(m);
  }
  if (ll === null && flags.includes('percent') && value.length > 1 && value.endsWith('%')) {
    const p = string2ll(value.slice(0, -1));
    if (p !== null && p >= 0n) ll = -p;
  }
  if (ll === null && flags.includes('octal')) {
    const r = strtollWhole(value, 8);
    if (r.whole && !r.overflow) ll = r.value;
  }
  if (ll === null && flags.length === 0) ll = string2ll(value);
  if (ll === null) {
    if (flags.includes('memory') && flags.includes('percent')) return problem(CODES.badMemory, at, `"${value}" is neither a memory size (like 100mb) nor a percentage (like 10%).`, 'argument must be a memory or percent value');
    if (flags.includes('memory')) return problem(CODES.badMemory, at, `"${value}" is not a memory size: use digits with an optional unit b, k, kb, m, mb, g or gb (k=1000, kb=1024); no decimals, no signs, no t/tb.`, 'argument must be a memory value');
    if (flags.includes('octal')) return problem(CODES.notInteger, at, `"${value}" is not an octal number (like 700).`, "argument couldn't be parsed as an octal number");
    return problem(CODES.notInteger, at, `"${value}" is not a plain integer: digits only, no "+", no leading zeros, no units.`, "argument couldn't be parsed into an integer");
  }
  const lower = BigInt(spec.min ?? '-9223372036854775808');
  const upper = BigInt(spec.max ?? '9223372036854775807');
  const kind = spec.numKind ?? 'longlong';
  if (kind === 'ulonglong' || kind === 'uint' || kind === 'size_t') {
    const u = toULongLong(ll);
    const lo = toULongLong(lower); const hi = toULongLong(upper);
    if (u > hi || u < lo) {
      const fmt = (x: bigint) => (flags.includes('octal') ? x.toString(8) : x.toString());
      return problem(CODES.outOfRange, at, `"${value}" is outside ${fmt(lo)}..${fmt(hi)}.`, `argument must be between ${fmt(lo)} and ${fmt(hi)} inclusive`);
    }
    return undefined;
  }
  const lo = toLongLong(lower); const hi = toLongLong(upper);
  if (flags.includes('percent') && ll < 0n) {
    if (ll < lo) return problem(CODES.outOfRange, at, `"${value}" is more than ${-lo}%.`, `percentage argument must be less or equal to ${-lo}`);
    return undefined;
  }
  if (ll > hi || ll < lo) return problem(CODES.outOfRange, at, `"${value}" is outside ${lo}..${hi}.`, `argument must be between ${lo} and ${hi} inclusive`);
  return undefined;
}

function checkString(name: string, spec: DirectiveVariant, value: string, at: Where, sentinelMode = false): Problem | undefined {
  switch (spec.validator) {
    case 'isValidDBfilename':
      if (/[\\/]/.test(value)) return problem(CODES.badValue, at, `"${name}" is a file name, not a path; set the folder with "dir".`, "dbfilename can't be a path, just a filename");
      return undefined;
    case 'isValidAOFfilename':
      if (value === '') return problem(CODES.badValue, at, `"${name}" cannot be empty.`, "appendfilename can't be empty");
      if (/[\\/]/.test(value)) return problem(CODES.badValue, at, `"${name}" is a file name, not a path; set the folder with "dir".`, "appendfilename can't be a path, just a filename");
      return undefined;
    case 'isValidAOFdirname':
      if (value === '') return problem(CODES.badValue, at, `"${name}" cannot be empty.`, "appenddirname can't be empty");
      if (/[\\/]/.test(value)) return problem(CODES.badValue, at, `"${name}" is a folder name inside "dir", not a path.`, "appenddirname can't be a path, just a dirname");
      return undefined;
    case 'isValidAnnouncedHostname':
      if (Buffer.byteLength(value) >= 256) return problem(CODES.badValue, at, 'Host names must be shorter than 256 characters.', 'Hostnames must be less than 256 characters');
      if (!/^[A-Za-z0-9.-]*$/.test(value)) return problem(CODES.badValue, at, 'Host names may contain only letters, digits, "-" and ".".', 'Hostnames may only contain alphanumeric characters, hyphens or dots');
      return undefined;
    case 'isValidProcTitleTemplate':
      if (!validProcTitle(value, sentinelMode)) return problem(CODES.badValue, at, 'The template is malformed or uses an unknown {variable}; known: {title} {listen-addr} {server-mode} {port} {tls-port} {unixsocket} {config-file}.', 'template format is invalid or contains unknown variables');
      return undefined;
    default:
      return undefined;
  }
}

const PROC_TITLE_VARS = ['title', 'listen-addr', 'server-mode', 'port', 'tls-port', 'unixsocket', 'config-file'];

/** sdstemplate rules: {var} substituted, {{ and }} are literal braces, anything else with braces is invalid; the result must not be blank. */
function validProcTitle(t: string, sentinel = false): boolean {
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '{') {
      if (t[i + 1] === '{') { out += '{'; i++; continue; }
      const close = t.indexOf('}', i + 1);
      if (close === -1) return false;
      const v = t.slice(i + 1, close);
      if (!PROC_TITLE_VARS.includes(v)) return false;
      // while the config is read the title is empty, and so is the mode of a plain server
      out += v === 'title' || (v === 'server-mode' && !sentinel) || v === 'unixsocket' ? '' : 'x';
      i = close;
    } else if (c === '}') {
      if (t[i + 1] !== '}') return false;
      out += '}'; i++;
    } else out += c;
  }
  return out.trim().length > 0;
}

/** The server turns `--name value ...` pairs into config lines appended after the file. */
export function extraArgsToText(argv: string[]): string {
  const lines: string[] = [];
  for (const a of argv) {
    if (a.startsWith('--') && a.length > 2) lines.push(a.slice(2));
    else if (lines.length) lines[lines.length - 1] += ' ' + quoteArg(a);
  }
  return lines.join('\n');
}
