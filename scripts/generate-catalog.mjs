#!/usr/bin/env node
// Generates server/src/engine/catalog/catalog.json from the servers' own C sources.
//
// Usage: node scripts/generate-catalog.mjs [--redis <git dir>] [--valkey <git dir>] [--out <file>]
//          [--servers <cache dir>] [--source <target>=<build id>]...
//   env: REDIS_MIRROR, VALKEY_MIRROR, CATALOG_OUT, RG_SERVERS_CACHE
//
// Older targets are read from the mirrors, bare git repositories (no work tree),
// with `git show <rev>:<path>`. Newer targets are read from released upstream
// sources that scripts/fetch-servers.sh --sources unpacked from Debian's source
// packages into <cache>/<build id>/source/tree. Only facts are extracted (names,
// types, numbers, enum values, flags); no source text ends up in the output.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------- settings

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function cliArg(name) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const REDIS_DIR = cliArg('redis') ?? process.env.REDIS_MIRROR ?? '/work/.mirror/redis+redis/repo';
const VALKEY_DIR = cliArg('valkey') ?? process.env.VALKEY_MIRROR ?? '/work/.mirror/valkey-io+valkey/repo';
const OUT = resolve(ROOT, cliArg('out') ?? process.env.CATALOG_OUT ?? 'server/src/engine/catalog/catalog.json');
const SERVERS_CACHE = cliArg('servers') ?? process.env.RG_SERVERS_CACHE ?? '/var/cache/redis-guard/servers';

/**
 * Targets in catalog order. `rev` is a git tag of the mirror; `build` is the id of a
 * released source tree in the servers cache; `basedOn` derives a target from another
 * one plus documented deltas (see DERIVED).
 */
const TARGETS = [
  { id: 'redis@6.0', repo: 'redis', rev: '6.0.20' },
  { id: 'redis@6.2', repo: 'redis', rev: '6.2.16' },
  { id: 'redis@7.0', repo: 'redis', rev: '7.0.15' },
  { id: 'redis@7.2', repo: 'redis', rev: '7.2.6' },
  { id: 'redis@7.4', repo: 'redis', rev: '7.4.1' },
  { id: 'redis@8.0', repo: 'redis', build: 'redis-8.0.6-sid' },
  { id: 'redis@8.2', basedOn: 'redis@8.0' },
  { id: 'valkey@7.2', repo: 'valkey', rev: '7.2.7' },
  { id: 'valkey@8.0', repo: 'valkey', rev: '8.0.1' },
  { id: 'valkey@8.1', repo: 'valkey', build: 'valkey-8.1.1-trixie' },
  { id: 'valkey@9.0', basedOn: 'valkey@9.1' },
  { id: 'valkey@9.1', repo: 'valkey', build: 'valkey-9.1.2-sid' },
  { id: 'memurai@4.1', basedOn: 'redis@7.2' },
];

// --source <target>=<build id> reads a target from another build's source (e.g. to compare 8.0.x releases).
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] !== '--source') continue;
  const [id, build] = (process.argv[i + 1] ?? '').split('=');
  const t = TARGETS.find(x => x.id === id && !x.basedOn);
  if (!t || !build) throw new Error(`--source wants <target>=<build id> of a source-read target, got "${process.argv[i + 1]}"`);
  delete t.rev;
  t.build = build;
}

const REPOS = {
  redis: { dir: REDIS_DIR, url: 'https://github.com/redis/redis' },
  valkey: { dir: VALKEY_DIR, url: 'https://github.com/valkey-io/valkey' },
};

/** Preprocessor symbols assumed defined for a Debian/Linux x86_64 build with TLS. */
const DEFINED = new Set(['USE_OPENSSL', '__linux__', '__x86_64__', 'HAVE_DEFRAG', 'USE_JEMALLOC']);

/** <limits.h> and friends on x86_64 Linux (LP64). */
const BUILTIN_CONSTANTS = {
  CHAR_BIT: 8n,
  INT_MAX: 2147483647n,
  INT_MIN: -2147483648n,
  UINT_MAX: 4294967295n,
  LONG_MAX: 9223372036854775807n,
  LONG_MIN: -9223372036854775808n,
  ULONG_MAX: 18446744073709551615n,
  LLONG_MAX: 9223372036854775807n,
  LLONG_MIN: -9223372036854775808n,
  ULLONG_MAX: 18446744073709551615n,
  SIZE_MAX: 18446744073709551615n,
  SSIZE_MAX: 9223372036854775807n,
  INT32_MAX: 2147483647n,
  INT64_MAX: 9223372036854775807n,
  UINT32_MAX: 4294967295n,
  UINT64_MAX: 18446744073709551615n,
};

/** Memurai's own directives, from its published documentation (best effort). */
const MEMURAI_DOCS = 'https://docs.memurai.com/en/config-logging';
const MEMURAI_DIRECTIVES = {
  // Event-log verbosity: documented values; default not documented.
  'winlog-level': { type: 'enum', values: ['debug', 'verbose', 'notice', 'warning', 'off'] },
  // Free text shown in event log / log file when not empty; empty by default per the docs' wording.
  'instance-name': { type: 'string', default: '' },
};

/**
 * Targets derived from another one (`basedOn` in TARGETS) plus deltas taken from
 * documentation or release notes, each with the address it came from. Delta kinds:
 * add-directive / remove-directive / change-directive (name, facts), add-commands /
 * remove-commands (names), add-subcommands / remove-subcommands (container, names),
 * add-keyspace-events / remove-keyspace-events (letters).
 */
const DERIVED = {
  'memurai@4.1': {
    deltas: Object.entries(MEMURAI_DIRECTIVES).map(([name, facts]) => ({ kind: 'add-directive', name, facts, url: MEMURAI_DOCS })),
    source: (base, basedOn) => `Memurai 4.x is based on Redis 7.2: ${basedOn} facts (${REPOS[base.repo].url} tag ${base.rev}, commit ${base.commit})`
      + ` plus Memurai-specific directives ${Object.keys(MEMURAI_DIRECTIVES).join(', ')} from ${MEMURAI_DOCS} (best effort)`,
  },
  // No Redis 8.2 source or binary is reachable here: redis@8.0 (8.0.6 source) plus what the 8.2 notes and docs say.
  'redis@8.2': {
    deltas: [
      { kind: 'add-keyspace-events', letters: 'oc', url: 'https://github.com/redis/docs/pull/1789/files' }, // o = overwritten, c = type changed (#14141)
      { kind: 'add-directive', name: 'cluster-slot-stats-enabled', facts: { type: 'bool', default: 'no' }, url: 'https://github.com/redis/docs/pull/2563.patch' },
      { kind: 'add-commands', names: ['xackdel', 'xdelex'], url: 'https://raw.githubusercontent.com/redis/redis/8.2.0/00-RELEASENOTES' },
      { kind: 'add-subcommands', container: 'cluster', names: ['slot-stats'], url: 'https://redis.io/commands/cluster-slot-stats' },
    ],
    source: (base, basedOn) => `UNVERIFIED, release notes only: ${basedOn} facts (${describeSource(base)}) plus the 8.2 deltas of`
      + ` ${RELEASE_NOTES['redis@8.2']} and the pages listed in scripts/generate-catalog.mjs (DERIVED)`,
  },
  // No Valkey 9.0 source or binary is reachable here: valkey@9.1 (9.1.2 source) minus what the 9.1 notes say 9.1 added.
  // What 9.1.2 has beyond 8.1.1 and the 9.1 notes do not claim stays (the 9.0 notes list most of it: cluster
  // databases #1671, MPTCP #1811/#1961, atomic slot migration #1949, runtime io-threads #2033, SHUTDOWN SAFE, DELIFEQ, hash field expiration).
  'valkey@9.0': {
    deltas: [
      { kind: 'remove-directive', name: 'hash-seed', url: 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1' }, // #2608
      { kind: 'remove-directive', name: 'tls-auto-reload-interval', url: 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1' }, // #3020
      { kind: 'remove-directive', name: 'cluster-config-save-behavior', url: 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1' }, // #1032
      { kind: 'change-directive', name: 'tls-auth-clients-user', facts: { values: ['cn', 'off'] }, url: 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1' }, // SAN URI is #3078
      { kind: 'change-directive', name: 'log-format', facts: { values: ['legacy', 'logfmt'] }, url: 'https://docs.aws.amazon.com/ru_ru/AmazonElastiCache/latest/dg/engine-versions.md' }, // JSON logging is new in 9.1
      { kind: 'remove-commands', names: ['clusterscan', 'hgetdel', 'msetex'], url: 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1' },
    ],
    source: (base, basedOn) => `UNVERIFIED, release notes only: ${basedOn} facts (${describeSource(base)}) minus what`
      + ` ${RELEASE_NOTES['valkey@9.1']} says 9.1 added; 9.0 changes from ${RELEASE_NOTES['valkey@9.0']}`,
  },
};

/** Release notes of the derived targets. */
const RELEASE_NOTES = {
  'redis@8.2': 'https://raw.githubusercontent.com/redis/redis/8.2.0/00-RELEASENOTES',
  'valkey@9.0': 'https://newreleases.io/project/github/valkey-io/valkey/release/9.0.0-rc1',
  'valkey@9.1': 'https://newreleases.io/project/github/valkey-io/valkey/release/9.1.0-rc1',
};

const FLAG_NAMES = {
  IMMUTABLE_CONFIG: 'immutable',
  SENSITIVE_CONFIG: 'sensitive',
  DEBUG_CONFIG: 'debug',
  MULTI_ARG_CONFIG: 'multi-arg',
  HIDDEN_CONFIG: 'hidden',
  PROTECTED_CONFIG: 'protected',
  DENY_LOADING_CONFIG: 'deny-loading',
  VOLATILE_CONFIG: 'volatile',
};

const NUM_KINDS = {
  createIntConfig: 'int',
  createUIntConfig: 'uint',
  createLongConfig: 'long',
  createULongConfig: 'ulong',
  createLongLongConfig: 'longlong',
  createULongLongConfig: 'ulonglong',
  createSizeTConfig: 'size_t',
  createSSizeTConfig: 'ssize_t',
  createTimeTConfig: 'time_t',
  createOffTConfig: 'off_t',
};

// ---------------------------------------------------------------- git access

function git(dir, ...args) {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function gitShow(dir, rev, path) {
  return git(dir, 'show', `${rev}:${path}`);
}

function gitList(dir, rev, path) {
  try {
    return execFileSync('git', ['-C', dir, 'ls-tree', '--name-only', `${rev}:${path}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- C text helpers

/** Replaces comments by spaces (newlines kept), leaving string and char literals intact. */
function stripComments(src) {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === '/' && n === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === '/' && n === '/') {
      let end = src.indexOf('\n', i);
      if (end < 0) end = src.length;
      out += ' '.repeat(end - i);
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the bracket matching the one at `open` (skips literals). */
function matchBracket(text, open) {
  const pairs = { '(': ')', '{': '}', '[': ']' };
  const stack = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j;
    } else if (pairs[c]) {
      stack.push(pairs[c]);
    } else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) throw new Error(`unbalanced ${c} at ${i}`);
      if (stack.length === 0) return i + 1;
    }
  }
  throw new Error('unterminated bracket');
}

/** Splits an argument list on top-level commas. */
function splitArgs(text) {
  const args = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      cur += text.slice(i, j + 1);
      i = j;
      continue;
    }
    if ('({['.includes(c)) depth++;
    if (')}]'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      args.push(cur.trim());
      cur = '';
    } else {
      cur += c;
    }
  }
  if (cur.trim()) args.push(cur.trim());
  return args;
}

/** Keeps only the lines active under DEFINED (handles #ifdef/#ifndef/#if defined/#else/#endif). */
function applyConditionals(text) {
  const lines = text.split('\n');
  const stack = [];
  const active = () => stack.every(s => s.on);
  const out = [];
  for (const line of lines) {
    const m = /^\s*#\s*(ifdef|ifndef|if|elif|else|endif)\b(.*)$/.exec(line);
    if (!m) {
      out.push(active() ? line : '');
      continue;
    }
    const [, kw, rest] = m;
    const cond = () => {
      const d = /defined\s*\(?\s*(\w+)/.exec(rest) ?? /^\s*(\w+)/.exec(rest);
      if (kw === 'if' && /^\s*0\b/.test(rest)) return false;
      if (kw === 'if' && /^\s*1\b/.test(rest)) return true;
      const neg = /!\s*defined/.test(rest);
      const val = d ? DEFINED.has(d[1]) : false;
      return neg ? !val : val;
    };
    if (kw === 'ifdef') stack.push({ on: DEFINED.has(rest.trim().split(/\s/)[0]), done: false });
    else if (kw === 'ifndef') stack.push({ on: !DEFINED.has(rest.trim().split(/\s/)[0]), done: false });
    else if (kw === 'if') stack.push({ on: cond(), done: false });
    else if (kw === 'elif') {
      const top = stack[stack.length - 1];
      top.done ||= top.on;
      top.on = !top.done && cond();
    } else if (kw === 'else') {
      const top = stack[stack.length - 1];
      top.on = !(top.done || top.on);
    } else stack.pop();
    out.push('');
  }
  return out.join('\n');
}

/** Body text (between braces) of the C function named `name`, or undefined. */
function functionBody(text, name) {
  const re = new RegExp(`\\b${name}\\s*\\([^;{]*\\)\\s*\\{`, 'g');
  const m = re.exec(text);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  return text.slice(open + 1, matchBracket(text, open) - 1);
}

/** Text between the braces of an initialiser `<declRegex> = { ... }`. */
function initialiserBody(text, declRegex) {
  const m = new RegExp(`${declRegex}\\s*=\\s*\\{`).exec(text);
  if (!m) return undefined;
  const open = m.index + m[0].length - 1;
  return text.slice(open + 1, matchBracket(text, open) - 1);
}

function unquote(s) {
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(s.trim());
  return m ? m[1].replace(/\\(.)/g, '$1') : undefined;
}

// ---------------------------------------------------------------- #define table + evaluator

/** Object-like #defines of a set of files: name -> replacement text. */
function collectDefines(texts) {
  const defs = new Map();
  for (const raw of texts) {
    const text = stripComments(raw).replace(/\\\n/g, ' ');
    for (const m of text.matchAll(/^\s*#\s*define\s+([A-Za-z_]\w*)(?!\()[ \t]+(.+?)\s*$/gm)) {
      if (!defs.has(m[1])) defs.set(m[1], m[2]);
    }
  }
  return defs;
}

const TYPE_WORDS = new Set(['long', 'int', 'unsigned', 'signed', 'short', 'char', 'size_t', 'ssize_t',
  'off_t', 'time_t', 'mode_t', 'uint64_t', 'int64_t', 'uint32_t', 'int32_t', 'double', 'const']);

function tokenize(expr) {
  const toks = [];
  const re = /\s*(?:(0[xX][0-9a-fA-F]+|\d+(?:\.\d+)?)([uUlL]*)|("(?:[^"\\]|\\.)*")|([A-Za-z_]\w*)|(<<|>>|[-+*/%()~&|^!]))/y;
  let m;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    re.lastIndex = pos;
    m = re.exec(expr);
    if (!m) throw new Error(`cannot tokenize "${expr}"`);
    pos = re.lastIndex;
    if (m[1] !== undefined) toks.push({ num: m[1] });
    else if (m[3] !== undefined) toks.push({ str: unquote(m[3]) });
    else if (m[4] !== undefined) toks.push({ id: m[4] });
    else toks.push({ op: m[5] });
  }
  return toks;
}

/**
 * Evaluates a C constant expression to a BigInt (or a string for string macros,
 * null for NULL). Throws on anything it cannot resolve.
 */
function evaluate(expr, defines, seen = new Set()) {
  const toks = tokenize(expr);
  let i = 0;
  const peek = () => toks[i];
  const isOp = (op) => toks[i] && toks[i].op === op;
  const expect = (op) => {
    if (!isOp(op)) throw new Error(`expected ${op} in "${expr}"`);
    i++;
  };
  const numeric = (v) => {
    if (typeof v !== 'bigint') throw new Error(`non-numeric operand in "${expr}"`);
    return v;
  };
  function primary() {
    const t = peek();
    if (!t) throw new Error(`unexpected end of "${expr}"`);
    if (t.op === '(') {
      // A cast such as (long long) or (size_t) is skipped.
      let j = i + 1;
      while (toks[j] && toks[j].id && TYPE_WORDS.has(toks[j].id)) j++;
      if (j > i + 1 && toks[j] && toks[j].op === ')') {
        i = j + 1;
        return unary();
      }
      i++;
      const v = or();
      expect(')');
      return v;
    }
    i++;
    if (t.num !== undefined) {
      if (t.num.includes('.')) throw new Error(`float in "${expr}"`);
      if (/^0[0-7]+$/.test(t.num)) return BigInt('0o' + t.num.slice(1));
      return BigInt(t.num);
    }
    if (t.str !== undefined) {
      let s = t.str;
      while (peek() && peek().str !== undefined) s += toks[i++].str; // "a" "b" concatenation
      return s;
    }
    if (t.id !== undefined) {
      if (t.id === 'NULL') return null;
      if (t.id in BUILTIN_CONSTANTS) return BUILTIN_CONSTANTS[t.id];
      if (defines.has(t.id) && !seen.has(t.id)) {
        return evaluate(defines.get(t.id), defines, new Set([...seen, t.id]));
      }
      throw new Error(`unknown identifier ${t.id} in "${expr}"`);
    }
    throw new Error(`unexpected ${t.op} in "${expr}"`);
  }
  function unary() {
    if (isOp('-')) { i++; return -numeric(unary()); }
    if (isOp('+')) { i++; return numeric(unary()); }
    if (isOp('~')) { i++; return ~numeric(unary()); }
    if (isOp('!')) { i++; return numeric(unary()) === 0n ? 1n : 0n; }
    return primary();
  }
  const binary = (next, ops, apply) => () => {
    let v = next();
    while (peek() && ops.includes(peek().op)) {
      const op = toks[i++].op;
      v = apply(op, numeric(v), numeric(next()));
    }
    return v;
  };
  const mul = binary(unary, ['*', '/', '%'], (op, a, b) => (op === '*' ? a * b : op === '/' ? a / b : a % b));
  const add = binary(mul, ['+', '-'], (op, a, b) => (op === '+' ? a + b : a - b));
  const shift = binary(add, ['<<', '>>'], (op, a, b) => (op === '<<' ? a << b : a >> b));
  const and = binary(shift, ['&'], (_, a, b) => a & b);
  const xor = binary(and, ['^'], (_, a, b) => a ^ b);
  const or = binary(xor, ['|'], (_, a, b) => a | b);
  const v = or();
  if (i !== toks.length) throw new Error(`trailing tokens in "${expr}"`);
  return v;
}

// ---------------------------------------------------------------- per-target source loading

/** File access for a target read from git: list(dir) and read(path), plus its commit. */
function gitFiles(t) {
  const { dir } = REPOS[t.repo];
  const commit = git(dir, 'rev-parse', `${t.rev}^{commit}`).trim();
  const date = git(dir, 'log', '-1', '--format=%cs', commit).trim();
  return { commit, date, list: (path) => gitList(dir, commit, path), read: (path) => gitShow(dir, commit, path) };
}

/** The servers cache's record of a build (servers.json), or undefined. */
function buildRecord(build) {
  try {
    return JSON.parse(readFileSync(join(SERVERS_CACHE, 'servers.json'), 'utf8')).find(b => b.id === build);
  } catch {
    return undefined;
  }
}

/** File access for a target read from a released source tree in the servers cache. */
function treeFiles(t) {
  const tree = join(SERVERS_CACHE, t.build, 'source', 'tree');
  if (!existsSync(join(tree, 'src', 'config.c'))) {
    throw new Error(`[${t.id}] released source of ${t.build} not found: no ${join(tree, 'src', 'config.c')}`
      + ' (run: bash scripts/fetch-servers.sh --sources, or set RG_SERVERS_CACHE / --servers)');
  }
  const version = /^(redis|valkey)-(\d+\.\d+\.\d+)-/.exec(t.build);
  const versionH = readFileSync(join(tree, 'src', 'version.h'), 'utf8');
  const said = /#define\s+(?:VALKEY|REDIS)_VERSION\s+"([^"]+)"/.exec(versionH)?.[1];
  if (!version || version[1] !== t.repo || said !== version[2]) {
    throw new Error(`[${t.id}] ${tree} is not ${t.repo} ${version?.[2] ?? t.build}: src/version.h says ${said}`);
  }
  const record = buildRecord(t.build);
  if (!record?.debian) throw new Error(`[${t.id}] ${t.build} is not in ${join(SERVERS_CACHE, 'servers.json')} (its Debian version is recorded there)`);
  const list = (path) => {
    try { return readdirSync(join(tree, path)).sort(); } catch { return []; }
  };
  return { version: said, debian: record.debian, suite: record.suite, list, read: (path) => readFileSync(join(tree, path), 'utf8') };
}

function loadSource(t) {
  const files = t.build ? treeFiles(t) : gitFiles(t);
  const { read, list } = files;
  const headers = list('src').filter(f => f.endsWith('.h'));
  const raw = {
    config: read('src/config.c'),
    server: read('src/server.c'),
    sentinel: read('src/sentinel.c'),
    acl: read('src/acl.c'),
    networking: read('src/networking.c'),
    notify: read('src/notify.c'),
    util: read('src/util.c'),
    sds: read('src/sds.c'),
    strtod: headers.includes('valkey_strtod.h') ? read('src/valkey_strtod.h') : '',
  };
  // server.h first so that its definitions win over same-named ones elsewhere.
  const headerTexts = ['server.h', ...headers.filter(h => h !== 'server.h')].map(h => read(`src/${h}`));
  const defines = collectDefines([...headerTexts, raw.config, raw.server]);
  const clean = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, stripComments(v)]));
  const commandJson = list('src/commands').filter(f => f.endsWith('.json'));
  const readCommands = () => commandJson.map(f => JSON.parse(read(`src/commands/${f}`)));
  return { ...t, ...files, defines, src: clean, readCommands };
}

// ---------------------------------------------------------------- directive extraction

function warn(target, msg) {
  console.warn(`warning [${target}]: ${msg}`);
}

function evalOrWarn(ctx, expr, what) {
  try {
    return evaluate(expr, ctx.defines);
  } catch (e) {
    warn(ctx.id, `${what}: ${e.message}`);
    return undefined;
  }
}

function flagList(expr) {
  const flags = [];
  for (const id of expr.match(/[A-Z_]+/g) ?? []) if (FLAG_NAMES[id]) flags.push(FLAG_NAMES[id]);
  return [...new Set(flags)];
}

/** `configEnum name[] = {{"a", X}, ...}` -> [{name, valueExpr}] */
function enumTable(ctx, name) {
  const body = initialiserBody(ctx.src.config, `configEnum\\s+${name}\\s*\\[\\s*\\]`);
  if (!body) throw new Error(`[${ctx.id}] enum ${name} not found`);
  const entries = [];
  for (const m of body.matchAll(/\{\s*"([^"]*)"\s*,\s*([^}]*?)\s*\}/g)) entries.push({ name: m[1].toLowerCase(), expr: m[2] });
  return entries;
}

function enumDefault(ctx, entries, expr) {
  const bySymbol = entries.find(e => e.expr === expr.trim());
  if (bySymbol) return bySymbol.name;
  const want = evalOrWarn(ctx, expr, 'enum default');
  for (const e of entries) {
    let v;
    try { v = evaluate(e.expr, ctx.defines); } catch { continue; }
    if (v === want) return e.name;
  }
  warn(ctx.id, `cannot resolve enum default ${expr}`);
  return undefined;
}

/** The entries of the standard config table, in source order. */
function tableConfigs(ctx) {
  const text = applyConditionals(ctx.src.config);
  const body = initialiserBody(text, 'standardConfig\\s+(?:static_)?configs\\s*\\[\\s*\\]');
  if (!body) throw new Error(`[${ctx.id}] config table not found`);
  const out = [];
  for (const m of body.matchAll(/\b(create\w+Config)\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const args = splitArgs(body.slice(open + 1, matchBracket(body, open) - 1));
    out.push(describeConfig(ctx, m[1], args));
  }
  return out;
}

function describeConfig(ctx, macro, args) {
  const name = unquote(args[0]).toLowerCase();
  const alias = unquote(args[1]);
  const d = { name, facts: { flags: flagList(args[2]) } };
  const f = d.facts;
  if (alias) f.aliases = [alias.toLowerCase()];
  const validator = (arg) => {
    if (arg && arg !== 'NULL') f.validator = arg;
  };
  switch (macro) {
    case 'createBoolConfig': {
      f.type = 'bool';
      const v = evalOrWarn(ctx, args[4], `${name} default`);
      if (v !== undefined) f.default = v !== 0n ? 'yes' : 'no';
      validator(args[5]);
      break;
    }
    case 'createStringConfig':
    case 'createSDSConfig': {
      f.type = 'string';
      if (args[3].includes('EMPTY_STRING_IS_NULL')) f.empty = 'empty-is-null';
      else if (args[3].includes('ALLOW_EMPTY_STRING')) f.empty = 'allow-empty';
      const v = evalOrWarn(ctx, args[5], `${name} default`);
      if (v === null) f.default = '';
      else if (typeof v === 'string') f.default = v;
      validator(args[6]);
      const emptyError = f.validator && validatorRefusesEmpty(ctx, f.validator);
      if (emptyError) f.refusesEmpty = emptyError;
      break;
    }
    case 'createEnumConfig': {
      f.type = 'enum';
      const entries = enumTable(ctx, args[3]);
      f.values = [...new Set(entries.map(e => e.name))];
      f.default = enumDefault(ctx, entries, args[5]);
      validator(args[6]);
      break;
    }
    case 'createSpecialConfig': {
      f.type = 'special';
      f.argc = specialArgc(ctx, args[3], f.flags.includes('multi-arg'));
      f.default = specialDefault(ctx, name);
      break;
    }
    default: {
      if (!NUM_KINDS[macro]) throw new Error(`[${ctx.id}] unknown config macro ${macro}`);
      f.numKind = NUM_KINDS[macro];
      const numFlags = [];
      if (/MEMORY_CONFIG/.test(args[7])) numFlags.push('memory');
      if (/PERCENT_CONFIG/.test(args[7])) numFlags.push('percent');
      if (/OCTAL_CONFIG/.test(args[7])) numFlags.push('octal');
      f.type = numFlags[0] ?? 'int';
      if (numFlags.length) f.numFlags = numFlags;
      const min = evalOrWarn(ctx, args[3], `${name} min`);
      const max = evalOrWarn(ctx, args[4], `${name} max`);
      const def = evalOrWarn(ctx, args[6], `${name} default`);
      if (min !== undefined) f.min = String(min);
      if (max !== undefined) f.max = String(max);
      if (def !== undefined) f.default = formatNumber(def, numFlags);
      validator(args[8]);
    }
  }
  return d;
}

/** A number as CONFIG GET prints it. */
function formatNumber(v, numFlags) {
  if (numFlags.includes('octal')) return v.toString(8);
  if (numFlags.includes('percent') && v < 0n) return `${-v}%`;
  return v.toString();
}

/**
 * Argument count a special config's setter accepts, read from its `argc` checks
 * (or, when it only hands argv/argc on to a shared setter, from that one's).
 */
function specialArgc(ctx, setter, multiArg, depth = 0) {
  if (!multiArg) return [1, 1];
  const body = functionBody(ctx.src.config, setter) ?? '';
  const delegate = /^\s*(?:UNUSED\s*\(\s*\w+\s*\)\s*;\s*)*return\s+(\w+)\s*\(\s*config\s*,\s*argv\s*,\s*argc\b[^;]*;\s*$/.exec(body);
  if (delegate && depth < 2) return specialArgc(ctx, delegate[1], multiArg, depth + 1);
  const exact = /\bargc\s*!=\s*([\w ()+*-]+?)\s*\)/.exec(body);
  if (exact) {
    const n = Number(evalOrWarn(ctx, exact[1], `${setter} argc`));
    return [n, n];
  }
  const max = /\bargc\s*>\s*([\w ()+*-]+?)\s*\)/.exec(body);
  if (max) return [1, Number(evalOrWarn(ctx, max[1], `${setter} argc`))];
  return [1, -1];
}

/** Body of the server's default-config initialiser. */
function initServerConfigBody(ctx) {
  return functionBody(ctx.src.server, 'initServerConfig') ?? '';
}

/** Default of a special / hand-parsed directive as CONFIG GET prints it, when derivable. */
function specialDefault(ctx, name) {
  const init = initServerConfigBody(ctx);
  const num = (e) => evaluate(e, ctx.defines);
  switch (name) {
    case 'save': {
      const pairs = [...init.matchAll(/appendServerSaveParams\s*\(([^,]+),([^)]+)\)/g)];
      return pairs.map(p => `${num(p[1])} ${num(p[2])}`).join(' ');
    }
    case 'bind': {
      if (!/server\.bindaddr\[j\]\s*=\s*zstrdup\(default_bindaddr/.test(init)) return '';
      const list = /\{([^}]*)\}/.exec(ctx.defines.get('CONFIG_DEFAULT_BINDADDR') ?? '');
      return list ? splitArgs(list[1]).map(unquote).join(' ') : undefined;
    }
    case 'client-output-buffer-limit': {
      const body = initialiserBody(ctx.src.config, 'clientBufferLimitsConfig\\s+clientBufferLimitsDefaults\\s*\\[[^\\]]*\\]');
      const fn = functionBody(ctx.src.networking, 'getClientTypeName') ?? '';
      const names = [...fn.matchAll(/return\s+"([^"]+)"/g)].map(m => m[1]);
      if (!body || names.length < 3) return undefined;
      const rows = [...body.matchAll(/\{([^}]*)\}/g)].map(m => splitArgs(m[1]).map(num).join(' '));
      return rows.map((r, i) => `${names[i]} ${r}`).join(' ');
    }
    case 'oom-score-adj-values': {
      const body = initialiserBody(ctx.src.config, 'int\\s+configOOMScoreAdjValuesDefaults\\s*\\[[^\\]]*\\]');
      return body ? splitArgs(body).map(num).join(' ') : undefined;
    }
    case 'latency-tracking-info-percentiles': {
      const vals = [...init.matchAll(/latency_tracking_info_percentiles\[\d+\]\s*=\s*([\d.]+)/g)];
      return vals.map(m => String(Number(m[1]))).join(' ');
    }
    case 'notify-keyspace-events':
      return /server\.notify_keyspace_events\s*=\s*0\s*;/.test(init) ? '' : undefined;
    case 'rdma-bind':
      // a zeroed global: no RDMA address until configured, unless initServerConfig sets some
      return /rdma_ctx_config\.bindaddr_count\s*=/.test(init) ? undefined : '';
    case 'replicaof':
    case 'requirepass':
      return ''; // no master / no password until configured
    case 'dir':
      return undefined; // the working directory at startup
    default:
      return rewriteDefault(ctx, name);
  }
}

/** 6.x: defaults of hand-parsed directives as passed to their rewriteConfig*Option call. */
function rewriteDefault(ctx, name) {
  const re = new RegExp(`rewriteConfig(\\w+)Option\\s*\\(\\s*state\\s*,\\s*"${name}"\\s*,([^;]*)\\)\\s*;`);
  const m = re.exec(ctx.src.config);
  if (!m) return undefined;
  const args = splitArgs(m[2]);
  const v = evalOrWarn(ctx, args[args.length - 1], `${name} rewrite default`);
  if (v === undefined) return undefined;
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (m[1] === 'Octal') return v.toString(8);
  return v.toString();
}

/**
 * The if/else-if chain of a parser function: every branch that compares argv[0]
 * with string literals, with the argc checks of its condition and its body.
 */
function parseChain(body) {
  const branches = [];
  for (const m of body.matchAll(/\bif\s*\(/g)) {
    const open = m.index + m[0].length - 1;
    const close = matchBracket(body, open);
    const cond = body.slice(open + 1, close - 1);
    const names = [...cond.matchAll(/strcasecmp\s*\(\s*argv\[0\]\s*,\s*"([^"]+)"\s*\)/g)].map(x => x[1].toLowerCase());
    if (!names.length) continue;
    const checks = [...cond.matchAll(/\bargc\s*(==|>=|>|<=|<|!=)\s*([\w +*-]+?)\s*(?=\)|&&|\|\||$)/g)].map(x => ({ op: x[1], rhs: x[2] }));
    let branchBody = '';
    const braceAt = body.slice(close).search(/\S/) + close;
    if (body[braceAt] === '{') branchBody = body.slice(braceAt + 1, matchBracket(body, braceAt) - 1);
    branches.push({ names, checks, body: branchBody });
  }
  return branches;
}

/** C argc checks -> [min, max] arguments after the keyword (argv[0] excluded). */
function argcRange(ctx, checks) {
  if (!checks.length) return [0, -1];
  const eq = [];
  let min = 1;
  let max = Infinity;
  for (const { op, rhs } of checks) {
    const n = Number(evalOrWarn(ctx, rhs, 'argc'));
    if (op === '==') eq.push(n);
    else if (op === '>=') min = Math.max(min, n);
    else if (op === '>') min = Math.max(min, n + 1);
    else if (op === '<=') max = Math.min(max, n);
    else if (op === '<') max = Math.min(max, n - 1);
  }
  if (eq.length) return [Math.min(...eq) - 1, Math.max(...eq) - 1];
  return [min - 1, max === Infinity ? -1 : max - 1];
}

/** Directives of one target: name -> facts. */
function extractDirectives(ctx) {
  const dirs = new Map();
  const table = tableConfigs(ctx);
  for (const d of table) dirs.set(d.name, d.facts);
  const tableNames = new Set(table.flatMap(d => [d.name, ...(d.facts.aliases ?? [])]));

  const loader = functionBody(ctx.src.config, 'loadServerConfigFromString');
  // 7.0+: deprecated names that the loader reads and ignores.
  const deprecated = initialiserBody(loader, 'deprecatedConfig\\s+deprecated_configs\\s*\\[\\s*\\]');
  if (deprecated) {
    for (const m of deprecated.matchAll(/\{\s*"([^"]+)"\s*,\s*([^,]+),\s*([^}]+?)\s*\}/g)) {
      const [lo, hi] = [m[2], m[3]].map(e => Number(evaluate(e, ctx.defines)));
      dirs.set(m[1].toLowerCase(), { type: 'ignored', argc: [lo - 1, hi - 1] });
    }
  }
  // Hand-parsed directives of the loader's if/else chain.
  for (const br of parseChain(loader)) {
    const live = br.names.filter(n => !tableNames.has(n)); // the table is consulted first
    if (!live.length) continue;
    const canonical = live.find(n => GLOBAL_CANONICAL.has(n)) ?? live[0];
    const facts = { argc: argcRange(ctx, br.checks) };
    const code = br.body.replace(/\s+/g, '');
    if (code === '') facts.type = 'ignored';
    else if (/^\w+=yesnotoi\(argv\[1\]\)/.test(code) || /yesnotoi\(argv\[1\]\)\)==-1/.test(code)) facts.type = 'bool';
    else facts.type = 'special';
    const aliases = live.filter(n => n !== canonical);
    if (aliases.length) facts.aliases = aliases;
    if (facts.type === 'special') {
      const def = specialDefault(ctx, canonical);
      if (def !== undefined) facts.default = def;
    }
    if (!dirs.has(canonical)) dirs.set(canonical, facts);
  }
  return dirs;
}

/** Names used as the canonical (first) name of a table entry in any target. */
const GLOBAL_CANONICAL = new Set();

// ---------------------------------------------------------------- sentinel, commands, ACL

function extractSentinel(ctx) {
  const body = functionBody(ctx.src.sentinel, 'sentinelHandleConfiguration');
  if (!body) throw new Error(`[${ctx.id}] sentinelHandleConfiguration not found`);
  const subs = [];
  for (const br of parseChain(body)) {
    const argc = argcRange(ctx, br.checks);
    for (const name of br.names) subs.push({ name, argc });
  }
  return subs;
}

function extractCommands(ctx) {
  const top = new Set();
  const subs = {};
  const docs = ctx.readCommands();
  if (docs.length) {
    for (const doc of docs) {
      for (const [name, spec] of Object.entries(doc)) {
        if ((spec.command_flags ?? []).includes('ONLY_SENTINEL')) continue;
        if (spec.container) (subs[spec.container.toLowerCase()] ??= new Set()).add(name.toLowerCase());
        else top.add(name.toLowerCase());
      }
    }
  } else {
    const table = initialiserBody(ctx.src.server, 'struct\\s+redisCommand\\s+redisCommandTable\\s*\\[\\s*\\]');
    for (const m of table.matchAll(/\{\s*"([^"]+)"\s*,/g)) top.add(m[1].toLowerCase());
  }
  const subcommands = {};
  for (const k of Object.keys(subs).sort()) subcommands[k] = [...subs[k]].sort();
  return { commands: [...top].sort(), subcommands };
}

function extractAclCategories(ctx) {
  const body = initialiserBody(ctx.src.acl, '\\}\\s*ACL(?:Default)?CommandCategories\\s*\\[\\s*\\]');
  if (!body) throw new Error(`[${ctx.id}] ACL categories not found`);
  return [...body.matchAll(/\{\s*"([^"]+)"\s*,/g)].map(m => m[1].toLowerCase());
}

/** The letters `notify-keyspace-events` accepts: the cases of keyspaceEventsStringToFlags, in source order. */
function extractKeyspaceEvents(ctx) {
  const body = functionBody(ctx.src.notify, 'keyspaceEventsStringToFlags');
  if (!body) throw new Error(`[${ctx.id}] keyspaceEventsStringToFlags not found`);
  const letters = [...body.matchAll(/\bcase\s+'(.)'\s*:/g)].map(m => m[1]);
  if (!/\bdefault\s*:\s*return\s+-1\s*;/.test(body)) warn(ctx.id, 'keyspaceEventsStringToFlags no longer refuses unknown letters');
  return letters.join('');
}

/**
 * The error a string config's validity function gives for "" when the config allows an empty string
 * but the function refuses it (Valkey 8.0 added this to isValidDBfilename; Redis lets `dbfilename ""`
 * through), or undefined.
 */
function validatorRefusesEmpty(ctx, validator) {
  const body = functionBody(ctx.src.config, validator);
  const m = body && /(?:!strcmp\(\s*\w+\s*,\s*""\s*\)|\w+\[0\]\s*==\s*'\\0')[^;{]*\)\s*\{[^}]*?\*err\s*=\s*"([^"]*)"/.exec(body);
  return m ? m[1] : undefined;
}

/**
 * Whether sdssplitargs refuses a closing quote that is not followed by a blank or the end
 * (`"a"b`). Every version checks `*(p+1) && !isspace(*(p+1))` there, except Valkey 9.1, whose
 * sdsparsearg reads on after the quote (`'a'b` is `ab`).
 */
function extractClosingQuoteNeedsBlank(ctx) {
  if (!/sdssplitargs/.test(ctx.src.sds)) throw new Error(`[${ctx.id}] sdssplitargs not found`);
  return /\*\(\s*p\s*\+\s*1\s*\)\s*&&\s*!isspace\(\s*\*\(\s*p\s*\+\s*1\s*\)\s*\)/.test(ctx.src.sds);
}

/**
 * How a memory value past 2^64-1 reads: 'saturate' (strtoull's ERANGE is not checked, so the value
 * becomes ULLONG_MAX, times the unit, wrapping) or 'refuse' (Valkey 9.1 checks ERANGE).
 */
function extractMemoryOverflow(ctx) {
  // Redis 6.x parses memory with the signed memtoll
  const body = functionBody(ctx.src.util, 'memtoull') ?? functionBody(ctx.src.util, 'memtoll') ?? '';
  if (!body) throw new Error(`[${ctx.id}] neither memtoull nor memtoll found`);
  return /errno\s*==\s*ERANGE/.test(body) ? 'refuse' : 'saturate';
}

/**
 * Which parser string2d (the float values of config lines) uses: C's 'strtod', which reads hex
 * floats such as 0x1p3, or 'fast-float' (Valkey 9.1's valkey_strtod: decimal and inf/nan only).
 * In Valkey 8.1 valkey_strtod is fast_float only in builds with USE_FAST_FLOAT, which is off by
 * default (and in Debian's build), so it is strtod there.
 */
function extractFloatParser(ctx) {
  const body = functionBody(ctx.src.util, 'string2d') ?? '';
  if (!body) throw new Error(`[${ctx.id}] string2d not found`);
  if (!/valkey_strtod/.test(body)) return 'strtod';
  const optional = /#\s*ifdef\s+USE_FAST_FLOAT/.test(ctx.src.strtod) && !DEFINED.has('USE_FAST_FLOAT');
  return optional ? 'strtod' : 'fast-float';
}

/**
 * What the loader does with a directive it does not know: 'line' refuses it at its line; 'startup'
 * (Redis 8) queues it for the modules, and start-up aborts when no module claims it. Told apart by
 * whether loadServerConfigFromString queues only dotted names (module configs) or everything left over.
 */
function extractUnknownDirectives(ctx) {
  const loader = functionBody(ctx.src.config, 'loadServerConfigFromString') ?? '';
  const queues = /module_configs_queue/.test(loader);
  const dottedOnly = /strchr\(\s*argv\[0\]\s*,\s*'\.'\s*\)/.test(loader);
  return queues && !dottedOnly ? 'startup' : 'line';
}

// ---------------------------------------------------------------- merge + output

const VARIANT_KEYS = ['versions', 'type', 'aliases', 'numKind', 'numFlags', 'min', 'max', 'values',
  'flags', 'default', 'empty', 'validator', 'refusesEmpty', 'argc'];

function normaliseFacts(f) {
  const out = {};
  for (const k of VARIANT_KEYS) {
    if (k === 'versions') continue;
    const v = f[k];
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = k === 'aliases' || k === 'flags' ? [...v].sort() : v;
  }
  return out;
}

function mergeDirectives(perTarget) {
  const directives = {};
  const names = new Set();
  for (const dirs of perTarget.values()) for (const n of dirs.keys()) names.add(n);
  for (const name of [...names].sort()) {
    const variants = [];
    for (const [target, dirs] of perTarget) {
      if (!dirs.has(name)) continue;
      const facts = normaliseFacts(dirs.get(name));
      const key = JSON.stringify(facts);
      let v = variants.find(x => x.key === key);
      if (!v) variants.push(v = { key, versions: [], facts });
      v.versions.push(target);
    }
    directives[name] = variants.map(v => ({ versions: v.versions, ...v.facts }));
  }
  return directives;
}

function mergeSentinel(perTarget) {
  const merged = new Map();
  for (const [target, subs] of perTarget) {
    for (const s of subs) {
      const key = `${s.name} ${s.argc.join(',')}`;
      if (!merged.has(key)) merged.set(key, { versions: [], name: s.name, argc: s.argc });
      const e = merged.get(key);
      if (!e.versions.includes(target)) e.versions.push(target);
    }
  }
  const order = TARGETS.map(t => t.id);
  return [...merged.values()].sort((a, b) =>
    a.name.localeCompare(b.name) || order.indexOf(a.versions[0]) - order.indexOf(b.versions[0]));
}

/** JSON with arrays of scalars and variant objects kept on one line each. */
function toJson(value, indent = '') {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.every(v => typeof v !== 'object' || v === null)) return JSON.stringify(value);
    return `[\n${value.map(v => inner + toJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.every(([, v]) => typeof v !== 'object' || v === null || (Array.isArray(v) && v.every(x => typeof x !== 'object')))) {
      if (JSON.stringify(value).length < 400) return JSON.stringify(value);
    }
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJson(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

// ---------------------------------------------------------------- main

function main() {
  const contexts = TARGETS.filter(t => !t.basedOn).map(loadSource);
  const byId = new Map(contexts.map(c => [c.id, c]));

  // Canonical names first (they decide which name of a hand-parsed group leads).
  const tables = new Map(contexts.map(c => [c.id, tableConfigs(c)]));
  for (const t of tables.values()) for (const d of t) GLOBAL_CANONICAL.add(d.name);

  /** Per target: directives, sentinel, commands, subcommands, aclCategories, keyspaceEvents, unknownDirectives, source, tableCount. */
  const facts = new Map();
  for (const ctx of contexts) {
    const cmd = extractCommands(ctx);
    facts.set(ctx.id, {
      directives: extractDirectives(ctx),
      tableCount: tables.get(ctx.id).length,
      sentinel: extractSentinel(ctx),
      commands: cmd.commands,
      subcommands: cmd.subcommands,
      aclCategories: extractAclCategories(ctx),
      keyspaceEvents: extractKeyspaceEvents(ctx),
      unknownDirectives: extractUnknownDirectives(ctx),
      memoryOverflow: extractMemoryOverflow(ctx),
      floatParser: extractFloatParser(ctx),
      closingQuoteNeedsBlank: extractClosingQuoteNeedsBlank(ctx),
      source: describeSource(ctx),
    });
  }
  // Derived targets, after their base (which may come later in catalog order).
  const pending = TARGETS.filter(t => t.basedOn);
  while (pending.length) {
    const i = pending.findIndex(t => facts.has(t.basedOn));
    if (i < 0) throw new Error(`no base for ${pending.map(t => t.id).join(', ')}`);
    const [t] = pending.splice(i, 1);
    facts.set(t.id, derive(t, facts.get(t.basedOn), byId));
  }

  const pick = (key) => Object.fromEntries(TARGETS.map(t => [t.id, facts.get(t.id)[key]]));
  const catalog = {
    targets: TARGETS.map(t => t.id),
    sources: pick('source'),
    directives: mergeDirectives(new Map(TARGETS.map(t => [t.id, facts.get(t.id).directives]))),
    sentinel: mergeSentinel(new Map(TARGETS.map(t => [t.id, facts.get(t.id).sentinel]))),
    commands: pick('commands'),
    subcommands: pick('subcommands'),
    aclCategories: pick('aclCategories'),
    keyspaceEvents: pick('keyspaceEvents'),
    unknownDirectives: pick('unknownDirectives'),
    memoryOverflow: pick('memoryOverflow'),
    floatParser: pick('floatParser'),
    closingQuoteNeedsBlank: pick('closingQuoteNeedsBlank'),
  };

  mkdirSync(dirname(OUT), { recursive: true });
  const json = toJson(catalog) + '\n';
  writeFileSync(OUT, json);
  report(catalog, new Map(TARGETS.map(t => [t.id, facts.get(t.id).directives])), pick('tableCount'), json.length);
}

/** The `sources` text of a target read from git or from a released source tree. */
function describeSource(ctx) {
  if (ctx.build) {
    return `Debian source package ${ctx.repo} ${ctx.debian} (${ctx.suite}), upstream tarball of ${ctx.repo} ${ctx.version}`;
  }
  const url = REPOS[ctx.repo].url;
  return `${url} tag ${ctx.rev}, commit ${ctx.commit}`;
}

/** A derived target: its base's facts with the documented deltas of DERIVED applied. */
function derive(t, base, byId) {
  const spec = DERIVED[t.id];
  if (!spec) throw new Error(`[${t.id}] basedOn without a DERIVED entry`);
  const directives = new Map(base.directives);
  const commands = new Set(base.commands);
  const subcommands = Object.fromEntries(Object.entries(base.subcommands).map(([k, v]) => [k, new Set(v)]));
  let keyspaceEvents = base.keyspaceEvents;
  let tableCount = base.tableCount;
  for (const d of spec.deltas) {
    const has = d.name !== undefined && directives.has(d.name);
    switch (d.kind) {
      case 'add-directive':
        if (has) throw new Error(`[${t.id}] ${d.name} is already in ${t.basedOn}`);
        directives.set(d.name, d.facts);
        tableCount++;
        break;
      case 'remove-directive':
        if (!has) throw new Error(`[${t.id}] ${d.name} is not in ${t.basedOn}`);
        directives.delete(d.name);
        tableCount--;
        break;
      case 'change-directive':
        if (!has) throw new Error(`[${t.id}] ${d.name} is not in ${t.basedOn}`);
        directives.set(d.name, { ...directives.get(d.name), ...d.facts });
        break;
      case 'add-commands':
        for (const c of d.names) commands.add(c);
        break;
      case 'remove-commands':
        for (const c of d.names) {
          if (!commands.delete(c)) throw new Error(`[${t.id}] command ${c} is not in ${t.basedOn}`);
        }
        break;
      case 'add-subcommands':
        for (const c of d.names) (subcommands[d.container] ??= new Set()).add(c);
        break;
      case 'remove-subcommands':
        for (const c of d.names) {
          if (!subcommands[d.container]?.delete(c)) throw new Error(`[${t.id}] ${d.container} ${c} is not in ${t.basedOn}`);
        }
        break;
      case 'add-keyspace-events':
        keyspaceEvents += [...d.letters].filter(c => !keyspaceEvents.includes(c)).join('');
        break;
      case 'remove-keyspace-events':
        keyspaceEvents = [...keyspaceEvents].filter(c => !d.letters.includes(c)).join('');
        break;
      default:
        throw new Error(`[${t.id}] unknown delta kind ${d.kind}`);
    }
  }
  const sortedSubs = {};
  for (const k of Object.keys(subcommands).sort()) if (subcommands[k].size) sortedSubs[k] = [...subcommands[k]].sort();
  return {
    directives,
    tableCount,
    sentinel: base.sentinel,
    commands: [...commands].sort(),
    subcommands: sortedSubs,
    aclCategories: base.aclCategories,
    keyspaceEvents,
    unknownDirectives: base.unknownDirectives,
    memoryOverflow: base.memoryOverflow,
    floatParser: base.floatParser,
    closingQuoteNeedsBlank: base.closingQuoteNeedsBlank,
    source: spec.source(byId.get(t.basedOn) ?? {}, t.basedOn),
  };
}

// ---------------------------------------------------------------- sanity report

function report(catalog, directives, tableCounts, bytes) {
  const lookup = (name, target) => (catalog.directives[name] ?? []).find(v => v.versions.includes(target));
  console.log('target         table  directives  sentinel  commands  acl-categories');
  for (const t of catalog.targets) {
    const n = directives.get(t).size;
    const s = catalog.sentinel.filter(x => x.versions.includes(t)).length;
    console.log(`${t.padEnd(14)} ${String(tableCounts[t]).padStart(5)}  ${String(n).padStart(10)}  ${String(s).padStart(8)}  ${String(catalog.commands[t].length).padStart(8)}  ${String(catalog.aclCategories[t].length).padStart(14)}`);
  }
  const checks = [];
  const check = (label, ok) => checks.push({ label, ok: !!ok });
  check('gopher-enabled in redis@6.0 and redis@6.2', lookup('gopher-enabled', 'redis@6.0') && lookup('gopher-enabled', 'redis@6.2'));
  check('gopher-enabled absent in redis@7.0', !lookup('gopher-enabled', 'redis@7.0'));
  check('enable-debug-command from redis@7.0 (not 6.2)', lookup('enable-debug-command', 'redis@7.0') && !lookup('enable-debug-command', 'redis@6.2'));
  check('locale-collate from redis@7.2 (not 7.0)', lookup('locale-collate', 'redis@7.2') && !lookup('locale-collate', 'redis@7.0'));
  check('hide-user-data-from-log from redis@7.4 (not 7.2)', lookup('hide-user-data-from-log', 'redis@7.4') && !lookup('hide-user-data-from-log', 'redis@7.2'));
  const mm = lookup('maxmemory', 'redis@7.0');
  check('maxmemory memory ulonglong 0..ULLONG_MAX default 0', mm && mm.type === 'memory' && mm.numKind === 'ulonglong'
    && mm.min === '0' && mm.max === '18446744073709551615' && mm.default === '0');
  check('hz int', lookup('hz', 'redis@7.0')?.type === 'int');
  const mc = lookup('maxmemory-clients', 'redis@7.0');
  check('maxmemory-clients memory+percent', mc?.type === 'memory' && mc.numFlags?.join() === 'memory,percent');
  check('unixsocketperm octal (7.0)', lookup('unixsocketperm', 'redis@7.0')?.type === 'octal');
  check('tls-protocols in every redis/valkey target', catalog.targets.every(t => lookup('tls-protocols', t)));
  check('slaveof alias of replicaof (7.0, 6.0)', lookup('replicaof', 'redis@7.0')?.aliases?.includes('slaveof')
    && lookup('replicaof', 'redis@6.0')?.aliases?.includes('slaveof'));
  check('winlog-level only for memurai', lookup('winlog-level', 'memurai@4.1') && !lookup('winlog-level', 'redis@7.2'));
  check('import-mode and commandlog-* in valkey@8.1 (released 8.1.1)', lookup('import-mode', 'valkey@8.1') && lookup('commandlog-execution-slower-than', 'valkey@8.1'));
  check('io-threads max 256 in valkey@8.1', lookup('io-threads', 'valkey@8.1')?.max === '256');
  check('repl-rdb-channel in redis@8.0 (released 8.0.x)', lookup('repl-rdb-channel', 'redis@8.0'));
  check('keyspace letters: redis@6.0 lacks d and n, redis@8.2 adds o and c',
    !/[dn]/.test(catalog.keyspaceEvents['redis@6.0']) && catalog.keyspaceEvents['redis@8.2'].endsWith('oc'));
  check('every target has commands, ACL categories, sentinel statements and keyspace letters', catalog.targets.every(t =>
    catalog.commands[t].length && catalog.aclCategories[t].length && catalog.keyspaceEvents[t] && catalog.sentinel.some(x => x.versions.includes(t))));
  check(`JSON size < 400 KB (${(bytes / 1024).toFixed(1)} KB)`, bytes < 400 * 1024);
  for (const c of checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.label}`);
  console.log(`wrote ${OUT}`);
  if (checks.some(c => !c.ok)) process.exitCode = 1;
}

try {
  main();
} catch (e) {
  console.error(`generate-catalog: ${e.message}`);
  process.exit(1);
}
