/**
 * The value of a directive from the config table, checked by its type as the server's
 * config.c does: yes/no, enums, numbers with their units and bounds, strings with a
 * validator (file names, host names, the process title template), special forms.
 */
import { CODES } from '../messages';
import { memoryOverflowOf, type DirectiveVariant } from '../catalog';
import { string2ll, memtoull, strtollWhole, toLongLong, toULongLong } from '../values';
import { Loader, Where, Assignment, Problem, problem } from './context';
import { setSpecial } from './special';

/** Why the server refuses this value of a table directive, or undefined when it takes it. */
export function setConfig(cx: Loader, spec: DirectiveVariant, set: Assignment): Problem | undefined {
  const { name, args: a, at, lineAt } = set;
  const v0 = a[0] ?? '';
  const at0 = at[0] ?? lineAt;
  switch (spec.type) {
    case 'bool':
      if (!/^(yes|no)$/i.test(v0)) return problem(CODES.notYesNo, at0, `"${name}" takes yes or no, not "${v0}".`, "argument must be 'yes' or 'no'");
      if (spec.validator === 'isValidActiveDefrag' && v0.toLowerCase() === 'yes' && cx.opts.build?.activeDefrag !== true) {
        const msg = 'Active defragmentation needs a server built with its bundled jemalloc; distribution packages such as Debian\'s are built without it and refuse this line.';
        const server = 'Active defragmentation cannot be enabled: it requires a Redis server compiled with a modified Jemalloc like the one shipped by default with the Redis source distribution';
        if (cx.opts.build?.activeDefrag === false) return problem(CODES.badValue, at0, msg, server);
        cx.report('warning', CODES.badValue, at0, false, `${msg} Check your build before relying on it.`, server);
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
      return checkNumeric(name, spec, v0, at0, memoryOverflowOf(cx.t.id));
    case 'string':
      return checkString(name, spec, v0, at0, !!cx.opts.sentinel);
    case 'special':
      return setSpecial(cx, set);
    default:
      return undefined;
  }
}

function checkNumeric(name: string, spec: DirectiveVariant, value: string, at: Where, overflow: 'saturate' | 'refuse'): Problem | undefined {
  const flags = spec.numFlags ?? (spec.type === 'int' ? [] : [spec.type as 'memory' | 'percent' | 'octal']);
  let ll: bigint | null = null;
  if (flags.includes('memory')) {
    const m = memtoull(value, overflow);
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
  // the validity function's own refusal of "" (which versions have it is a catalog fact)
  if (value === '' && spec.refusesEmpty) return problem(CODES.badValue, at, `"${name}" cannot be empty.`, spec.refusesEmpty);
  switch (spec.validator) {
    case 'isValidDBfilename':
      if (/[\\/]/.test(value)) return problem(CODES.badValue, at, `"${name}" is a file name, not a path; set the folder with "dir".`, "dbfilename can't be a path, just a filename");
      return undefined;
    case 'isValidAOFfilename':
      if (/[\\/]/.test(value)) return problem(CODES.badValue, at, `"${name}" is a file name, not a path; set the folder with "dir".`, "appendfilename can't be a path, just a filename");
      return undefined;
    case 'isValidAOFdirname':
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
