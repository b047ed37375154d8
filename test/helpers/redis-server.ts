/**
 * Helpers to run the real redis-server (the oracle) from tests.
 *
 * Every server started here:
 *  - listens on a loopback port chosen by freePort() (never 6379 / 16379),
 *  - runs in its own temp directory under os.tmpdir() (cwd and `dir`),
 *  - is started in its own process group and killed (SIGKILL) when done;
 *    a process 'exit' / signal hook kills anything still running, and each
 *    server also has an outside guard (coreutils `timeout` for probes, a tiny
 *    sh watchdog for long-lived servers) so nothing survives a hard-killed node.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export type ServerVerdict =
  | { kind: 'starts' }
  | { kind: 'refused'; line: number; message: string }
  | { kind: 'refused-startup'; message: string }
  | { kind: 'timeout'; output: string };

export const REDIS_SERVER = process.env.REDIS_SERVER_BIN || 'redis-server';
export const REDIS_CLI = process.env.REDIS_CLI_BIN || 'redis-cli';
const FORBIDDEN_PORTS = new Set([6379, 16379]);

// ---------------------------------------------------------------------------
// process bookkeeping: kill everything we started, whatever happens

const live = new Set<ChildProcess>();

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group gone */ }
  try { child.kill('SIGKILL'); } catch { /* gone */ }
}

/** Temp dirs created by this module, removed on exit if still there. */
const ownedDirs = new Set<string>();
function ownDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  ownedDirs.add(d);
  return d;
}
function removeDir(d: string): void {
  rmSync(d, { recursive: true, force: true });
  ownedDirs.delete(d);
}

/** Kills every server (and guard) this process started that is still alive, and removes its temp dirs. */
export function killAll(): void {
  for (const c of live) killGroup(c);
  live.clear();
  for (const d of ownedDirs) { try { rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ } }
  ownedDirs.clear();
}

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      // re-raise with the default disposition
      process.kill(process.pid, sig);
    });
  }
}

function track(child: ChildProcess): void {
  installHooks();
  live.add(child);
  child.once('exit', () => live.delete(child));
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise(resolve => child.once('exit', () => resolve()));
}

/** Environment for redis-server: no systemd notification socket leaking in. */
function serverEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NOTIFY_SOCKET;
  return env;
}

// ---------------------------------------------------------------------------
// ports

const handedOut = new Set<number>();

function canBind(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

function ephemeralLow(): number {
  try {
    const [lo] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (Number.isFinite(lo) && lo > 12000) return lo;
  } catch { /* not Linux */ }
  return 32768;
}

/**
 * A free loopback port P such that P+10000 (the cluster bus port) is free too.
 * Chosen below the kernel's ephemeral range (so outgoing connections do not
 * grab it meanwhile), never 6379/16379, never handed out twice by this process.
 */
export async function freePort(): Promise<number> {
  const hi = Math.min(ephemeralLow() - 10000, 55535) - 1;
  const lo = 10000;
  for (let attempt = 0; attempt < 500; attempt++) {
    const p = lo + Math.floor(Math.random() * (hi - lo));
    if (FORBIDDEN_PORTS.has(p) || FORBIDDEN_PORTS.has(p + 10000) || handedOut.has(p) || handedOut.has(p + 10000)) continue;
    if (!(await canBind(p)) || !(await canBind(p + 10000))) continue;
    handedOut.add(p);
    if (handedOut.size > 2000) handedOut.delete(handedOut.values().next().value as number);
    return p;
  }
  throw new Error('freePort: no free loopback port pair found');
}

// ---------------------------------------------------------------------------
// readiness

/** One PING on 127.0.0.1:port; true when a Redis replied (anything but -LOADING). */
export function ping(port: number, timeoutMs = 300): Promise<boolean> {
  return new Promise(resolve => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const done = (ok: boolean) => { sock.destroy(); resolve(ok); };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.on('data', d => {
      buf += d.toString('latin1');
      if (buf.includes('\r\n')) done(/^[+-]/.test(buf) && !buf.startsWith('-LOADING'));
    });
  });
}

interface RunOutcome { ready: boolean; timedOut: boolean; stdout: string; stderr: string; code: number | null }

/**
 * Spawns `cmd args` (already wrapped by the caller) in its own process group,
 * resolves when the server is ready (log line or PING), exited, or timed out.
 * On 'ready' the process is left running (caller decides); otherwise it is dead.
 */
function runUntilReady(cmd: string, args: string[], cwd: string, port: number, timeoutMs: number, env?: Record<string, string>):
  Promise<RunOutcome & { child: ChildProcess }> {
  return new Promise(resolve => {
    const child = spawn(cmd, args, { cwd, env: { ...serverEnv(), ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    let stdout = '', stderr = '';
    let settled = false;
    let pingTimer: NodeJS.Timeout | undefined;
    const finish = (o: Omit<RunOutcome, 'stdout' | 'stderr'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pingTimer) clearTimeout(pingTimer);
      resolve({ ...o, stdout, stderr, child });
    };
    child.stdout!.on('data', d => {
      stdout += d.toString('latin1');
      if (stdout.includes('Ready to accept connections')) finish({ ready: true, timedOut: false, code: null });
    });
    child.stderr!.on('data', d => { stderr += d.toString('latin1'); });
    child.once('error', err => { stderr += `\nspawn error: ${err.message}`; finish({ ready: false, timedOut: false, code: -1 }); });
    // 'close' (not 'exit'): all output has been read by then
    child.once('close', code => finish({ ready: false, timedOut: false, code }));
    const timer = setTimeout(() => {
      killGroup(child);
      finish({ ready: false, timedOut: true, code: null });
    }, timeoutMs);
    const poll = async () => {
      if (settled) return;
      if (await ping(port)) {
        // a server is answering on our port: it must be ours (freePort checked it was free)
        if (child.exitCode === null) finish({ ready: true, timedOut: false, code: null });
        return;
      }
      if (!settled) pingTimer = setTimeout(poll, 100);
    };
    pingTimer = setTimeout(poll, 100);
  });
}

// ---------------------------------------------------------------------------
// verdict parsing

const LOG_LINE = /^\d+:[XCMS] \d{2} \w{3} \d{4} [\d:.]+ ([.\-*#]) (.*)$/;

/** Parses redis-server output (stderr + stdout) of a server that exited without becoming ready. */
export function parseRefusal(stderr: string, stdout: string, code: number | null): ServerVerdict {
  const all = stderr + '\n' + stdout;
  const fatal = all.indexOf('*** FATAL CONFIG FILE ERROR');
  if (fatal >= 0) {
    const rest = all.slice(fatal);
    const m = /Reading the configuration file, at line (\d+)\n>>> '/.exec(rest);
    if (m) {
      // the echoed line cannot contain '\n' (the server split on it) but may contain '\r'
      const afterEcho = rest.slice(m.index + m[0].length);
      const nl = afterEcho.indexOf('\n');
      const message = nl >= 0 ? afterEcho.slice(nl + 1).split('\n')[0].trim() : '';
      return { kind: 'refused', line: Number(m[1]), message };
    }
    const lines = rest.split('\n').slice(1).map(s => s.trim()).filter(Boolean);
    return { kind: 'refused-startup', message: lines[0] ?? 'FATAL CONFIG FILE ERROR' };
  }
  const warnings: string[] = [];
  const other: string[] = [];
  for (const raw of all.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const lm = LOG_LINE.exec(line);
    if (lm) { if (lm[1] === '#' && !/^Server initialized|^WARNING|^Warning: no config file|^oO0OoO0OoO0Oo/.test(lm[2])) warnings.push(lm[2]); }
    else if (!/^[\s_.,`'|()\-/\\*]*$/.test(line) && !/Redis \d|Port: |PID: |https:\/\/redis|Running in|^\|/.test(line)) other.push(line);
  }
  const msg = (warnings.length ? warnings.slice(-2) : other.slice(-2)).join(' / ');
  return { kind: 'refused-startup', message: msg || `exited with code ${code} without a message` };
}

function addressInUse(out: string, port: number): boolean {
  return new RegExp(`:(${port}|${port + 10000})\\b.*(Address already in use)|bind: Address already in use`).test(out);
}

// ---------------------------------------------------------------------------
// probeConfig

export interface ProbeOptions {
  /** Give up after this long (default 5000 ms) and return { kind: 'timeout' }. */
  timeoutMs?: number;
  /** Working directory (and `--dir`) for the server; default: a fresh temp dir, removed afterwards. */
  cwd?: string;
  /**
   * Keep the config's own `logfile` (do not append `--logfile ""`). Only for
   * configs whose logfile stays inside cwd; readiness is then detected by PING.
   */
  keepLogfile?: boolean;
  /** Extra `--name value` arguments appended after the harness's own. */
  extraArgs?: string[];
  /** Called with the command-line arguments appended after the file (harness + extra) for each attempt. */
  onArgs?: (args: string[]) => void;
  /** The server to run (default REDIS_SERVER); e.g. a build from test/helpers/servers.ts. */
  binary?: string;
  /** Extra environment of the server process. */
  env?: Record<string, string>;
}

/**
 * The args appended after the file. They only override settings that are
 * applied after the whole file has been read, so file line numbers and
 * load-time errors are unaffected:
 *  --port P            our free loopback port
 *  --logfile ""        logs to stdout (unless keepLogfile)
 *  --daemonize no      stay in the foreground
 *  --supervised no     no systemd/upstart signalling
 *  --dir <cwd>         undo any `dir` elsewhere (the file's own `dir` was already chdir'ed, errors included)
 *  --pidfile <cwd>/redis.pid
 *  --bind 127.0.0.1    only when the file has no `bind` line (default would be all interfaces)
 */
export function harnessArgs(port: number, cwd: string, text: string, keepLogfile = false): string[] {
  const args = ['--port', String(port)];
  if (!keepLogfile) args.push('--logfile', '');
  args.push('--daemonize', 'no', '--supervised', 'no', '--dir', cwd, '--pidfile', path.join(cwd, 'redis.pid'));
  if (!/^[ \t]*bind[ \t]/im.test(text)) args.push('--bind', '127.0.0.1');
  return args;
}

let probeSeq = 0;

/**
 * One start of `cmd` on `port`, under `timeout -s KILL` (an outside guard in case this node
 * process dies hard): the server's verdict (with its exit code when it refused), always stopped,
 * and whether another process won the race for the port.
 */
async function probeOnce(cmd: string[], cwd: string, port: number, timeoutMs: number, env?: Record<string, string>): Promise<{ verdict: ServerVerdict & { code?: number | null }; portTaken?: boolean }> {
  const guardSecs = String(Math.ceil(timeoutMs / 1000) + 5);
  const r = await runUntilReady('timeout', ['-s', 'KILL', guardSecs, ...cmd], cwd, port, timeoutMs, env);
  if (r.ready) {
    killGroup(r.child);
    await waitExit(r.child);
    return { verdict: { kind: 'starts' } };
  }
  if (r.timedOut) {
    await waitExit(r.child);
    return { verdict: { kind: 'timeout', output: (r.stderr + r.stdout).slice(-4000) } };
  }
  return { verdict: { ...parseRefusal(r.stderr, r.stdout, r.code), code: r.code }, portTaken: addressInUse(r.stderr + r.stdout, port) };
}

/** Starts `redis-server <file>` and reports whether it starts, and if not, how it refused. The server is always stopped. */
export async function probeConfig(file: string, opts: ProbeOptions = {}): Promise<ServerVerdict> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const abs = path.resolve(file);
  installHooks();
  const owned = opts.cwd === undefined;
  const cwd = opts.cwd ?? ownDir(`rg-probe-${process.pid}-${probeSeq++}-`);
  let text = '';
  try { text = readFileSync(abs, 'latin1'); } catch { /* let the server report it */ }
  try {
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      const args = [...harnessArgs(port, cwd, text, opts.keepLogfile), ...(opts.extraArgs ?? [])];
      opts.onArgs?.(args);
      const { verdict, portTaken } = await probeOnce([opts.binary ?? REDIS_SERVER, abs, ...args], cwd, port, timeoutMs, opts.env);
      if (portTaken && attempt < 3) continue; // lost a port race: retry
      const { code: _code, ...plain } = verdict as ServerVerdict & { code?: number | null };
      return plain as ServerVerdict;
    }
  } finally {
    if (owned) removeDir(cwd);
  }
}

export interface ArgvProbeOptions {
  /** The server to run (default REDIS_SERVER). */
  binary?: string;
  /** The program name it runs under (argv[0]), when it differs from the binary's: e.g. redis-sentinel for a redis-server binary. */
  argv0?: string;
  /** Where the harness's arguments go: after the case's (default) or right after the config file, so that a case may end with `--save` or `-`. */
  harness?: 'after' | 'before';
  /** Whether the first argument is a config file (the harness's arguments then go after it). */
  configFile?: boolean;
  /** Working directory (and `--dir`); default a fresh temp dir, removed afterwards. */
  cwd?: string;
  timeoutMs?: number;
  /** Called with the whole argument list (after the program) of each attempt. */
  onArgs?: (args: string[]) => void;
}

/**
 * Starts the server with exactly `args` (what follows the program), plus the harness's
 * `--port`, `--logfile ""`, `--dir` … (see harnessArgs; `text` decides whether `--bind 127.0.0.1`
 * is added), and reports whether it starts. Standard input is empty (/dev/null). For a command
 * that does not start a server (`--version`), the verdict is how it exited.
 */
export async function probeArgv(args: string[], text: string, opts: ArgvProbeOptions = {}): Promise<ServerVerdict & { code?: number | null }> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  installHooks();
  const owned = opts.cwd === undefined;
  const cwd = opts.cwd ?? ownDir(`rg-argv-${process.pid}-${probeSeq++}-`);
  try {
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      const harness = harnessArgs(port, cwd, text);
      const head = opts.configFile ? args.slice(0, 1) : [];
      const rest = opts.configFile ? args.slice(1) : args;
      const all = opts.harness === 'before' ? [...head, ...harness, ...rest] : [...args, ...harness];
      opts.onArgs?.(all);
      const binary = opts.binary ?? REDIS_SERVER;
      const cmd = opts.argv0 ? ['bash', '-c', 'exec -a "$0" "$@"', opts.argv0, binary, ...all] : [binary, ...all];
      const { verdict, portTaken } = await probeOnce(cmd, cwd, port, timeoutMs);
      if (portTaken && attempt < 3) continue;
      return verdict;
    }
  } finally {
    if (owned) removeDir(cwd);
  }
}

// ---------------------------------------------------------------------------
// startRedis

export interface RunningRedis {
  port: number;
  dir: string;
  pid: number;
  /** Kills the server (SIGKILL) and removes its temp dir when startRedis created it. */
  stop(): Promise<void>;
  /** Runs `redis-cli -h 127.0.0.1 -p <port> ...args` and returns its stdout. */
  cli(...args: string[]): Promise<string>;
}

export interface StartOptions {
  /** Text of redis.conf written into the server's dir (default: empty file). */
  config?: string;
  /** Extra command-line arguments, e.g. ['--maxmemory', '1mb']. */
  args?: string[];
  /** Directory to run in (kept on stop); default: a fresh temp dir (removed on stop). */
  dir?: string;
  timeoutMs?: number;
  /** The server and its cli (default REDIS_SERVER, REDIS_CLI); e.g. a build from test/helpers/servers.ts. */
  binary?: string;
  cliBinary?: string;
  /** Keep the file's own `save` lines: do not append `--save "" --appendonly no`. */
  keepFileSave?: boolean;
  /** Extra environment of the server process, e.g. { LC_ALL: 'C' }. */
  env?: Record<string, string>;
}

/**
 * Starts a live server for tests. Appended by the harness (in this order, before opts.args):
 * --port, --logfile "", --daemonize no, --supervised no, --dir, --pidfile, --bind 127.0.0.1 (if no bind in config),
 * --save "" (no RDB snapshots), --appendonly no.
 */
export async function startRedis(opts: StartOptions = {}): Promise<RunningRedis> {
  installHooks();
  const owned = opts.dir === undefined;
  const dir = opts.dir ?? ownDir(`rg-redis-${process.pid}-`);
  const conf = path.join(dir, 'redis.conf');
  const text = opts.config ?? '';
  writeFileSync(conf, text);
  let lastErr = '';
  for (let attempt = 0; attempt < 4; attempt++) {
    const port = await freePort();
    const args = [conf, ...harnessArgs(port, dir, text), ...(opts.keepFileSave ? [] : ['--save', '', '--appendonly', 'no']), ...(opts.args ?? [])];
    const r = await runUntilReady(opts.binary ?? REDIS_SERVER, args, dir, port, opts.timeoutMs ?? 5000, opts.env);
    if (!r.ready) {
      await waitExit(r.child);
      lastErr = r.timedOut ? `timeout:\n${r.stdout}${r.stderr}` : `${JSON.stringify(parseRefusal(r.stderr, r.stdout, r.code))}\n${r.stderr}`;
      if (!r.timedOut && addressInUse(r.stderr + r.stdout, port)) continue;
      if (owned) removeDir(dir);
      throw new Error(`redis-server did not start: ${lastErr}`);
    }
    const child = r.child;
    const pid = child.pid!;
    // keep draining output so the server never blocks on a full pipe
    child.stdout!.resume();
    child.stderr!.resume();
    // outside guard: kill the server when this node process disappears
    const watchdog = spawn('sh', ['-c',
      'while kill -0 "$1" 2>/dev/null && kill -0 "$2" 2>/dev/null; do sleep 1; done; kill -9 "$2" 2>/dev/null',
      'rg-watchdog', String(process.pid), String(pid)], { detached: true, stdio: 'ignore' });
    track(watchdog);
    watchdog.unref();
    let stopped = false;
    return {
      port, dir, pid,
      async stop() {
        if (stopped) return;
        stopped = true;
        killGroup(child);
        killGroup(watchdog);
        // the watchdog is unref'd so it never holds the process open; waiting for its exit
        // must hold the event loop, or a test ending here sees "promise still pending"
        watchdog.ref();
        await Promise.all([waitExit(child), waitExit(watchdog)]);
        if (owned) removeDir(dir);
      },
      cli(...cliArgs: string[]) {
        return new Promise<string>((resolve, reject) => {
          execFile(opts.cliBinary ?? REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...cliArgs],
            { maxBuffer: 64 * 1024 * 1024, timeout: 10000, env: serverEnv() },
            (err, stdout, stderr) => err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout));
        });
      },
    };
  }
  if (owned) removeDir(dir);
  throw new Error(`redis-server did not start: ${lastErr}`);
}
