/**
 * Deterministic corpus of redis.conf files (valid and broken) for the
 * conformance test against redis-server 7.0.
 *
 * Everything is generated from a fixed seed: the same code yields the same
 * cases on every run. Two inputs are read at generation time when present:
 * the seed file (/work/shared/seed/memurai-production.conf) and Debian's stock
 * /etc/redis/redis.conf.
 *
 * Placeholders substituted when a case is written (see substitute()):
 *   {{DIR}}       absolute path of the case's own temp directory
 *   {{FREEPORT}}  an extra free loopback port (for tls-port)
 * Paths used by cases always stay inside {{DIR}}; network use stays on loopback
 * (replicaof targets 127.0.0.1:9, where nothing listens).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

export interface CorpusCase {
  /** Unique, file-system safe name: "<group>/<detail>". */
  name: string;
  /** The config text (may contain placeholders). Lines are split on "\n" by the server. */
  text: string;
  /** Extra files written next to the config (relative path -> content, placeholders allowed). */
  files?: Record<string, string>;
  /** The case sets a `logfile` inside {{DIR}} that must not be overridden by the harness. */
  keepLogfile?: boolean;
}

/** The seed's config, kept verbatim in the repository. */
export const SEED_FILE = resolvePath(__dirname, '..', '..', '..', 'examples', 'memurai.conf');
export const DEBIAN_FILE = '/etc/redis/redis.conf';
export const CORPUS_SEED = 0x5eed7015;

/** Replaces {{DIR}} / {{FREEPORT}} placeholders. */
export function substitute(text: string, vars: { DIR: string; FREEPORT?: number }): string {
  return text.replace(/\{\{DIR\}\}/g, vars.DIR).replace(/\{\{FREEPORT\}\}/g, String(vars.FREEPORT ?? 0));
}

// ---------------------------------------------------------------------------
// seeded PRNG (mulberry32)

export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

// ---------------------------------------------------------------------------
// the 7.0 directive table (from redis 7.0.15 src/config.c static_configs[])

const BOOLS: Array<[string, string?]> = [
  ['rdbchecksum'], ['daemonize'], ['io-threads-do-reads'], ['always-show-logo'], ['protected-mode'],
  ['rdbcompression'], ['rdb-del-sync-files'], ['activerehashing'], ['stop-writes-on-bgsave-error'],
  ['set-proc-title'], ['dynamic-hz'], ['lazyfree-lazy-eviction'], ['lazyfree-lazy-expire'],
  ['lazyfree-lazy-server-del'], ['lazyfree-lazy-user-del'], ['lazyfree-lazy-user-flush'],
  ['repl-disable-tcp-nodelay'], ['repl-diskless-sync'], ['aof-rewrite-incremental-fsync'],
  ['no-appendfsync-on-rewrite'], ['cluster-require-full-coverage'], ['rdb-save-incremental-fsync'],
  ['aof-load-truncated'], ['aof-use-rdb-preamble'], ['aof-timestamp-enabled'],
  ['cluster-replica-no-failover', 'cluster-slave-no-failover'], ['replica-lazy-flush', 'slave-lazy-flush'],
  ['replica-serve-stale-data', 'slave-serve-stale-data'], ['replica-read-only', 'slave-read-only'],
  ['replica-ignore-maxmemory', 'slave-ignore-maxmemory'], ['jemalloc-bg-thread'], ['activedefrag'],
  ['syslog-enabled'], ['cluster-enabled'], ['appendonly'], ['cluster-allow-reads-when-down'],
  ['cluster-allow-pubsubshard-when-down'], ['crash-log-enabled'], ['crash-memcheck-enabled'],
  ['use-exit-on-panic'], ['disable-thp'], ['cluster-allow-replica-migration'], ['replica-announced'],
  ['latency-tracking'], ['aof-disable-auto-gc'], ['replica-ignore-disk-write-errors'],
  ['tls-cluster'], ['tls-replication'], ['tls-prefer-server-ciphers'], ['tls-session-caching'],
];
/** bools whose `yes` needs more than a plain start (kept out of random valid-line combinations) */
const BOOL_YES_SPECIAL = new Set(['cluster-enabled', 'syslog-enabled', 'activedefrag', 'daemonize']);

const ENUMS: Array<{ name: string; values: string[]; multi?: boolean }> = [
  { name: 'supervised', values: ['upstart', 'systemd', 'auto', 'no'] },
  { name: 'syslog-facility', values: ['user', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7'] },
  { name: 'repl-diskless-load', values: ['disabled', 'on-empty-db', 'swapdb'] },
  { name: 'loglevel', values: ['debug', 'verbose', 'notice', 'warning'] },
  { name: 'maxmemory-policy', values: ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'] },
  { name: 'appendfsync', values: ['everysec', 'always', 'no'] },
  { name: 'oom-score-adj', values: ['no', 'yes', 'relative', 'absolute'] },
  { name: 'acl-pubsub-default', values: ['allchannels', 'resetchannels'] },
  { name: 'sanitize-dump-payload', values: ['no', 'yes', 'clients'] },
  { name: 'enable-protected-configs', values: ['no', 'yes', 'local'] },
  { name: 'enable-debug-command', values: ['no', 'yes', 'local'] },
  { name: 'enable-module-command', values: ['no', 'yes', 'local'] },
  { name: 'cluster-preferred-endpoint-type', values: ['ip', 'hostname', 'unknown-endpoint'] },
  { name: 'propagation-error-behavior', values: ['ignore', 'panic', 'panic-on-replicas'] },
  { name: 'shutdown-on-sigint', values: ['default', 'save', 'nosave', 'now', 'force'], multi: true },
  { name: 'shutdown-on-sigterm', values: ['default', 'save', 'nosave', 'now', 'force'], multi: true },
  { name: 'tls-auth-clients', values: ['no', 'yes', 'optional'] },
];

type NumKind = 'int' | 'uint' | 'ulong' | 'longlong' | 'ulonglong' | 'size_t' | 'ssize_t' | 'time_t' | 'off_t';
interface NumDef { name: string; alias?: string; kind: NumKind; min: bigint; max: bigint; mem?: boolean; pct?: boolean; octal?: boolean; safe: string; noHuge?: boolean }
const INT_MAX = 2147483647n, INT_MIN = -2147483648n, UINT_MAX = 4294967295n;
const LONG_MAX = 9223372036854775807n, LLONG_MAX = LONG_MAX, ULLONG_MAX = 18446744073709551615n, SSIZE_MAX = LONG_MAX;
const N = (name: string, kind: NumKind, min: bigint, max: bigint, safe: string, extra: Partial<NumDef> = {}): NumDef =>
  ({ name, kind, min, max, safe, ...extra });
const NUMS: NumDef[] = [
  N('databases', 'int', 1n, INT_MAX, '16', { noHuge: true }),
  N('port', 'int', 0n, 65535n, '6380'),
  N('io-threads', 'int', 1n, 128n, '1', { noHuge: true }),
  N('auto-aof-rewrite-percentage', 'int', 0n, INT_MAX, '100'),
  N('cluster-replica-validity-factor', 'int', 0n, INT_MAX, '10', { alias: 'cluster-slave-validity-factor' }),
  N('list-max-listpack-size', 'int', INT_MIN, INT_MAX, '-2', { alias: 'list-max-ziplist-size' }),
  N('tcp-keepalive', 'int', 0n, INT_MAX, '300'),
  N('cluster-migration-barrier', 'int', 0n, INT_MAX, '1'),
  N('active-defrag-cycle-min', 'int', 1n, 99n, '1'),
  N('active-defrag-cycle-max', 'int', 1n, 99n, '25'),
  N('active-defrag-threshold-lower', 'int', 0n, 1000n, '10'),
  N('active-defrag-threshold-upper', 'int', 0n, 1000n, '100'),
  N('lfu-log-factor', 'int', 0n, INT_MAX, '10'),
  N('lfu-decay-time', 'int', 0n, INT_MAX, '1'),
  N('replica-priority', 'int', 0n, INT_MAX, '100', { alias: 'slave-priority' }),
  N('repl-diskless-sync-delay', 'int', 0n, INT_MAX, '5'),
  N('maxmemory-samples', 'int', 1n, INT_MAX, '5'),
  N('maxmemory-eviction-tenacity', 'int', 0n, 100n, '10'),
  N('timeout', 'int', 0n, INT_MAX, '0'),
  N('replica-announce-port', 'int', 0n, 65535n, '0', { alias: 'slave-announce-port' }),
  N('tcp-backlog', 'int', 0n, INT_MAX, '511'),
  N('cluster-port', 'int', 0n, 65535n, '0'),
  N('cluster-announce-bus-port', 'int', 0n, 65535n, '0'),
  N('cluster-announce-port', 'int', 0n, 65535n, '0'),
  N('cluster-announce-tls-port', 'int', 0n, 65535n, '0'),
  N('repl-timeout', 'int', 1n, INT_MAX, '60'),
  N('repl-ping-replica-period', 'int', 1n, INT_MAX, '10', { alias: 'repl-ping-slave-period' }),
  N('list-compress-depth', 'int', 0n, INT_MAX, '0'),
  N('rdb-key-save-delay', 'int', INT_MIN, INT_MAX, '0'),
  N('key-load-delay', 'int', INT_MIN, INT_MAX, '0'),
  N('active-expire-effort', 'int', 1n, 10n, '1'),
  N('hz', 'int', 0n, INT_MAX, '10'),
  N('min-replicas-to-write', 'int', 0n, INT_MAX, '0', { alias: 'min-slaves-to-write' }),
  N('min-replicas-max-lag', 'int', 0n, INT_MAX, '10', { alias: 'min-slaves-max-lag' }),
  N('watchdog-period', 'int', 0n, INT_MAX, '0'),
  N('shutdown-timeout', 'int', 0n, INT_MAX, '10'),
  N('repl-diskless-sync-max-replicas', 'int', 0n, INT_MAX, '0'),
  N('maxclients', 'uint', 1n, UINT_MAX, '10000', { noHuge: true }),
  N('unixsocketperm', 'uint', 0n, 0o777n, '700', { octal: true }),
  N('socket-mark-id', 'uint', 0n, UINT_MAX, '0'),
  N('active-defrag-max-scan-fields', 'ulong', 1n, LONG_MAX, '1000'),
  N('slowlog-max-len', 'ulong', 0n, LONG_MAX, '128'),
  N('acllog-max-len', 'ulong', 0n, LONG_MAX, '128'),
  N('busy-reply-threshold', 'longlong', 0n, LONG_MAX, '5000', { alias: 'lua-time-limit' }),
  N('cluster-node-timeout', 'longlong', 0n, LLONG_MAX, '15000'),
  N('slowlog-log-slower-than', 'longlong', -1n, LLONG_MAX, '10000'),
  N('latency-monitor-threshold', 'longlong', 0n, LLONG_MAX, '0'),
  N('proto-max-bulk-len', 'longlong', 1024n * 1024n, LONG_MAX, '512mb', { mem: true }),
  N('stream-node-max-entries', 'longlong', 0n, LLONG_MAX, '100'),
  N('repl-backlog-size', 'longlong', 1n, LLONG_MAX, '1mb', { mem: true }),
  N('maxmemory', 'ulonglong', 0n, ULLONG_MAX, '0', { mem: true }),
  N('cluster-link-sendbuf-limit', 'ulonglong', 0n, ULLONG_MAX, '0', { mem: true }),
  N('hash-max-listpack-entries', 'size_t', 0n, LONG_MAX, '512', { alias: 'hash-max-ziplist-entries' }),
  N('set-max-intset-entries', 'size_t', 0n, LONG_MAX, '512'),
  N('zset-max-listpack-entries', 'size_t', 0n, LONG_MAX, '128', { alias: 'zset-max-ziplist-entries' }),
  N('active-defrag-ignore-bytes', 'size_t', 1n, LLONG_MAX, '100mb', { mem: true }),
  N('hash-max-listpack-value', 'size_t', 0n, LONG_MAX, '64', { mem: true, alias: 'hash-max-ziplist-value' }),
  N('stream-node-max-bytes', 'size_t', 0n, LONG_MAX, '4096', { mem: true }),
  N('zset-max-listpack-value', 'size_t', 0n, LONG_MAX, '64', { mem: true, alias: 'zset-max-ziplist-value' }),
  N('hll-sparse-max-bytes', 'size_t', 0n, LONG_MAX, '3000', { mem: true }),
  N('tracking-table-max-keys', 'size_t', 0n, LONG_MAX, '1000000'),
  N('client-query-buffer-limit', 'size_t', 1024n * 1024n, LONG_MAX, '1gb', { mem: true }),
  N('maxmemory-clients', 'ssize_t', -100n, SSIZE_MAX, '0', { mem: true, pct: true }),
  N('repl-backlog-ttl', 'time_t', 0n, LONG_MAX, '3600'),
  N('auto-aof-rewrite-min-size', 'off_t', 0n, LLONG_MAX, '64mb', { mem: true }),
  N('loading-process-events-interval-bytes', 'off_t', 1024n, INT_MAX, '2097152'),
  N('tls-session-cache-size', 'int', 0n, INT_MAX, '20480'),
  N('tls-session-cache-timeout', 'int', 0n, INT_MAX, '300'),
];
// tls-port is handled separately (any non-zero value turns TLS on)

/** String directives with a value that is harmless inside {{DIR}}. */
const STRINGS: Array<{ name: string; alias?: string; safe: string; bad?: string[]; emptyOk?: boolean }> = [
  { name: 'aclfile', safe: '""' },
  { name: 'unixsocket', safe: '{{DIR}}/redis.sock' },
  { name: 'pidfile', safe: '{{DIR}}/other.pid' },
  { name: 'replica-announce-ip', alias: 'slave-announce-ip', safe: '127.0.0.1' },
  { name: 'masteruser', safe: 'repl' },
  { name: 'cluster-announce-ip', safe: '127.0.0.1' },
  { name: 'cluster-config-file', safe: 'nodes-6380.conf' },
  { name: 'cluster-announce-hostname', safe: 'node1.example', bad: ['bad_host!', '"a b"'] },
  { name: 'syslog-ident', safe: 'redis' },
  { name: 'dbfilename', safe: 'dump.rdb', bad: ['dir/dump.rdb', '../dump.rdb', '""'] },
  { name: 'appendfilename', safe: '"appendonly.aof"', bad: ['dir/x.aof', '""'] },
  { name: 'appenddirname', safe: 'appendonlydir', bad: ['a/b', '""'] },
  { name: 'server_cpulist', safe: '0' },
  { name: 'bio_cpulist', safe: '0' },
  { name: 'aof_rewrite_cpulist', safe: '0' },
  { name: 'bgsave_cpulist', safe: '0' },
  { name: 'ignore-warnings', safe: 'ARM64-COW-BUG' },
  { name: 'proc-title-template', safe: '"{title} {listen-addr} {server-mode}"', bad: ['"{title} {nosuch}"', '"{title"', '"{listen-addr}"'] },
  { name: 'bind-source-addr', safe: '127.0.0.1' },
  { name: 'masterauth', safe: 'secret' },
  { name: 'requirepass', safe: 'foobared' },
  { name: 'tls-key-file-pass', safe: 'x' },
  { name: 'tls-client-key-file-pass', safe: 'x' },
  { name: 'tls-protocols', safe: '"TLSv1.2 TLSv1.3"' },
  { name: 'tls-ciphers', safe: 'DEFAULT:!MEDIUM' },
  { name: 'tls-ciphersuites', safe: 'TLS_CHACHA20_POLY1305_SHA256' },
  { name: 'tls-cert-file', safe: '{{DIR}}/none.crt' },
  { name: 'tls-key-file', safe: '{{DIR}}/none.key' },
  { name: 'tls-client-cert-file', safe: '{{DIR}}/none.crt' },
  { name: 'tls-client-key-file', safe: '{{DIR}}/none.key' },
  { name: 'tls-dh-params-file', safe: '{{DIR}}/none.dh' },
  { name: 'tls-ca-cert-file', safe: '{{DIR}}/none.crt' },
  { name: 'tls-ca-cert-dir', safe: '{{DIR}}' },
];

const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBjTCCATOgAwIBAgIUTW2Clrm/j9Kk69p2euqoNaa9mYMwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQcmVkaXMtZ3VhcmQtdGVzdDAgFw0yNjExMjUyMDM3NDdaGA8y
MTI2MTEwMTIwMzc0N1owGzEZMBcGA1UEAwwQcmVkaXMtZ3VhcmQtdGVzdDBZMBMG
ByqGSM49AgEGCCqGSM49AwEHA0IABDwAkCyBnqETezaSVEaIYtPvl+rmhmVTiGup
X2qsRJMLoqUWN/lY4lSpE98DHNIuZDqgLtmBuY0ErsZgYcCMQ66jUzBRMB0GA1Ud
DgQWBBQCGJ5S8A3SdO5rbTSAjvsSNlVaYTAfBgNVHSMEGDAWgBQCGJ5S8A3SdO5r
bTSAjvsSNlVaYTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIEOa
OVaq2es+sPG1+qS7p/iVW5k/l7gswXvOm/8yQ/IrAiEA5gaOnCcInkmHrrDpLvtJ
pc2wDk1Krka4vKA0iKbapko=
-----END CERTIFICATE-----
`;
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgDtt4bGrdQ77YHV6j
iOpXf09Sn6yD0WBiEIpwBA2yCm+hRANCAAQ8AJAsgZ6hE3s2klRGiGLT75fq5oZl
U4hrqV9qrESTC6KlFjf5WOJUqRPfAxzSLmQ6oC7ZgbmNBK7GYGHAjEOu
-----END PRIVATE KEY-----
`;

// ---------------------------------------------------------------------------
// helpers

/** Valid single lines that are independent of each other (safe to combine in any order / count). */
export function validLinePool(): string[] {
  const out: string[] = [];
  for (const [b] of BOOLS) {
    if (b.startsWith('tls-')) continue;
    out.push(`${b} no`);
    if (!BOOL_YES_SPECIAL.has(b)) out.push(`${b} yes`);
  }
  for (const e of ENUMS) {
    if (e.name === 'supervised' || e.name === 'tls-auth-clients') continue;
    for (const v of e.values) out.push(`${e.name} ${v}`);
  }
  for (const n of NUMS) out.push(`${n.name} ${n.safe}`);
  for (const s of STRINGS) {
    if (s.name.startsWith('tls-') || s.name === 'aclfile' || s.name === 'pidfile') continue;
    out.push(`${s.name} ${s.safe}`);
  }
  out.push('save 900 1', 'save 300 10 60 10000', 'save ""', 'bind 127.0.0.1', 'bind 127.0.0.1 -::1',
    'client-output-buffer-limit normal 0 0 0', 'client-output-buffer-limit replica 256mb 64mb 60',
    'client-output-buffer-limit pubsub 32mb 8mb 60', 'oom-score-adj-values 0 200 800',
    'notify-keyspace-events ""', 'notify-keyspace-events KEA', 'latency-tracking-info-percentiles 50 99 99.9',
    'dir {{DIR}}', 'list-max-ziplist-entries 512', 'list-max-ziplist-value 64', 'lua-replicate-commands yes',
    'maxmemory 2gb', 'maxmemory 100mb', 'hz 100', 'maxmemory-clients 10%', 'unixsocketperm 0770',
    'slaveof no one', 'replicaof no one', 'tls-port 0');
  // bind lines would make the harness stop adding its own loopback bind: only keep the loopback ones
  return out;
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9._\/-]+/g, '_').replace(/_+/g, '_').slice(0, 120);
}

class Builder {
  readonly cases: CorpusCase[] = [];
  private names = new Set<string>();
  add(name: string, text: string, extra: Omit<CorpusCase, 'name' | 'text'> = {}): void {
    let n = sanitize(name);
    if (this.names.has(n)) { let i = 2; while (this.names.has(`${n}~${i}`)) i++; n = `${n}~${i}`; }
    this.names.add(n);
    this.cases.push({ name: n, text, ...extra });
  }
}

/** Wraps a line between a few valid lines so the refused line number is not always 1. */
function embed(rng: Rng, pool: string[], line: string): string {
  const before = rng.int(4), after = rng.int(3);
  const pre: string[] = [], post: string[] = [];
  for (let i = 0; i < before; i++) pre.push(rng.chance(0.3) ? rng.pick(['# comment', '', '   ', '\t# indented comment']) : rng.pick(pool));
  for (let i = 0; i < after; i++) post.push(rng.pick(pool));
  return [...pre, line, ...post].join('\n') + '\n';
}

// ---------------------------------------------------------------------------
// generators

function numericValues(n: NumDef): Array<[string, string]> {
  const v: Array<[string, string]> = [];
  const add = (label: string, val: string) => v.push([label, val]);
  add('min', String(n.min));
  if (!n.noHuge) add('max', String(n.max));
  add('below-min', String(n.min - 1n));
  add('above-max', String(n.max + 1n));
  add('zero', '0');
  add('minus-zero', '-0');
  add('minus-one', '-1');
  add('plus-one', '+1');
  add('leading-zero', '010');
  add('hex', '0x10');
  add('empty', '""');
  add('decimal', '1.5');
  add('exp', '1e3');
  add('overflow', '99999999999999999999');
  add('neg-overflow', '-99999999999999999999');
  add('word', 'abc');
  add('trailing-space-quoted', '"10 "');
  if (n.mem) {
    for (const u of ['b', 'k', 'kb', 'm', 'mb', 'g', 'gb', 'K', 'KB', 'Mb', 'mB', 'GB', 'B']) add(`unit-${u}`, `${u.toLowerCase().startsWith('g') ? 1 : 2}${u}`);
    add('unit-t', '1t'); add('unit-tb', '1tb'); add('unit-kib', '1kib'); add('unit-space', '"1 mb"');
    add('decimal-unit', '1.5gb'); add('neg-unit', '-1mb'); add('plus-unit', '+1mb'); add('unit-only', 'mb');
    add('leading-zero-unit', '010mb'); add('hex-unit', '0x10mb'); add('overflow-unit', '99999999999999999999gb');
    add('gb-overflow', '17179869184gb');
  } else {
    add('unit-on-plain', '1k');
    add('unit-mb-on-plain', '1mb');
  }
  if (n.pct) { add('pct-10', '10%'); add('pct-100', '100%'); add('pct-101', '101%'); add('pct-0', '0%'); add('pct-neg', '-10%'); add('pct-decimal', '1.5%'); add('pct-only', '%'); add('pct-mb', '10mb%'); }
  if (n.octal) { add('octal-0777', '0777'); add('octal-777', '777'); add('octal-0', '0'); add('octal-8', '8'); add('octal-999', '999'); add('octal-1000', '1000'); add('octal-0o7', '0o7'); add('octal-neg', '-1'); }
  return v;
}

function genDirectiveTypes(b: Builder, rng: Rng, pool: string[]): void {
  // bool
  for (const [name, alias] of BOOLS) {
    const vals: Array<[string, string]> = [['yes', 'yes'], ['no', 'no'], ['upper', 'YES'], ['mixed', 'No'],
      ['one', '1'], ['true', 'true'], ['empty', '""'], ['on', 'on']];
    for (const [label, val] of vals) {
      if (val.toLowerCase() === 'yes' && (name === 'daemonize' || name === 'syslog-enabled')) continue;
      const text = name === 'cluster-enabled' || name.startsWith('tls-') ? `${name} ${val}\n` : embed(rng, pool, `${name} ${val}`);
      b.add(`bool/${name}/${label}`, text);
    }
    b.add(`bool/${name}/no-arg`, `${name}\n`);
    b.add(`bool/${name}/two-args`, `${name} yes no\n`);
    if (alias) b.add(`alias/${alias}/no`, `${alias} no\n`);
  }
  // enum
  for (const e of ENUMS) {
    for (const v of e.values) b.add(`enum/${e.name}/${v}`, embed(rng, pool, `${e.name} ${v}`));
    b.add(`enum/${e.name}/upper`, `${e.name} ${e.values[0].toUpperCase()}\n`);
    b.add(`enum/${e.name}/bad`, embed(rng, pool, `${e.name} bogus`));
    b.add(`enum/${e.name}/empty`, `${e.name} ""\n`);
    b.add(`enum/${e.name}/no-arg`, `${e.name}\n`);
    if (e.multi) {
      b.add(`enum/${e.name}/multi-save-now`, `${e.name} save now\n`);
      b.add(`enum/${e.name}/multi-quoted`, `${e.name} "nosave force"\n`);
      b.add(`enum/${e.name}/multi-conflict`, `${e.name} save nosave\n`);
      b.add(`enum/${e.name}/multi-default-now`, `${e.name} default now\n`);
      b.add(`enum/${e.name}/multi-bad`, `${e.name} now bogus\n`);
      b.add(`enum/${e.name}/multi-dup`, `${e.name} now now force\n`);
    } else {
      b.add(`enum/${e.name}/two-values`, `${e.name} ${e.values[0]} ${e.values[1]}\n`);
    }
  }
  // numeric
  for (const n of NUMS) {
    for (const [label, val] of numericValues(n)) {
      const line = `${n.name} ${val}`;
      // cluster/tls-affecting ports: keep alone
      b.add(`int/${n.name}/${label}`, rng.chance(0.5) ? embed(rng, pool, line) : `${line}\n`);
    }
    b.add(`int/${n.name}/no-arg`, `${n.name}\n`);
    b.add(`int/${n.name}/two-args`, `${n.name} 1 2\n`);
    if (n.alias) { b.add(`alias/${n.alias}/safe`, `${n.alias} ${n.safe}\n`); b.add(`alias/${n.alias}/bad`, `${n.alias} abc\n`); }
  }
  // string
  for (const s of STRINGS) {
    b.add(`string/${s.name}/safe`, `${s.name} ${s.safe}\n`);
    b.add(`string/${s.name}/empty`, `${s.name} ""\n`);
    b.add(`string/${s.name}/no-arg`, `${s.name}\n`);
    b.add(`string/${s.name}/two-args`, `${s.name} a b\n`);
    for (const bad of s.bad ?? []) b.add(`string/${s.name}/bad-${bad}`, `${s.name} ${bad}\n`);
    if (s.alias) b.add(`alias/${s.alias}/safe`, `${s.alias} ${s.safe}\n`);
  }
  b.add('string/requirepass/special-chars', 'requirepass "Xy9#mK2$pL8@vN4^qR7&wT1!zB6*hF3"\n');
  b.add('string/requirepass/hash-unquoted', 'requirepass Xy9#mK2$pL8\n');
  b.add('string/masterauth/quoted-space', 'masterauth "a b c"\n');
  b.add('string/aclfile/missing-file', 'aclfile {{DIR}}/users.acl\n');
  b.add('string/aclfile/existing', 'aclfile {{DIR}}/users.acl\n', { files: { 'users.acl': 'user default on nopass ~* &* +@all\nuser alice on >pw ~* +@read\n' } });
  b.add('string/aclfile/bad-rule', 'aclfile {{DIR}}/users.acl\n', { files: { 'users.acl': 'user alice on badrule\n' } });
  b.add('string/aclfile/with-user-line', 'aclfile {{DIR}}/users.acl\nuser bob on nopass ~* +@all\n', { files: { 'users.acl': 'user alice on >pw ~* +@read\n' } });
  b.add('string/unixsocket/with-perm', 'unixsocket {{DIR}}/redis.sock\nunixsocketperm 700\n');
  b.add('string/unixsocket/missing-dir', 'unixsocket {{DIR}}/nosuch/redis.sock\n');
  b.add('string/cluster-config-file/with-cluster', 'cluster-enabled yes\ncluster-config-file nodes-x.conf\n');
  b.add('string/server_cpulist/bad', 'server_cpulist abc\n');
  b.add('string/server_cpulist/range', 'server_cpulist 0-1\n');
  b.add('string/bind-source-addr/bad', 'bind-source-addr not-an-ip\n');
}

function genSave(b: Builder, rng: Rng, pool: string[]): void {
  const forms: Array<[string, string]> = [
    ['pair', 'save 900 1'], ['three-pairs', 'save 900 1 300 10 60 10000'], ['empty', 'save ""'],
    ['empty-single-quotes', "save ''"], ['odd', 'save 900'], ['odd-3', 'save 900 1 300'],
    ['non-numeric', 'save abc 1'], ['non-numeric-changes', 'save 900 x'], ['zero-seconds', 'save 0 1'],
    ['zero-changes', 'save 900 0'], ['negative-changes', 'save 900 -1'], ['negative-seconds', 'save -1 1'],
    ['plus', 'save +900 1'], ['leading-zero', 'save 0900 01'], ['hex', 'save 0x10 1'], ['decimal', 'save 1.5 1'],
    ['quoted-pair', 'save "900 1"'], ['quoted-odd', 'save "900"'], ['quoted-bad', 'save "900 x"'],
    ['no-arg', 'save'], ['inline-comment', 'save 900 1 # x'],
    ['inline-comment-seed-1', 'save 900 1      # Save if 1 key changed in 15 minutes'],
    ['inline-comment-seed-2', 'save 300 10     # Save if 10 keys changed in 5 minutes'],
    ['inline-comment-seed-3', 'save 60 10000   # Save if 10000 keys changed in 1 minute'],
    ['inline-comment-even', 'save 900 1 # a'.replace('# a', '# a b')],
    ['hash-glued', 'save 900 1#x'], ['empty-then-pair', 'save "" 900 1'], ['overflow', 'save 99999999999999999999 1'],
    ['overflow-changes', 'save 900 99999999999999999999'], ['int-overflow-changes', 'save 900 4294967296'],
    ['uppercase', 'SAVE 900 1'], ['space-only-quoted', 'save " "'], ['tabs', 'save\t900\t1'],
  ];
  for (const [label, line] of forms) {
    b.add(`save/${label}`, `${line}\n`);
    b.add(`save/${label}/embedded`, embed(rng, pool, line));
  }
  b.add('save/multiple-lines', 'save 900 1\nsave 300 10\nsave 60 10000\n');
  b.add('save/reset-then-lines', 'save ""\nsave 900 1\n');
}

function genInlineComments(b: Builder, rng: Rng, pool: string[]): void {
  const lines = [
    'maxmemory 2gb # x', 'maxmemory 2gb #x', 'maxmemory 2gb#x', 'bind 127.0.0.1 # local', 'bind 127.0.0.1 #',
    'port 6380 # x', 'port 6380 #', 'appendonly yes # CRITICAL', 'maxmemory-policy allkeys-lru # evict',
    'requirepass secret # the password', 'loglevel notice # default', 'dbfilename dump.rdb # file',
    'rename-command CONFIG "CONFIG_xyz123"  # Rename instead of disable for admin access',
    'timeout 0 # never', 'tcp-keepalive 300 #', 'databases 16 # dbs', 'hz 10 ## double',
    'notify-keyspace-events "" # none', 'client-output-buffer-limit normal 0 0 0 # x',
    'oom-score-adj-values 0 200 800 # x', 'user bob on nopass ~* +@all # comment', 'include {{DIR}}/inc.conf # x',
    'loglevel notice #', 'requirepass "#not-a-comment"', 'requirepass #', 'maxmemory "2gb" # x',
    '  # indented comment', '\t# tab comment', '#comment', '#', '# maxmemory 2gb',
  ];
  for (const [i, line] of lines.entries()) {
    const files = line.includes('inc.conf') ? { 'inc.conf': 'maxmemory 1mb\n' } : undefined;
    b.add(`inline-comment/${i}-${line.slice(0, 30)}`, `${line}\n`, files ? { files } : {});
    b.add(`inline-comment/${i}-embedded`, embed(rng, pool, line), files ? { files } : {});
  }
}

function genQuoting(b: Builder): void {
  const lines: Array<[string, string]> = [
    ['dq-hex', 'requirepass "\\x41\\x42"'], ['dq-hex-bad', 'requirepass "\\xZZ"'], ['dq-hex-short', 'requirepass "\\x4"'],
    ['dq-newline', 'requirepass "a\\nb"'], ['dq-tab', 'requirepass "a\\tb"'], ['dq-quote', 'requirepass "a\\"b"'],
    ['dq-backslash', 'requirepass "a\\\\b"'], ['dq-other-escape', 'requirepass "a\\qb"'], ['dq-cr-escape', 'requirepass "a\\rb"'],
    ['dq-bell', 'requirepass "a\\ab"'], ['dq-backspace', 'requirepass "a\\bb"'],
    ['sq-escaped-quote', "requirepass 'a\\'b'"], ['sq-backslash', "requirepass 'a\\b'"], ['sq-plain', "requirepass 'abc'"],
    ['unbalanced-dq', 'requirepass "abc'], ['unbalanced-sq', "requirepass 'abc"], ['closing-then-char', 'requirepass "a"b'],
    ['sq-closing-then-char', "requirepass 'a'b"], ['inner-quotes', 'requirepass a"b"'], ['inner-sq', "requirepass a'b'"],
    ['empty-dq', 'requirepass ""'], ['empty-sq', "requirepass ''"], ['dq-then-space-arg', 'requirepass "a" b'],
    ['dq-directive', '"maxmemory" 1mb'], ['dq-directive-space', '"max memory" 1mb'], ['sq-directive', "'port' 6380"],
    ['dq-whole-line', '"maxmemory 1mb"'], ['dq-ending-backslash', 'requirepass "abc\\"'],
    ['dq-value-number', 'maxmemory "1mb"'], ['sq-value-number', "maxmemory '1mb'"], ['dq-empty-memory', 'maxmemory ""'],
    ['dq-bool', 'appendonly "yes"'], ['dq-hex-nul', 'requirepass "a\\x00b"'], ['adjacent-dq', 'requirepass "a""b"'],
    ['dq-then-tab', 'requirepass "a"\tb'], ['dq-enum-space', 'loglevel " notice"'], ['dq-multiarg', 'bind "127.0.0.1 -::1"'],
    ['dq-save-two', 'save "900 1" "300 10"'], ['dq-hash', 'requirepass "#"'], ['lone-dq', '"'], ['lone-sq', "'"],
    ['dq-unicode', 'requirepass "pässwörd"'], ['raw-utf8', 'requirepass pässwörd'], ['dq-hex-upper', 'requirepass "\\x4A"'],
  ];
  for (const [label, line] of lines) b.add(`quoting/${label}`, `${line}\n`);
}

function genBytes(b: Builder, rng: Rng, pool: string[]): void {
  const base = ['port 6380', 'maxmemory 1gb', 'appendonly no', 'loglevel notice'];
  b.add('bytes/crlf', base.join('\r\n') + '\r\n');
  b.add('bytes/crlf-bad-line-3', ['port 6380', 'maxmemory 1gb', 'bogus 1', 'loglevel notice'].join('\r\n') + '\r\n');
  b.add('bytes/crlf-inline-comment', 'maxmemory 2gb # x\r\n');
  b.add('bytes/crlf-save-comment', 'save 900 1 # x\r\n');
  b.add('bytes/crlf-quoted', 'requirepass "abc"\r\n');
  b.add('bytes/crlf-empty-quoted', 'save ""\r\n');
  b.add('bytes/mixed-eol', 'port 6380\r\nmaxmemory 1gb\nappendonly no\r\n');
  b.add('bytes/lone-cr-between', 'maxmemory 1mb\rport 6380\n');
  b.add('bytes/lone-cr-eol-only', 'port 6380\rmaxmemory 1gb\r');
  b.add('bytes/lone-cr-end', 'maxmemory 1mb\r');
  b.add('bytes/lone-cr-then-comment', 'maxmemory 1mb\r# comment\n');
  b.add('bytes/lone-cr-in-value', 'requirepass a\rb\n');
  b.add('bytes/lone-cr-in-quotes', 'requirepass "a\rb"\n');
  b.add('bytes/lone-cr-line', '\r\nport 6380\n');
  b.add('bytes/cr-before-comment-mark', '\r# comment\n');
  b.add('bytes/bom-directive', '\uFEFFport 6380\n');
  b.add('bytes/bom-comment', '\uFEFF# Redis config\nport 6380\n');
  b.add('bytes/bom-blank', '\uFEFF\nport 6380\n');
  b.add('bytes/bom-second-line', 'port 6380\n\uFEFFmaxmemory 1gb\n');
  b.add('bytes/bom-crlf', '\uFEFF# c\r\nport 6380\r\n');
  b.add('bytes/nul-mid-line', 'port 6380\nmaxmemory 1mb\0junk\nloglevel notice\n');
  b.add('bytes/nul-then-bad', 'port 6380\0x\nmaxmemory 1mb\n');
  b.add('bytes/nul-then-later-error', 'port 6380\nrequirepass a\0b\nloglevel notice\nbogus-directive\n');
  b.add('bytes/nul-at-start', '\0\nport 6380\n');
  b.add('bytes/nul-in-comment', '# comment\0 more\nport 6380\n');
  b.add('bytes/nul-in-comment-then-bad', '# comment\0 more\nbogus 1\nport 6380\n');
  b.add('bytes/nul-end-no-newline', 'port 6380\nloglevel notice\0');
  b.add('bytes/nul-alone-line', 'port 6380\n\0\nbogus-directive\n');
  b.add('bytes/nul-after-value-newline', 'maxmemory 1mb\0\n');
  b.add('bytes/nul-after-value-comment-next', 'maxmemory 1mb\0\n# hi\nport 6380\n');
  b.add('bytes/tabs', '\tport\t6380\t\nmaxmemory\t\t1gb\n');
  b.add('bytes/leading-trailing-blanks', '   port 6380   \n  maxmemory 1gb\t \n');
  b.add('bytes/vertical-tab', 'port\v6380\n');
  b.add('bytes/form-feed', 'port\f6380\n');
  b.add('bytes/vt-leading', '\vport 6380\n');
  b.add('bytes/ff-leading-comment', '\f# c\n');
  b.add('bytes/no-final-newline', 'port 6380\nmaxmemory 1gb');
  b.add('bytes/no-final-newline-bad', 'port 6380\nbogus');
  b.add('bytes/empty-file', '');
  b.add('bytes/only-newlines', '\n\n\n');
  b.add('bytes/only-blanks', '   \n\t\n \r\n');
  b.add('bytes/nbsp', 'port\u00a06380\n');
  b.add('bytes/latin1-directive', 'pört 6380\n');
  b.add('bytes/long-line-1100', `requirepass ${'a'.repeat(1100)}\n`);
  b.add('bytes/long-line-bad-2100', `${'x'.repeat(2100)} 1\n`);
  b.add('bytes/long-line-nul-after-1024', `requirepass ${'a'.repeat(1020)}bbbb\0cc\nbogus\n`);
  b.add('bytes/long-comment-5000', `# ${'c'.repeat(5000)}\nport 6380\n`);
  b.add('bytes/many-lines', Array.from({ length: 400 }, () => rng.pick(pool)).join('\n') + '\nbogus-at-401\n');
}

function genCase(b: Builder, rng: Rng, pool: string[]): void {
  const lines: Array<[string, string]> = [
    ['upper-directive', 'MAXMEMORY 1gb'], ['mixed-directive', 'MaxMemory 1gb'], ['upper-value-unit', 'maxmemory 1GB'],
    ['upper-bool', 'appendonly YES'], ['upper-enum', 'maxmemory-policy ALLKEYS-LRU'], ['upper-save', 'SAVE ""'],
    ['upper-include', 'INCLUDE {{DIR}}/inc.conf'], ['upper-rename', 'RENAME-COMMAND flushdb ""'], ['upper-user', 'USER bob on nopass ~* +@all'],
    ['upper-bind', 'BIND 127.0.0.1'], ['upper-sentinel', 'SENTINEL monitor m 127.0.0.1 9 2'], ['upper-slaveof', 'SLAVEOF no one'],
    ['upper-deprecated', 'LIST-MAX-ZIPLIST-ENTRIES 512'], ['upper-loadmodule', 'LOADMODULE {{DIR}}/none.so'],
    ['upper-module-config', 'MyMod.Setting 1'], ['upper-unknown', 'BOGUS 1'], ['upper-notify', 'notify-keyspace-events kea'],
    ['upper-rename-target', 'rename-command flushdb FLUSHDB2'], ['upper-oom-enum', 'oom-score-adj ABSOLUTE'],
    ['upper-replicaof-no-one', 'replicaof NO ONE'], ['upper-cobl-class', 'client-output-buffer-limit NORMAL 0 0 0'],
    ['upper-unixsocketperm', 'unixsocketperm 0X10'], ['upper-shutdown', 'shutdown-on-sigint SAVE NOW'],
  ];
  for (const [label, line] of lines) {
    const files = line.includes('inc.conf') ? { 'inc.conf': 'maxmemory 1mb\n' } : undefined;
    b.add(`case/${label}`, embed(rng, pool, line), files ? { files } : {});
  }
}

function genNames(b: Builder, rng: Rng, pool: string[]): void {
  const unknown: Array<[string, string]> = [
    ['unknown', 'foobar 1'], ['unknown-no-arg', 'foobar'], ['typo', 'maxmemmory 1gb'], ['underscore', 'max_memory 1gb'],
    // newer versions
    ['7.2/locale-collate', 'locale-collate C'], ['7.2/set-max-listpack-entries', 'set-max-listpack-entries 128'],
    ['7.2/set-max-listpack-value', 'set-max-listpack-value 64'], ['7.2/enable-debug-assert', 'enable-debug-assert no'],
    ['7.2/cluster-announce-human-nodename', 'cluster-announce-human-nodename n1'],
    ['7.4/hide-user-data-from-log', 'hide-user-data-from-log yes'], ['7.4/max-new-connections-per-cycle', 'max-new-connections-per-cycle 10'],
    ['7.4/max-new-tls-connections-per-cycle', 'max-new-tls-connections-per-cycle 1'],
    ['valkey/availability-zone', 'availability-zone az1'], ['valkey/dual-channel-replication-enabled', 'dual-channel-replication-enabled yes'],
    ['valkey/extended-redis-compatibility', 'extended-redis-compatibility yes'],
    // removed
    ['removed/gopher-enabled', 'gopher-enabled yes'], ['removed/vm-enabled', 'vm-enabled no'], ['removed/glueoutputbuf', 'glueoutputbuf yes'],
    ['removed/hash-max-zipmap-entries', 'hash-max-zipmap-entries 512'], ['removed/slave-max-lag', 'repl-backlog-ttl-x 1'],
    // deprecated but read and ignored
    ['deprecated/list-max-ziplist-entries-1', 'list-max-ziplist-entries 512'], ['deprecated/list-max-ziplist-entries-2', 'list-max-ziplist-entries 512 1'],
    ['deprecated/list-max-ziplist-entries-0', 'list-max-ziplist-entries'], ['deprecated/list-max-ziplist-value-1', 'list-max-ziplist-value 64'],
    ['deprecated/list-max-ziplist-value-bad', 'list-max-ziplist-value abc'], ['deprecated/lua-replicate-commands', 'lua-replicate-commands yes'],
    ['deprecated/lua-replicate-commands-2', 'lua-replicate-commands yes no'],
    // aliases
    ['alias/slaveof-no-one', 'slaveof no one'], ['alias/slaveof-host', 'slaveof 127.0.0.1 9'], ['alias/hash-max-ziplist-entries', 'hash-max-ziplist-entries 512'],
    ['alias/hash-max-ziplist-value', 'hash-max-ziplist-value 64'], ['alias/zset-max-ziplist-entries', 'zset-max-ziplist-entries 128'],
    ['alias/list-max-ziplist-size', 'list-max-ziplist-size -2'], ['alias/lua-time-limit', 'lua-time-limit 5000'],
    ['alias/lua-time-limit-bad', 'lua-time-limit -5'],
    // module-style names
    ['module/dotted', 'mymodule.setting 1'], ['module/dotted-no-value', 'mymodule.setting'], ['module/dotted-many', 'mod.opt a b c'],
    ['module/leading-dot', '.x 1'], ['module/loadmodule-missing', 'loadmodule {{DIR}}/none.so'], ['module/loadmodule-args', 'loadmodule {{DIR}}/none.so a b'],
    ['module/loadmodule-not-so', 'loadmodule {{DIR}}/redis.conf'], ['module/loadmodule-no-arg', 'loadmodule'],
    // sentinel
    ['sentinel/monitor', 'sentinel monitor mymaster 127.0.0.1 9 2'], ['sentinel/alone', 'sentinel'],
    ['sentinel/down-after', 'sentinel down-after-milliseconds mymaster 30000'], ['sentinel/bogus', 'sentinel bogus'],
    ['sentinel/upper-alone', 'SENTINEL'],
    // misc special directives' argument counts
    ['include/no-arg', 'include'], ['include/two-args', 'include a b'], ['rename/one-arg', 'rename-command flushdb'],
    ['rename/three-args', 'rename-command flushdb a b'], ['user/no-arg', 'user'], ['dir/no-arg', 'dir'], ['dir/two-args', 'dir a b'],
    ['bind/no-arg', 'bind'], ['replicaof/no-arg', 'replicaof'], ['replicaof/one-arg', 'replicaof 127.0.0.1'],
    ['replicaof/three-args', 'replicaof 127.0.0.1 9 x'], ['notify/no-arg', 'notify-keyspace-events'], ['notify/two-args', 'notify-keyspace-events K E'],
    ['cobl/no-arg', 'client-output-buffer-limit'], ['oom-values/no-arg', 'oom-score-adj-values'],
    ['latency-pct/no-arg', 'latency-tracking-info-percentiles'], ['latency-pct/empty', 'latency-tracking-info-percentiles ""'],
    ['latency-pct/valid', 'latency-tracking-info-percentiles 50 99 99.9'], ['latency-pct/over-100', 'latency-tracking-info-percentiles 101'],
    ['latency-pct/negative', 'latency-tracking-info-percentiles -1'], ['latency-pct/word', 'latency-tracking-info-percentiles abc'],
    ['latency-pct/zero', 'latency-tracking-info-percentiles 0'], ['latency-pct/quoted', 'latency-tracking-info-percentiles "50 99"'],
  ];
  for (const [label, line] of unknown) b.add(`names/${label}`, rng.chance(0.5) ? embed(rng, pool, line) : `${line}\n`);
}

function genSpecials(b: Builder, rng: Rng, pool: string[]): void {
  // rename-command
  const ren: Array<[string, string]> = [
    ['valid', 'rename-command CONFIG CONFIG_xyz123'], ['to-empty', 'rename-command FLUSHDB ""'],
    ['twice-same', 'rename-command flushdb ""\nrename-command flushdb x'], ['twice-same-renamed', 'rename-command flushdb a\nrename-command flushdb b'],
    ['unknown-command', 'rename-command nosuchcmd x'], ['target-exists', 'rename-command flushdb get'],
    ['target-exists-upper', 'rename-command flushdb GET'], ['later-rename-new-name', 'rename-command flushdb x\nrename-command x y'],
    ['swap-back', 'rename-command flushdb x\nrename-command x flushdb'], ['to-itself', 'rename-command flushdb flushdb'],
    ['subcommand', 'rename-command "config get" x'], ['container', 'rename-command client x'],
    ['seed-block', 'rename-command FLUSHDB ""\nrename-command FLUSHALL ""\nrename-command KEYS ""\nrename-command CONFIG "CONFIG_xyz123"'],
    ['rename-to-renamed-target', 'rename-command flushdb x\nrename-command flushall x'], ['mixed-case', 'rename-command FlushDb ""'],
    ['module-command', 'rename-command json.get x'], ['empty-source', 'rename-command "" x'],
  ];
  for (const [label, text] of ren) b.add(`rename-command/${label}`, rng.chance(0.5) ? embed(rng, pool, text) : `${text}\n`);
  // user
  const users: Array<[string, string]> = [
    ['valid', 'user bob on >secret ~* +@all'], ['valid-hash', `user bob on #${'a'.repeat(64)} ~cache:* +get`],
    ['invalid-rule', 'user bob on badrule'], ['invalid-category', 'user bob on +@nosuchcat'], ['invalid-command', 'user bob on +nosuchcmd'],
    ['duplicate', 'user bob on nopass\nuser bob off'], ['duplicate-case', 'user bob on nopass\nuser BOB off'],
    ['default', 'user default on nopass ~* +@all'], ['default-off', 'user default off'], ['default-twice', 'user default on nopass ~* +@all\nuser default off'],
    ['name-only', 'user bob'], ['bad-hash', 'user bob on #abc'], ['selectors', 'user bob on nopass (~x:* +get) ~* +@read'],
    ['bad-selector', 'user bob on nopass (~x:* +get'], ['pubsub', 'user bob on nopass &chan:* resetchannels'],
    ['subcommand', 'user bob on nopass +config|get'], ['bad-subcommand', 'user bob on nopass +config|nosuch'],
    ['reset', 'user bob reset on nopass ~* +@all'], ['allkeys', 'user bob on nopass allkeys allcommands'],
    ['quoted-rule', 'user bob on ">a b" ~* +@all'], ['comment-trailing', 'user bob on nopass ~* +@all # admin'],
    ['percent-rw', 'user bob on nopass %R~x:* %W~y:* +@all'], ['bad-percent', 'user bob on nopass %X~x +@all'],
    ['minus-category', 'user bob on nopass -@dangerous +@all'], ['with-rename', 'rename-command get mget2\nuser bob on nopass +get'],
    ['with-rename-after', 'user bob on nopass +flushdb\nrename-command flushdb ""'],
  ];
  for (const [label, text] of users) b.add(`user/${label}`, rng.chance(0.5) ? embed(rng, pool, text) : `${text}\n`);
  // client-output-buffer-limit
  const cobl: Array<[string, string]> = [
    ['normal', 'normal 0 0 0'], ['replica', 'replica 256mb 64mb 60'], ['slave', 'slave 256mb 64mb 60'], ['pubsub', 'pubsub 32mb 8mb 60'],
    ['master', 'master 0 0 0'], ['unknown-class', 'bogus 0 0 0'], ['group-3', 'normal 0 0'], ['group-5', 'normal 0 0 0 0'],
    ['two-groups', 'normal 0 0 0 pubsub 32mb 8mb 60'], ['two-groups-bad-second', 'normal 0 0 0 master 1 1 1'],
    ['bad-memory', 'normal 1x 0 0'], ['bad-soft', 'normal 0 abc 0'], ['negative-seconds', 'normal 0 0 -1'], ['decimal-seconds', 'normal 0 0 1.5'],
    ['seconds-unit', 'normal 0 0 1mb'], ['upper-units', 'replica 256MB 64MB 60'], ['negative-hard', 'normal -1 0 0'],
    ['quoted-group', '"normal 0 0 0"'], ['class-upper', 'PUBSUB 32mb 8mb 60'], ['tb-unit', 'normal 1tb 0 0'],
    ['overflow', 'normal 99999999999999999999 0 0'], ['seconds-overflow', 'normal 0 0 99999999999999999999'],
  ];
  for (const [label, args] of cobl) b.add(`client-output-buffer-limit/${label}`, embed(rng, pool, `client-output-buffer-limit ${args}`));
  // oom-score-adj-values
  const oom: Array<[string, string]> = [
    ['valid', '0 200 800'], ['two', '0 200'], ['four', '0 200 800 1000'], ['decreasing', '800 200 0'], ['bounds', '-2000 0 2000'],
    ['below', '-2001 0 0'], ['above', '0 0 2001'], ['word', 'a b c'], ['quoted', '"0 200 800"'], ['decimal', '0 1.5 2'],
    ['plus', '+0 +200 +800'], ['hex', '0 0x10 800'], ['with-absolute', '0 200 800\noom-score-adj absolute'],
  ];
  for (const [label, args] of oom) b.add(`oom-score-adj-values/${label}`, `oom-score-adj-values ${args}\n`);
  // notify-keyspace-events
  for (const v of ['""', 'KEA', 'Kx', 'Ex', 'KEg$lshzxetdmn', 'KEAm', 'KEAt', 'KEAd', 'A', 'g', 'Kz', 'KEAq', 'K E', '"K E"', 'kea', '1', 'KEA!', 'KEnA']) {
    b.add(`notify-keyspace-events/${v}`, embed(rng, pool, `notify-keyspace-events ${v}`));
  }
  // bind
  const binds: Array<[string, string]> = [
    ['loopback', '127.0.0.1'], ['loopback-v6-optional', '127.0.0.1 -::1'], ['v6-only', '::1'], ['optional-only', '-::1'],
    ['optional-unavailable', '127.0.0.1 -10.255.255.1'], ['unavailable', '10.255.255.1'], ['two-loopback', '127.0.0.1 127.0.0.2'],
    ['duplicate', '127.0.0.1 127.0.0.1'], ['sixteen', Array.from({ length: 16 }, (_, i) => `127.0.0.${i + 1}`).join(' ')],
    ['seventeen', Array.from({ length: 17 }, (_, i) => `127.0.0.${i + 1}`).join(' ')], ['inline-comment', '127.0.0.1 # local'],
    ['garbage', '999.1.1.1'], ['quoted-two', '"127.0.0.1 -::1"'], ['empty', '""'], ['localhost', 'localhost'],
  ];
  for (const [label, args] of binds) b.add(`bind/${label}`, `bind ${args}\n`);
  b.add('bind/two-lines-last-wins', 'bind 10.255.255.1\nbind 127.0.0.1\n');
  // replicaof, with and without cluster-enabled
  const repl: Array<[string, string]> = [
    ['no-one', 'no one'], ['host-port', '127.0.0.1 9'], ['bad-port-word', '127.0.0.1 abc'], ['bad-port-big', '127.0.0.1 99999'],
    ['bad-port-negative', '127.0.0.1 -1'], ['port-zero', '127.0.0.1 0'], ['no-one-upper', 'NO ONE'], ['no-two', 'no two'],
    ['hostname', 'localhost 9'], ['quoted', '"127.0.0.1 9"'],
  ];
  for (const [label, args] of repl) {
    b.add(`replicaof/${label}`, `replicaof ${args}\n`);
    b.add(`replicaof/${label}/cluster`, `cluster-enabled yes\nreplicaof ${args}\n`);
    b.add(`replicaof/${label}/cluster-after`, `replicaof ${args}\ncluster-enabled yes\n`);
  }
  b.add('replicaof/slaveof-cluster', 'cluster-enabled yes\nslaveof 127.0.0.1 9\n');
  b.add('replicaof/cluster-then-no-one-reset', 'cluster-enabled yes\nreplicaof 127.0.0.1 9\nreplicaof no one\n');
  b.add('replicaof/cluster-then-later-error', 'cluster-enabled yes\nreplicaof 127.0.0.1 9\nbogus-directive\n');
  b.add('replicaof/cluster-include-before-error', 'cluster-enabled yes\nreplicaof 127.0.0.1 9\ninclude {{DIR}}/empty.conf\nbogus-directive\n', { files: { 'empty.conf': '' } });
  b.add('cluster/enabled', 'cluster-enabled yes\n');
  b.add('cluster/enabled-port', 'cluster-enabled yes\ncluster-port 0\n');
  // tls
  b.add('tls/port-no-cert', 'tls-port {{FREEPORT}}\n');
  b.add('tls/port-cert-no-key', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.crt\n', { files: { 'redis.crt': TLS_CERT } });
  b.add('tls/port-cert-key', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.crt\ntls-key-file {{DIR}}/redis.key\ntls-auth-clients no\n', { files: { 'redis.crt': TLS_CERT, 'redis.key': TLS_KEY } });
  b.add('tls/port-cert-key-ca', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.crt\ntls-key-file {{DIR}}/redis.key\ntls-ca-cert-file {{DIR}}/redis.crt\n', { files: { 'redis.crt': TLS_CERT, 'redis.key': TLS_KEY } });
  b.add('tls/port-cert-key-no-ca', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.crt\ntls-key-file {{DIR}}/redis.key\n', { files: { 'redis.crt': TLS_CERT, 'redis.key': TLS_KEY } });
  b.add('tls/port-missing-files', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/none.crt\ntls-key-file {{DIR}}/none.key\ntls-auth-clients no\n');
  b.add('tls/port-cert-swapped', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.key\ntls-key-file {{DIR}}/redis.crt\ntls-auth-clients no\n', { files: { 'redis.crt': TLS_CERT, 'redis.key': TLS_KEY } });
  b.add('tls/files-without-port', 'tls-cert-file {{DIR}}/none.crt\ntls-key-file {{DIR}}/none.key\n');
  b.add('tls/replication-without-port', 'tls-replication yes\n');
  b.add('tls/cluster-without-port', 'tls-cluster yes\n');
  b.add('tls/port-zero', 'tls-port 0\n');
  b.add('tls/port-bad', 'tls-port 70000\n');
  b.add('tls/port-word', 'tls-port abc\n');
  b.add('tls/bad-protocols', 'tls-port {{FREEPORT}}\ntls-cert-file {{DIR}}/redis.crt\ntls-key-file {{DIR}}/redis.key\ntls-protocols "TLSv9"\ntls-auth-clients no\n', { files: { 'redis.crt': TLS_CERT, 'redis.key': TLS_KEY } });
  // dir
  b.add('dir/existing', 'dir {{DIR}}\n');
  b.add('dir/nonexistent', 'dir {{DIR}}/nonexistent\n');
  b.add('dir/nonexistent-embedded', embed(rng, pool, 'dir {{DIR}}/nonexistent'));
  b.add('dir/relative-existing', 'dir sub\n', { files: { 'sub/.keep': '' } });
  b.add('dir/relative-missing', 'dir nosuchsub\n');
  b.add('dir/dot', 'dir .\n');
  b.add('dir/empty', 'dir ""\n');
  b.add('dir/a-file', 'dir {{DIR}}/redis.conf\n');
  b.add('dir/windows', 'dir C:\\ProgramData\\Memurai\\\n');
  b.add('dir/windows-quoted', 'dir "C:\\\\ProgramData\\\\Memurai\\\\"\n');
  b.add('dir/relative-then-relative', 'dir sub\ndir sub2\n', { files: { 'sub/sub2/.keep': '' } });
  b.add('dir/then-include-relative', 'dir sub\ninclude inc.conf\n', { files: { 'sub/inc.conf': 'maxmemory 1mb\n' } });
  b.add('dir/then-include-relative-missing', 'dir sub\ninclude inc.conf\n', { files: { 'sub/.keep': '', 'inc.conf': 'maxmemory 1mb\n' } });
  // include
  b.add('include/existing-valid', 'port 6380\ninclude {{DIR}}/inc.conf\nloglevel notice\n', { files: { 'inc.conf': 'maxmemory 1mb\nappendonly no\n' } });
  b.add('include/existing-with-error', 'port 6380\ninclude {{DIR}}/inc.conf\nloglevel notice\n', { files: { 'inc.conf': 'maxmemory 1mb\nbogus-directive 1\n' } });
  b.add('include/existing-error-line-5', 'port 6380\ninclude {{DIR}}/inc.conf\n', { files: { 'inc.conf': '# a\n# b\n\nmaxmemory 1mb\nmaxmemory abc\n' } });
  b.add('include/relative', 'include inc.conf\n', { files: { 'inc.conf': 'maxmemory 1mb\n' } });
  b.add('include/missing', 'port 6380\ninclude {{DIR}}/missing.conf\nloglevel notice\n');
  b.add('include/missing-then-bad', 'include {{DIR}}/missing.conf\nbogus\n');
  b.add('include/glob-no-match', 'include {{DIR}}/conf.d/*.conf\nport 6380\n');
  b.add('include/glob-match', 'include {{DIR}}/conf.d/*.conf\n', { files: { 'conf.d/a.conf': 'maxmemory 1mb\n', 'conf.d/b.conf': 'loglevel warning\n' } });
  b.add('include/glob-match-error', 'include {{DIR}}/conf.d/*.conf\n', { files: { 'conf.d/a.conf': 'maxmemory 1mb\n', 'conf.d/b.conf': 'bogus\n' } });
  b.add('include/glob-question', 'include {{DIR}}/inc?.conf\n', { files: { 'inc1.conf': 'maxmemory 1mb\n' } });
  b.add('include/glob-bracket-no-match', 'include {{DIR}}/[xyz].conf\n');
  b.add('include/self', 'include {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'maxmemory 1mb\n' } });
  b.add('include/error-before-include', 'bogus\ninclude {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'maxmemory abc\n' } });
  b.add('include/nested', 'include {{DIR}}/a.conf\n', { files: { 'a.conf': 'include {{DIR}}/b.conf\n', 'b.conf': 'port 6380\nport abc\n' } });
  b.add('include/include-directory', 'include {{DIR}}/sub\n', { files: { 'sub/.keep': '' } });
  b.add('include/included-logfile-bad', 'include {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'logfile {{DIR}}/nodir/x.log\n' } });
  b.add('include/crlf-include-file', 'include {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'maxmemory 1mb\r\nbogus\r\n' } });
  b.add('include/quoted-path', 'include "{{DIR}}/inc.conf"\n', { files: { 'inc.conf': 'maxmemory 1mb\n' } });
  b.add('include/user-in-include-duplicate', 'user bob on nopass\ninclude {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'user bob off\n' } });
  b.add('include/rename-in-include', 'rename-command flushdb ""\ninclude {{DIR}}/inc.conf\n', { files: { 'inc.conf': 'rename-command flushdb x\n' } });
  // logfile (kept: the harness must not override it)
  b.add('logfile/unopenable', 'logfile {{DIR}}/nodir/redis.log\n', { keepLogfile: true });
  b.add('logfile/unopenable-then-bad-line', 'logfile {{DIR}}/nodir/redis.log\nbogus\n', { keepLogfile: true });
  b.add('logfile/ok', 'logfile {{DIR}}/redis.log\n', { keepLogfile: true });
  b.add('logfile/empty', 'logfile ""\n', { keepLogfile: true });
  b.add('logfile/a-directory', 'logfile {{DIR}}\n', { keepLogfile: true });
  b.add('logfile/bad-then-good', 'logfile {{DIR}}/nodir/redis.log\nlogfile {{DIR}}/redis.log\n', { keepLogfile: true });
  b.add('logfile/overridden-by-harness', 'logfile {{DIR}}/nodir/redis.log\n');
  // pidfile, daemonize, supervised (harness overrides these after the file)
  b.add('harness/daemonize-yes', 'daemonize yes\n');
  b.add('harness/pidfile-nodir', 'pidfile {{DIR}}/nodir/r.pid\n');
  b.add('harness/supervised-systemd', 'supervised systemd\n');
  b.add('harness/supervised-bad', 'supervised bogus\n');
  // aclfile/user interplay
  b.add('acl/user-and-aclfile', 'user bob on nopass ~* +@all\naclfile {{DIR}}/users.acl\n', { files: { 'users.acl': 'user alice on nopass\n' } });
  // misc startup interactions
  b.add('misc/appendonly-yes', 'appendonly yes\nappendfilename "appendonly.aof"\n');
  b.add('misc/appendonly-dirname-bad', 'appendonly yes\nappenddirname ".."\n');
  b.add('misc/activedefrag-yes', 'activedefrag yes\n');
  b.add('misc/syslog-yes', 'syslog-enabled yes\n');
  b.add('misc/port-zero-in-file', 'port 0\n');
  b.add('misc/io-threads-4', 'io-threads 4\nio-threads-do-reads yes\n');
  b.add('misc/maxclients-1', 'maxclients 1\n');
  b.add('misc/databases-1', 'databases 1\n');
  b.add('misc/oom-score-adj-yes', 'oom-score-adj yes\n');
  b.add('misc/cluster-announce-hostname-valid', 'cluster-announce-hostname host-1.example.com\n');
  b.add('misc/proc-title-only-title', 'proc-title-template "{title}"\n');
  b.add('misc/proc-title-no-title', 'proc-title-template "{server-mode}"\n');
  b.add('misc/hz-over-500', 'hz 100000\n');
  b.add('misc/active-defrag-min-gt-max', 'active-defrag-cycle-min 50\nactive-defrag-cycle-max 10\n');
  b.add('misc/maxmemory-clients-with-maxmemory', 'maxmemory 10mb\nmaxmemory-clients 50%\n');
  b.add('misc/repl-diskless-load-swapdb', 'repl-diskless-load swapdb\n');
}

/** Mutations applied to one line of an otherwise valid file. */
const MUTATIONS: Array<[string, (line: string, rng: Rng) => string]> = [
  ['typo-name', l => l.replace(/^(\S+)/, m => m + 'x')],
  ['drop-value', l => l.split(' ')[0]],
  ['extra-arg', l => l + ' extra'],
  ['inline-comment', l => l + ' # note'],
  ['glued-comment', l => l + '#note'],
  ['upper-name', l => l.replace(/^(\S+)/, m => m.toUpperCase())],
  ['unbalanced-quote', l => l + ' "open'],
  ['value-quoted', l => { const i = l.indexOf(' '); return i < 0 ? l : `${l.slice(0, i)} "${l.slice(i + 1).replace(/"/g, '')}"`; }],
  ['trailing-cr', l => l + '\r'],
  ['leading-tab', l => '\t' + l],
  ['bom', l => '\uFEFF' + l],
  ['value-word', l => l.split(' ')[0] + ' bogus'],
  ['value-negative', l => l.split(' ')[0] + ' -5'],
  ['value-plus', l => l.replace(/ (\d)/, ' +$1')],
  ['value-hex', l => l.split(' ')[0] + ' 0x1f'],
  ['value-huge', l => l.split(' ')[0] + ' 99999999999999999999'],
  ['value-unit-tb', l => l.split(' ')[0] + ' 1tb'],
  ['value-empty', l => l.split(' ')[0] + ' ""'],
  ['commented-out', l => '# ' + l],
  ['nul-inside', l => l.replace(' ', ' \0')],
  ['value-leading-zero', l => l.split(' ')[0] + ' 010'],
  ['value-decimal', l => l.split(' ')[0] + ' 2.5'],
  ['dup-line', l => l + '\n' + l],
];

function genRandomMutations(b: Builder, rng: Rng, pool: string[], count: number): void {
  for (let i = 0; i < count; i++) {
    const n = 3 + rng.int(10);
    const lines: string[] = [];
    for (let j = 0; j < n; j++) lines.push(rng.chance(0.15) ? rng.pick(['# comment', '', '  ']) : rng.pick(pool));
    const [mname, mut] = rng.pick(MUTATIONS);
    // mutate a non-comment line
    const idxs = lines.map((l, k) => (l.trim() && !l.startsWith('#') ? k : -1)).filter(k => k >= 0);
    const at = idxs.length ? rng.pick(idxs) : 0;
    const target = lines[at] || rng.pick(pool);
    lines[at] = mut(target, rng);
    const eol = rng.chance(0.1) ? '\r\n' : '\n';
    b.add(`random/${String(i).padStart(3, '0')}-${mname}-${target.split(' ')[0]}`, lines.join(eol) + eol);
  }
}

/** Problems the server only notices after reading the whole file (or, for include, at once). */
const STARTUP_PROBLEMS: Array<{ label: string; lines: string[]; files?: Record<string, string>; keepLogfile?: boolean }> = [
  { label: 'tls-no-cert', lines: ['tls-port {{FREEPORT}}'] },
  { label: 'loadmodule-missing', lines: ['loadmodule {{DIR}}/none.so'] },
  { label: 'include-missing', lines: ['include {{DIR}}/missing.conf'] },
  { label: 'logfile-unopenable', lines: ['logfile {{DIR}}/nodir/redis.log'], keepLogfile: true },
  { label: 'bind-unavailable', lines: ['bind 10.255.255.1'] },
  { label: 'cluster-replicaof', lines: ['cluster-enabled yes', 'replicaof 127.0.0.1 9'] },
  { label: 'module-config', lines: ['mymodule.opt 1'] },
  { label: 'aclfile-missing', lines: ['aclfile {{DIR}}/missing.acl'] },
  { label: 'unixsocket-nodir', lines: ['unixsocket {{DIR}}/nodir/redis.sock'] },
  { label: 'aclfile-and-user', lines: ['user bob on nopass ~* +@all', 'aclfile {{DIR}}/users.acl'], files: { 'users.acl': 'user alice on nopass\n' } },
];

function genRandomStartup(b: Builder, rng: Rng, pool: string[], count: number): void {
  for (let i = 0; i < count; i++) {
    const p = STARTUP_PROBLEMS[i % STARTUP_PROBLEMS.length];
    const lines: string[] = [];
    const n = 2 + rng.int(8);
    for (let j = 0; j < n; j++) lines.push(rng.chance(0.15) ? '# comment' : rng.pick(pool));
    for (const l of p.lines) lines.splice(rng.int(lines.length + 1), 0, l);
    let label = p.label;
    if (rng.chance(0.35)) {
      // a load-time error too: it wins when it comes before the end of the file (include-missing aside)
      const [mname, mut] = rng.pick(MUTATIONS.filter(([m]) => !['commented-out', 'upper-name', 'leading-tab', 'trailing-cr', 'dup-line', 'value-quoted'].includes(m)));
      const k = rng.int(lines.length + 1);
      lines.splice(k, 0, mut(rng.pick(pool), rng));
      label += `+${mname}`;
    }
    b.add(`random-startup/${String(i).padStart(3, '0')}-${label}`, lines.join('\n') + '\n', { files: p.files, keepLogfile: p.keepLogfile });
  }
}

function genRealFiles(b: Builder, rng: Rng, seedFile: string, debianFile: string): void {
  {
    const seed = readFileSync(seedFile, 'utf8');
    b.add('real/seed-verbatim', seed);
    // the seed with its first fatal problems fixed one by one
    const noComments = seed.replace(/^(save \d+ \d+)\s+#.*$/gm, '$1');
    b.add('real/seed-save-comments-removed', noComments);
    const fixedDir = noComments.replace(/^dir .*$/m, 'dir {{DIR}}');
    b.add('real/seed-dir-fixed', fixedDir);
    const fixedLog = fixedDir.replace(/^logfile .*$/m, 'logfile ""');
    b.add('real/seed-logfile-fixed', fixedLog);
    b.add('real/seed-rename-comment-removed', fixedLog.replace(/("CONFIG_xyz123")\s+#.*$/m, '$1'));
    b.add('real/seed-crlf', seed.replace(/\n/g, '\r\n'));
    b.add('real/seed-bom', '\uFEFF' + seed);
  }
  {
    {
      const deb = readFileSync(debianFile, 'utf8');
      b.add('real/debian-stock', deb);
      b.add('real/debian-crlf', deb.replace(/\n/g, '\r\n'));
      b.add('real/debian-uncomment-examples', deb.replace(/^# (maxmemory <bytes>)$/m, '$1'));
      b.add('real/debian-plus-bad-tail', deb + 'bogus-final-line\n');
      b.add('real/debian-save-comment', deb.replace(/^(appendonly no)$/m, '$1\nsave 3600 1 # hourly'));
    }
  }
}

export interface CorpusOptions { seed?: number; seedFile?: string; debianFile?: string; randomCount?: number; randomStartupCount?: number }

/** Builds the corpus. Same options (and same seed/Debian files) => same cases, in the same order. */
export function generateCorpus(opts: CorpusOptions = {}): CorpusCase[] {
  const rng = new Rng(opts.seed ?? CORPUS_SEED);
  const pool = validLinePool();
  const b = new Builder();
  genDirectiveTypes(b, rng, pool);
  genSave(b, rng, pool);
  genInlineComments(b, rng, pool);
  genQuoting(b);
  genBytes(b, rng, pool);
  genCase(b, rng, pool);
  genNames(b, rng, pool);
  genSpecials(b, rng, pool);
  genRandomMutations(b, rng, pool, opts.randomCount ?? 300);
  genRandomStartup(b, rng, pool, opts.randomStartupCount ?? 150);
  genRealFiles(b, rng, opts.seedFile ?? SEED_FILE, opts.debianFile ?? DEBIAN_FILE);
  genNewerVersions(b);
  return b.cases;
}

/**
 * What Redis 8.0, Valkey 8.1 and Valkey 9.1 added or changed, one line each. The corpus runs
 * against every build with its own target, so each line is checked where it is new and where
 * it is unknown. Added last, without random draws, so the cases before keep their texts.
 */
function genNewerVersions(b: Builder): void {
  const lines: Array<[string, string]> = [
    // Redis 8.0
    ['redis-8.0/repl-rdb-channel', 'repl-rdb-channel no'], ['redis-8.0/replica-full-sync-buffer-limit', 'replica-full-sync-buffer-limit 1mb'],
    // (not lua-enable-deprecated-api: Debian's security updates add it, hidden, to their 7.0.15 and
    // Valkey 8.1.1 builds too, so whether a file with it starts depends on the build; docs/catalog.md)
    ['redis-8.0/io-threads-do-reads', 'io-threads-do-reads yes'],
    ['redis-8.0/io-threads-do-reads-bad', 'io-threads-do-reads maybe'],
    // Valkey 8.1
    ['valkey-8.1/import-mode', 'import-mode yes'], ['valkey-8.1/commandlog-execution-slower-than', 'commandlog-execution-slower-than 20000'],
    ['valkey-8.1/commandlog-request-larger-than', 'commandlog-request-larger-than -1'], ['valkey-8.1/rdb-version-check', 'rdb-version-check relaxed'],
    ['valkey-8.1/rdb-version-check-bad', 'rdb-version-check loose'], ['valkey-8.1/active-defrag-cycle-us', 'active-defrag-cycle-us 100001'],
    ['valkey-8.1/cluster-manual-failover-timeout', 'cluster-manual-failover-timeout 0'],
    ['io-threads/128', 'io-threads 128'], ['io-threads/129', 'io-threads 129'], ['io-threads/256', 'io-threads 256'], ['io-threads/257', 'io-threads 257'],
    ['valkey-8.1/log-format', 'log-format logfmt'],
    // Valkey 9.x
    ['valkey-9/cluster-databases', 'cluster-databases 16'], ['valkey-9.1/log-format-json', 'log-format json'],
    ['valkey-9.1/cluster-config-save-behavior', 'cluster-config-save-behavior best-effort'], ['valkey-9.1/tls-auto-reload-interval', 'tls-auto-reload-interval 60'],
    // keyspace-event letters: d (6.2), n (7.0), o and c (Redis 8.2)
    ['notify/d', 'notify-keyspace-events Kd'], ['notify/n', 'notify-keyspace-events En'], ['notify/o', 'notify-keyspace-events KEo'], ['notify/c', 'notify-keyspace-events KEc'],
    // empty file names: Valkey 8.0 refuses "" where Redis accepts it
    ['empty/dbfilename', 'dbfilename ""'], ['empty/cluster-config-file', 'cluster-config-file ""'], ['empty/appendfilename', 'appendfilename ""'],
    // Redis 8 keeps lines its loader does not take for modules, and refuses them at start-up
    ['redis-8-unknown/later-line-error', 'foobar 1\nmaxmemory lots'], ['redis-8-unknown/rename-wrong-argc', 'rename-command flushdb a b'],
    ['redis-8-unknown/include-two-args', 'include a b'], ['redis-8-unknown/no-value', 'foobar'],
  ];
  for (const [label, line] of lines) b.add(`newer/${label}`, `${line}\n`);
}
