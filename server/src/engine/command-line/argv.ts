/**
 * How redis-server and valkey-server turn their command line into configuration, as main() in
 * src/server.c does it (read at redis 7.0.15, 7.2.6, 7.4.1 and 8.0-m01, valkey 8.0.1 and its
 * unstable branch of October 2024: the rule is the same in all of them, only the banner of
 * `--version` differs):
 *
 * - argv[1] alone may be `-v`/`--version`, `-h`/`--help`, `--test-memory N` or `--check-system`:
 *   the process prints something and exits without starting a server.
 * - argv[1] not starting with `-` is the config file. Everything else is appended to the text the
 *   server reads: the file, then standard input (when `-` is the first or the last argument),
 *   then "\n", then the options.
 * - An argument starting with `--` starts a new config line: its text without the `--`, as it is
 *   (so `"--port 6380"` in one argument is the line `port 6380`), and a blank. Every other
 *   argument is appended to the current line quoted the way sdscatrepr quotes (in double quotes,
 *   `\\ \" \n \r \t \a \b` escaped, other unprintable bytes as \xHH), so a `#` or a blank in it is
 *   part of one argument, never a comment.
 * - An argument starting with `--` right after an option name that had no value yet is that
 *   option's value (`--masterauth --secret`), except after `--save` and `--sentinel`: `--save`
 *   followed by another option, or last, becomes `save ""`; `--sentinel` then stays a line of
 *   its own without a value.
 * - Sentinel mode: the program's name contains `redis-sentinel` (valkey also `valkey-sentinel`),
 *   or any argument is exactly `--sentinel`.
 *
 * Pure: no file is read here; the caller adds the config file's text when it has it.
 */
import { splitArgs } from '../tokenize';
import { closingQuoteNeedsBlank, Target } from '../catalog';

/** What a command line does. */
export type CommandKind =
  | { kind: 'server'; sentinel: boolean }
  /** Prints something and exits (`--version`, `--help`, `--test-memory`, `--check-system`). */
  | { kind: 'no-server'; what: string };

/** A piece of the options text and the argument it came from. */
export interface Span {
  /** Offsets in `options` (end exclusive). */
  start: number;
  end: number;
  /** Index in argv. */
  arg: number;
}

export interface ServerConfig {
  command: CommandKind;
  /** argv index of the config file argument, when there is one. */
  configFile?: number;
  /** argv index of the `-` that makes the server read its config from standard input. */
  stdin?: number;
  /** The options as config lines, exactly as the server appends them (without the leading "\n"). */
  options: string;
  /** Where each argument's text is in `options`. */
  spans: Span[];
}

/** The program names that start a server, and the flavour each belongs to. */
const SERVER_NAMES: ReadonlyArray<[RegExp, 'redis' | 'valkey']> = [
  [/^redis-(server|sentinel)$/, 'redis'],
  [/^valkey-(server|sentinel)$/, 'valkey'],
];

/** The flavour of a program that is a server (by its file name, any folder), or undefined. */
export function serverProgram(argv0: string): 'redis' | 'valkey' | undefined {
  const base = argv0.slice(argv0.lastIndexOf('/') + 1);
  return SERVER_NAMES.find(([re]) => re.test(base))?.[1];
}

/** checkForSentinelMode(): by the program's name, or an argument that is exactly `--sentinel`. */
export function isSentinelMode(argv: readonly string[], flavour: 'redis' | 'valkey'): boolean {
  const base = argv[0].slice(argv[0].lastIndexOf('/') + 1);
  if (base.includes('redis-sentinel')) return true;
  if (flavour === 'valkey' && base.includes('valkey-sentinel')) return true;
  return argv.slice(1).includes('--sentinel');
}

/**
 * sdscatrepr: an argument as the server quotes it. Characters above ASCII stay as they are (the
 * server writes their UTF-8 bytes as \xHH, which read back as the same bytes). `escapeQuotes`
 * false: Valkey 8.1.0 and 8.1.1 copy `"` and `\` unescaped (a regression of valkey PR #1342,
 * fixed in 8.1.2 by PR #2036), so such an argument ends the quotes early.
 */
export function catRepr(s: string, escapeQuotes = true): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '\\' || c === '"') out += escapeQuotes ? '\\' + c : c;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += c;
  }
  return out + '"';
}

/** How many arguments sdssplitargs finds in `s` (0 on bad quoting: the server's NULL result counts none). */
function splitCount(s: string, strictQuotes: boolean): number {
  const r = splitArgs(s, 0, s.length, strictQuotes);
  return r.ok ? r.tokens.length : 0;
}

/** argv (argv[0] the program) as the server reads it. */
/** How a server version quotes and splits: see catRepr and closingQuoteNeedsBlank. */
export interface ArgvDialect {
  /** A closing quote must be followed by a blank (all but Valkey 9.1). */
  strictQuotes: boolean;
  /** sdscatrepr escapes `"` and `\` (all but Valkey 8.1.0 and 8.1.1). */
  escapeQuotes: boolean;
}

export const DEFAULT_DIALECT: ArgvDialect = { strictQuotes: true, escapeQuotes: true };

/** The dialect of a target (valkey@8.1 as its 8.1.0 and 8.1.1 releases, which Debian ships). */
export function dialectOf(target: Target): ArgvDialect {
  return { strictQuotes: closingQuoteNeedsBlank(target.id), escapeQuotes: target.id !== 'valkey@8.1' };
}

export function argvToConfig(argv: readonly string[], flavour: 'redis' | 'valkey', dialect: ArgvDialect = DEFAULT_DIALECT): ServerConfig {
  const sentinel = isSentinelMode(argv, flavour);
  const argc = argv.length;
  const none = (what: string): ServerConfig => ({ command: { kind: 'no-server', what }, options: '', spans: [] });
  if (argc >= 2) {
    const a1 = argv[1];
    if (a1 === '-v' || a1 === '--version') return none('prints the version and exits');
    if (a1 === '--help' || a1 === '-h') return none('prints its usage and exits');
    if (a1 === '--test-memory') return none(argc === 3 ? 'tests the memory and exits' : 'asks for the megabytes to test and exits');
    if (a1 === '--check-system') return none('checks the system and exits');
  }
  const out: ServerConfig = { command: { kind: 'server', sentinel }, options: '', spans: [] };
  let j = 1;
  if (argc >= 2 && !argv[1].startsWith('-')) { out.configFile = 1; j = 2; }
  let options = '';
  let handledLast = true;
  const add = (text: string, arg: number) => {
    if (text) out.spans.push({ start: options.length, end: options.length + text.length, arg });
    options += text;
  };
  for (; j < argc; j++) {
    const a = argv[j];
    if (a === '-' && (j === 1 || j === argc - 1)) {
      out.stdin = j;
    } else if (handledLast && a.startsWith('--')) {
      if (options.length) options += '\n';
      add(a.slice(2), j);
      options += ' ';
      if (splitCount(a, dialect.strictQuotes) === 1) {
        handledLast = false;
        const next = argv[j + 1];
        const nextIsOption = j !== argc - 1 && next.startsWith('--');
        const lower = a.toLowerCase();
        if (nextIsOption && lower === '--save') { options += '""'; handledLast = true; }
        else if (j === argc - 1 && lower === '--save') options += '""';
        else if (nextIsOption && lower === '--sentinel') handledLast = true;
      } else {
        handledLast = true;
      }
    } else {
      add(catRepr(a, dialect.escapeQuotes), j);
      options += ' ';
      handledLast = true;
    }
  }
  out.options = options;
  return out;
}

/** The text the server reads: the config file's, standard input's, "\n", then the options. */
export function configText(config: ServerConfig, fileText = '', stdinText = ''): { text: string; optionsAt: number } {
  const head = fileText + stdinText + '\n';
  return { text: head + config.options, optionsAt: head.length };
}
