/**
 * What the server checks after reading: at the end of each file (logfile, replicaof in
 * cluster mode), and once at start-up (TLS set-up, listening sockets, ACL users and the
 * ACL file, modules and their settings). These refuse to start without a line number.
 */
import * as nodePath from 'path';
import { CODES, clip } from '../messages';
import { classifyBindAddress } from '../bind-address';
import { Loader, LoadState, Where, targetLabel, topOfFile } from './context';
import { aclFileProblem, aclRule, RuleState } from './acl';
import type { FileKind, TooLarge } from '../file-access';
import { megabytes } from '../limits';

/** A PEM certificate, key or DH parameter file is a few kilobytes; more is read as no PEM at all. */
const MAX_PEM_BYTES = 1024 * 1024;

/** Why a path the server opens as a file is not one (FIFOs and devices are never opened here). */
function notAFile(kind: FileKind | undefined): string {
  return kind === undefined ? 'does not exist' : kind === 'dir' ? 'is a directory, not a file' : `is a ${kind === 'fifo' ? 'FIFO (named pipe)' : kind}, not a regular file`;
}

const textOf = (t: string | TooLarge | undefined): string => (typeof t === 'string' ? t : '');

/** At the end of the file and of each include; `label` names the included file, whose findings go to its include line `at`. */
export function endOfFileChecks(cx: Loader, at: Where, label?: string): void {
  const logfile = cx.state.last.get('logfile');
  if (logfile && logfile.args[0] && cx.opts.fs) {
    const abs = cx.resolve(logfile.args[0], label ? at : logfile.at);
    const kind = abs ? cx.opts.fs.stat(abs) : undefined;
    const parent = abs ? cx.opts.fs.stat(nodePath.dirname(abs)) : undefined;
    if (abs && (kind === 'dir' || parent !== 'dir')) {
      cx.onHost(CODES.badLogfile, label ? at : logfile.at, 'startup',
        `The log file "${logfile.args[0]}" cannot be opened (${kind === 'dir' ? 'it is a directory' : 'its folder does not exist'}); the server checks it right after reading the configuration.`,
        `Can't open the log file: ${kind === 'dir' ? 'Is a directory' : 'No such file or directory'}`);
    }
  }
  const cluster = cx.state.last.get('cluster-enabled');
  if (cluster && cluster.args[0].toLowerCase() === 'yes' && cx.state.masterhost) {
    const where = cx.state.masterAt ?? at;
    cx.report('error', CODES.replicaofInCluster, label ? at : where, 'startup',
      'replicaof cannot be combined with cluster-enabled yes: in a cluster, replicas are assigned with CLUSTER REPLICATE. Remove one of them.',
      'replicaof directive not allowed in cluster mode');
  }
}

/** The value each directive was last set to, as the start-up code reads it. */
interface Settings {
  last(n: string): ReturnType<LoadState['last']['get']>;
  val(n: string): string | undefined;
  yes(n: string): boolean;
  num(n: string): number;
}

function settingsOf(cx: Loader): Settings {
  const last = (n: string) => cx.state.last.get(n);
  const val = (n: string) => last(n)?.args[0];
  const yes = (n: string) => (val(n) ?? '').toLowerCase() === 'yes';
  const num = (n: string) => { const x = val(n); return x === undefined ? 0 : Number(x); };
  return { last, val, yes, num };
}

/** Once reading is over, in the order the server starts up. */
export function startupChecks(cx: Loader): void {
  const s = settingsOf(cx);
  checkTls(cx, s);
  checkListening(cx, s);
  checkUsers(cx, s);
  checkModules(cx);
}

/** TLS set-up: certificate, key and CA are needed, and must be readable PEM files. */
function checkTls(cx: Loader, { last, val, yes, num }: Settings): void {
  const tlsPort = num('tls-port');
  if (tlsPort !== 0 || yes('tls-replication') || yes('tls-cluster')) {
    const at = last('tls-port')?.at ?? last('tls-replication')?.at ?? last('tls-cluster')?.at ?? topOfFile();
    const cert = val('tls-cert-file'); const key = val('tls-key-file');
    const ca = val('tls-ca-cert-file'); const caDir = val('tls-ca-cert-dir');
    const auth = (val('tls-auth-clients') ?? 'yes').toLowerCase();
    if (!cert || !key) {
      cx.startup(CODES.tlsIncomplete, at, `TLS is switched on but ${!cert ? 'tls-cert-file' : 'tls-key-file'} is not set; add tls-cert-file and tls-key-file.`, 'Failed to configure TLS. Check logs for more info.');
    } else if ((auth !== 'no' || yes('tls-replication') || yes('tls-cluster')) && !ca && !caDir) {
      cx.startup(CODES.tlsIncomplete, at, 'TLS client authentication (tls-auth-clients, on by default), tls-replication or tls-cluster needs tls-ca-cert-file or tls-ca-cert-dir.', 'Failed to configure TLS. Check logs for more info.');
    } else {
      const protocols = val('tls-protocols');
      if (protocols !== undefined && protocols !== '' && protocols.split(' ').some(p => !['tlsv1', 'tlsv1.1', 'tlsv1.2', 'tlsv1.3'].includes(p.toLowerCase()))) {
        cx.startup(CODES.tlsIncomplete, last('tls-protocols')!.at, 'tls-protocols takes a blank-separated list of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3.', 'Failed to configure TLS. Check logs for more info.');
      } else if (cx.opts.fs) {
        for (const n of ['tls-cert-file', 'tls-key-file', 'tls-ca-cert-file', 'tls-dh-params-file']) {
          const p = val(n);
          if (!p) continue;
          const abs = cx.resolve(p, last(n)!.at);
          const kind = abs ? cx.opts.fs.stat(abs) : 'file';
          if (kind !== 'file') {
            cx.onHost(CODES.tlsIncomplete, last(n)!.at, 'startup', `${n} "${p}" ${notAFile(kind)}; TLS cannot start.`, 'Failed to configure TLS. Check logs for more info.');
            break;
          }
          const pem = abs ? textOf(cx.opts.fs.readFile(abs, MAX_PEM_BYTES)) : '';
          const wants = n === 'tls-key-file' ? /-----BEGIN [A-Z ]*PRIVATE KEY-----/ : n === 'tls-dh-params-file' ? /-----BEGIN DH PARAMETERS-----/ : /-----BEGIN CERTIFICATE-----/;
          if (abs && !wants.test(pem)) {
            cx.onHost(CODES.tlsIncomplete, last(n)!.at, 'startup', `${n} "${p}" does not hold ${n === 'tls-key-file' ? 'a PEM private key' : n === 'tls-dh-params-file' ? 'PEM DH parameters' : 'a PEM certificate'} (are certificate and key swapped?); TLS cannot start.`, 'Failed to configure TLS. Check logs for more info.');
            break;
          }
        }
      }
    }
  }
}

/** Listening sockets: bind addresses the server can listen on, the unix socket's folder, and something to listen on at all. */
function checkListening(cx: Loader, { last, val, num }: Settings): void {
  const tlsPort = num('tls-port');
  const bind = last('bind');
  if (bind) {
    const seen = new Set<string>();
    for (const raw of bind.args) {
      if (raw === '') continue;
      const optional = raw.startsWith('-');
      const addr = optional ? raw.slice(1) : raw;
      const verdict = classifyBindAddress(addr);
      if (verdict === 'invalid') {
        cx.startup(CODES.badBind, bind.at,
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
        cx.startup(CODES.badBind, bind.at, `"${addr}" is already covered by an earlier address of this bind line; the second socket on the same port fails with "address in use". Remove the duplicate.`, 'Failed listening on port (TCP), aborting.');
        break;
      }
      seen.add(key);
      if (verdict !== 'unverifiable') continue;
      if (cx.opts.hostChecks && cx.opts.hostAddresses && family !== 'name' && !optional && !cx.opts.hostAddresses.includes(addr.toLowerCase().replace(/%.*$/, ''))) {
        cx.startup(CODES.badBind, bind.at, `"${addr}" is not an address of this machine, so the server cannot listen on it. Prefix it with "-" to make it optional.`, 'Failed listening on port (TCP), aborting.');
        break;
      }
      if (!optional && !cx.opts.hostChecks) {
        cx.report('information', CODES.bindUnverifiable, bind.at, false,
          `"${addr}" must be an address of the machine that runs the server, or start-up fails; prefix it with "-" to make it optional.`);
      }
    }
  }
  const unixsocket = val('unixsocket');
  if (unixsocket && cx.opts.fs) {
    const abs = cx.resolve(unixsocket, last('unixsocket')!.at);
    if (abs && cx.opts.fs.stat(nodePath.dirname(abs)) !== 'dir') {
      cx.onHost(CODES.badValue, last('unixsocket')!.at, 'startup', `The folder of unixsocket "${unixsocket}" does not exist, so the socket cannot be created.`, 'Failed opening Unix socket: bind: No such file or directory');
    }
  }
  const port = val('port');
  const noTcp = (port !== undefined && Number(port) === 0) || (bind !== undefined && bind.args.filter(a => a !== '').length === 0);
  if (noTcp && tlsPort === 0 && !val('unixsocket')) {
    const at = (port !== undefined && Number(port) === 0 ? last('port') : bind)?.at ?? topOfFile();
    cx.startup(CODES.notListening, at, 'With this port/bind and no tls-port or unixsocket the server has nothing to listen on.', 'Configured to not listen anywhere, exiting.');
  }
}

/** ACL users: user lines or an aclfile (not both), valid names and rules, a readable ACL file. */
function checkUsers(cx: Loader, { last, val }: Settings): void {
  const aclfile = val('aclfile');
  if (aclfile && cx.state.users.size) {
    const first = [...cx.state.users.values()][0];
    cx.startup(CODES.usersWithAclfile, first.at, 'user lines and aclfile cannot be used together: define the users in the ACL file, or drop aclfile.',
      'Configuring Redis with users defined in redis.conf and at the same setting an ACL file path is invalid.');
  } else {
    for (const u of cx.state.users.values()) {
      if (/[ \t\n\v\f\r]/.test(u.name)) {
        cx.startup(CODES.badUser, u.at, 'ACL user names cannot contain blanks.', 'Spaces not allowed in ACL usernames');
        break;
      }
      const st = new RuleState();
      const bad = u.rules.map(r => ({ r, e: aclRule(r, cx.t.id, st) })).find(x => x.e);
      if (bad) {
        cx.startup(CODES.badUser, u.at, `ACL rule "${bad.r}" of user "${u.name}" is invalid: ${bad.e!.text}.`,
          `Error loading ACL rule '${bad.r}' for the user named '${u.name}': ${bad.e!.server}`);
        break;
      }
    }
    if (aclfile && cx.opts.fs) {
      const abs = cx.resolve(aclfile, last('aclfile')!.at);
      const kind = abs ? cx.opts.fs.stat(abs) : 'file';
      if (kind !== 'file') {
        cx.onHost(CODES.badValue, last('aclfile')!.at, 'startup', `aclfile "${aclfile}" ${notAFile(kind)}; the server refuses to start without it.`, 'Aborting Redis startup because of ACL errors');
      } else if (abs) {
        const text = cx.opts.fs.readFile(abs, cx.limits.maxFileBytes);
        const problem = typeof text === 'object' ? undefined : aclFileProblem(text ?? '', cx.t.id);
        if (typeof text === 'object') cx.report('warning', CODES.notChecked, last('aclfile')!.at, false, `The ACL file "${aclfile}" is ${megabytes(text.tooLarge)}, more than the ${megabytes(cx.limits.maxFileBytes)} Redis Guard reads of one file: its users were not checked.`);
        if (problem) cx.onHost(CODES.badUser, last('aclfile')!.at, 'startup', `The ACL file "${aclfile}" ${problem}`, 'Aborting Redis startup because of ACL errors');
      }
    }
  }
}

/** Modules: each loadmodule file exists and is a shared library; module settings need a module. */
function checkModules(cx: Loader): void {
  for (const m of cx.state.modules) {
    const abs = cx.resolve(m.path, m.at);
    const kind = cx.opts.fs && abs ? cx.opts.fs.stat(abs) : 'file';
    if (kind !== 'file') {
      cx.onHost(CODES.badModule, m.at, 'startup', `Module "${m.path}" ${notAFile(kind)} on this machine.`, `Module ${m.path} failed to load`);
    } else if (cx.opts.fs && abs && cx.opts.fs.readStart(abs, 4) !== '\x7fELF') {
      cx.onHost(CODES.badModule, m.at, 'startup', `"${m.path}" is not a compiled module (a shared library).`, `Module ${m.path} failed to load`);
    }
  }
  const ABORT = 'Module Configuration detected without loadmodule directive or no ApplyConfig call: aborting';
  const dotted = cx.state.moduleConfigs.find(c => !c.unknown);
  if (dotted && cx.state.modules.length === 0) {
    cx.startup(CODES.moduleConfigWithoutModule, dotted.at, `"${dotted.name}" is a module setting (the name has a dot) but no loadmodule line loads a module.`, ABORT);
  }
  // Redis 8 reads the whole file, then aborts over each name no module claims
  for (const c of cx.state.moduleConfigs) {
    if (!c.unknown) continue;
    const after = `${targetLabel(cx.t)} refuses it after reading the file`;
    const u = c.unknown;
    // Redis 8 logs the lines it could not place, then the abort
    const logged = `Unresolved Configuration(s) Detected: >>> '${clip(c.line ?? c.name, 200)}' … ${ABORT}`;
    if (cx.state.modules.length === 0) cx.startup(u.code, u.at, `${u.message} (${after}.)`, logged, u.fixes);
    else cx.report('warning', u.code, u.at, false, `${u.message} (${after} unless a loaded module declares "${c.name}".)`, logged, u.fixes);
  }
}
