/**
 * sentinel lines (sentinel.conf, or redis-server --sentinel). From Redis 6.2 on the server does not
 * read them where they stand: it keeps them, reads the rest of the file (and runs its end-of-file
 * checks, the log file among them), and then reads the kept lines in three rounds, in file order
 * within each: the settings of Sentinel itself (announce-*, myid, resolve-hostnames, …), then the
 * `monitor` lines, then everything that refers to a monitored primary. The first line that fails
 * stops the server with its own line number. Redis 6.0 reads each line where it stands.
 *
 * Checked as the server checks (Redis 7.0.15 src/sentinel.c, sentinelHandleConfiguration): the
 * subcommand and its argument count, the quorum, the port, a host name where only an IP address is
 * taken (without `sentinel resolve-hostnames yes`, even localhost), a primary named twice or not
 * at all, time values, myid's length, yes/no values, renamed commands.
 */
import { isIP } from 'net';
import { CODES } from '../messages';
import { sentinelSubcommand } from '../catalog';
import { Loader, Line } from './context';

/** Read in the first round, before any monitor line. */
const BEFORE_MONITOR = new Set(['announce-ip', 'announce-port', 'deny-scripts-reconfig', 'sentinel-user', 'sentinel-pass', 'current-epoch', 'myid', 'resolve-hostnames', 'announce-hostnames']);

/** Subcommands whose first argument names a monitored primary. */
const NAMES_A_PRIMARY = new Set([
  'down-after-milliseconds', 'failover-timeout', 'parallel-syncs', 'notification-script', 'client-reconfig-script',
  'auth-pass', 'auth-user', 'config-epoch', 'leader-epoch', 'known-slave', 'known-replica', 'known-sentinel',
  'rename-command', 'master-reboot-down-after-period', 'primary-reboot-down-after-period',
]);

const UNRECOGNIZED = 'Unrecognized sentinel configuration statement.';

/** Does the target keep sentinel lines for after the file (6.2 and later, and every Valkey and Memurai)? */
function queues(cx: Loader): boolean {
  return !(cx.t.flavour === 'redis' && cx.t.major === 6 && cx.t.minor === 0);
}

/** atoi(3): leading blanks, a sign, digits; anything else ends the number (0 when there is none). */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** What getaddrinfo(3) takes with AI_NUMERICHOST: an IPv6 literal, or IPv4 in inet_aton's forms (127.1, 0x7f.0.0.1). */
function isNumericHost(h: string): boolean {
  if (isIP(h)) return true;
  if (/^[0-9a-fA-F:.]+%[\w.-]+$/.test(h) && isIP(h.slice(0, h.indexOf('%'))) === 6) return true;
  const parts = h.split('.');
  if (parts.length < 1 || parts.length > 4) return false;
  return parts.every(p => /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)$/.test(p));
}

/** A sentinel line, read now (Redis 6.0) or kept for after the file. */
export function sentinelLine(cx: Loader, line: Line): void {
  if (queues(cx)) cx.state.sentinelLines.push({ line, quiet: cx.suppressReports });
  else readSentinelLine(cx, line, new Set(), false);
}

function resolvesHostnames(lines: Line[]): boolean {
  let on = false;
  for (const l of lines) if (l.values[1]?.toLowerCase() === 'resolve-hostnames' && l.values.length === 3) on = l.values[2].toLowerCase() === 'yes';
  return on;
}

/** The kept sentinel lines, in the server's three rounds; each takes its own place in the reading order. */
export function readKeptSentinelLines(cx: Loader): void {
  const kept = cx.state.sentinelLines;
  if (!kept.length) return;
  const sub = (k: { line: Line }) => k.line.values[1].toLowerCase();
  const rounds = [
    kept.filter(k => BEFORE_MONITOR.has(sub(k))),
    kept.filter(k => sub(k) === 'monitor'),
    kept.filter(k => !BEFORE_MONITOR.has(sub(k)) && sub(k) !== 'monitor'),
  ];
  const resolve = resolvesHostnames(rounds[0].map(k => k.line));
  const primaries = new Set<string>();
  const quiet = cx.suppressReports;
  for (const round of rounds) {
    for (const k of round) {
      if (cx.seq !== undefined) cx.seq++;
      cx.suppressReports = k.quiet; // lines from the command line are read, not reported
      readSentinelLine(cx, k.line, primaries, resolve);
    }
  }
  cx.suppressReports = quiet;
}

function readSentinelLine(cx: Loader, line: Line, primaries: Set<string>, resolveHostnames: boolean): void {
  const { values, argAt, lineAt, fail } = line;
  const sub = values[1].toLowerCase();
  const spec = sentinelSubcommand(sub, cx.t.id);
  const n = values.length - 2;
  if (!spec) {
    fail(CODES.badSentinelLine, argAt(1), `"sentinel ${values[1]}" is not a Sentinel setting.`, UNRECOGNIZED);
    return;
  }
  const [lo, hi] = spec.argc;
  if (n < lo || (hi >= 0 && n > hi)) {
    fail(CODES.badSentinelLine, lineAt, `"sentinel ${sub}" does not take ${n} argument${n === 1 ? '' : 's'}.`, UNRECOGNIZED);
    return;
  }
  const hostCheck = (hostAt: number): boolean => {
    const host = values[hostAt];
    const port = atoi(values[hostAt + 1]);
    if (port < 0 || port > 65535) {
      fail(CODES.badSentinelLine, argAt(hostAt + 1), `Port ${values[hostAt + 1]} is outside 0-65535.`, 'Invalid port number.');
      return false;
    }
    if (cx.t.flavour === 'redis' && cx.t.major === 6 && cx.t.minor === 0) return true; // 6.0 resolves names
    if (!resolveHostnames && !isNumericHost(host)) {
      fail(CODES.badSentinelLine, argAt(hostAt),
        `"${host}" is a host name: without "sentinel resolve-hostnames yes" Sentinel takes only IP addresses and stops here, even for localhost. Write the IP, or add that line.`,
        "Can't resolve instance hostname.");
      return false;
    }
    return true;
  };
  if (sub === 'monitor') {
    // checked in the server's order: quorum, address, then the name; the name counts as monitored
    // even when the line fails (the server stops there, so the lines that configure it are not news)
    const duplicate = primaries.has(values[2]);
    primaries.add(values[2]);
    if (!(atoi(values[5]) > 0)) { fail(CODES.badSentinelLine, argAt(5), 'The quorum must be 1 or greater.', 'Quorum must be 1 or greater.'); return; }
    if (!hostCheck(3)) return;
    if (duplicate) fail(CODES.badSentinelLine, argAt(2), `A primary named "${values[2]}" is already monitored; each monitor line needs its own name.`, 'Duplicate master name.');
    return;
  }
  if (NAMES_A_PRIMARY.has(sub)) {
    if (sub === 'known-sentinel' && n === 3) return; // the old form without a run id is ignored
    if (!primaries.has(values[2])) {
      fail(CODES.badSentinelLine, argAt(2), `No "sentinel monitor ${values[2]} …" line names this primary (names are case-sensitive); Sentinel reads monitor lines first, so the order in the file does not matter.`, 'No such master with specified name.');
      return;
    }
  }
  switch (sub) {
    case 'down-after-milliseconds': case 'failover-timeout':
      if (atoi(values[3]) <= 0) fail(CODES.badSentinelLine, argAt(3), `${sub} takes a number of milliseconds greater than 0.`, 'negative or zero time parameter.');
      return;
    case 'master-reboot-down-after-period': case 'primary-reboot-down-after-period':
      if (atoi(values[3]) < 0) fail(CODES.badSentinelLine, argAt(3), `${sub} takes a number of milliseconds, 0 or more.`, 'negative time parameter.');
      return;
    case 'known-slave': case 'known-replica': case 'known-sentinel':
      hostCheck(3);
      return;
    case 'myid':
      if (values[2].length !== 40) fail(CODES.badSentinelLine, argAt(2), `myid is a 40-character run id; this one has ${values[2].length}. Delete the line and Sentinel writes a new one.`, 'Malformed Sentinel id in myid option.');
      return;
    case 'resolve-hostnames': case 'announce-hostnames': case 'deny-scripts-reconfig': {
      const v = values[2].toLowerCase();
      if (v !== 'yes' && v !== 'no') {
        fail(CODES.badSentinelLine, argAt(2), `${sub} takes yes or no.`, sub === 'deny-scripts-reconfig' ? 'Please specify yes or no for the deny-scripts-reconfig options.' : `Please specify yes or no for the ${sub} option.`);
      }
      return;
    }
  }
}
