/**
 * One spec per fatal condition: the code, the line, the stage and the server's own
 * error text. The conformance suite checks the same verdicts against the real server.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText, verdictOf, Finding } from '../../server/src/engine/lint';
import { classifyBindAddress } from '../../server/src/engine/bind-address';

const lint = (text: string, server = 'redis@7.0', extra: Parameters<typeof lintText>[1] = {}) =>
  lintText(text, { server, fs: null, ...extra });
const fatal = (f: Finding[]) => f.filter(x => x.fatal);

interface Case { name: string; text: string; code: string; line: number; stage?: 'load' | 'startup'; server?: string | RegExp }

const cases: Case[] = [
  { name: 'unbalanced double quote', text: 'requirepass "abc', code: 'RG100', line: 1, server: 'Unbalanced quotes in configuration line' },
  { name: 'text glued to a closing quote', text: 'requirepass "abc"def', code: 'RG100', line: 1 },
  { name: 'unknown directive', text: 'port 6379\nmaxmemmory 2gb', code: 'RG101', line: 2, server: 'Bad directive or wrong number of arguments' },
  { name: 'one-value directive with two values', text: 'maxmemory 2 gb', code: 'RG102', line: 1, server: 'wrong number of arguments' },
  { name: 'one-value directive with no value', text: 'maxmemory', code: 'RG102', line: 1, server: 'wrong number of arguments' },
  { name: 'boolean not yes/no', text: 'appendonly true', code: 'RG103', line: 1, server: "argument must be 'yes' or 'no'" },
  { name: 'bad enum', text: 'appendfsync sometimes', code: 'RG104', line: 1, server: /^argument\(s\) must be one of the following: everysec, always, no$/ },
  { name: 'integer with +', text: 'tcp-backlog +511', code: 'RG105', line: 1, server: "argument couldn't be parsed into an integer" },
  { name: 'integer with leading zero', text: 'databases 016', code: 'RG105', line: 1 },
  { name: 'integer out of range', text: 'databases 0', code: 'RG106', line: 1, server: /^argument must be between 1 and 2147483647 inclusive$/ },
  { name: 'memory with t unit', text: 'maxmemory 1tb', code: 'RG107', line: 1, server: 'argument must be a memory value' },
  { name: 'memory with decimals', text: 'maxmemory 1.5gb', code: 'RG107', line: 1 },
  { name: 'negative memory', text: 'maxmemory -1', code: 'RG107', line: 1 },
  { name: 'percent too large', text: 'maxmemory-clients 101%', code: 'RG106', line: 1, server: 'percentage argument must be less or equal to 100' },
  { name: 'save with odd count', text: 'save 900', code: 'RG108', line: 1, server: 'Invalid save parameters' },
  { name: 'save with zero seconds', text: 'save 0 1', code: 'RG108', line: 1 },
  { name: 'save with inline comment', text: 'save 900 1 # often', code: 'RG113', line: 1, server: 'Invalid save parameters' },
  { name: 'rename of unknown command', text: 'rename-command NOSUCH ""', code: 'RG109', line: 1, server: 'No such command in rename-command' },
  { name: 'rename twice', text: 'rename-command KEYS ""\nrename-command KEYS ""', code: 'RG109', line: 2, server: 'No such command in rename-command' },
  { name: 'rename to an existing name', text: 'rename-command KEYS GET', code: 'RG109', line: 1, server: 'Target command name already exists' },
  { name: 'duplicate user', text: 'user a on nopass ~* +@all\nuser a off', code: 'RG110', line: 2, server: /Duplicate user found/ },
  { name: 'bad password hash', text: 'user a on #abc', code: 'RG110', line: 1, server: /password hash must be exactly 64/ },
  { name: 'directive newer than the target', text: 'locale-collate ""', code: 'RG111', line: 1 },
  { name: 'directive removed before the target', text: 'gopher-enabled no', code: 'RG112', line: 1 },
  { name: 'byte order mark', text: '\ufeff# comment\nport 6379', code: 'RG114', line: 1 },
  { name: 'sentinel line in a server config', text: 'sentinel monitor m 127.0.0.1 6379 2', code: 'RG119', line: 1, server: 'sentinel directive while not in sentinel mode' },
  { name: 'client-output-buffer-limit master class', text: 'client-output-buffer-limit master 0 0 0', code: 'RG104', line: 1, server: 'Invalid client class specified in buffer limit configuration.' },
  { name: 'client-output-buffer-limit group of 3', text: 'client-output-buffer-limit normal 0 0', code: 'RG102', line: 1, server: 'Wrong number of arguments in buffer limit configuration.' },
  { name: 'oom-score-adj-values out of range', text: 'oom-score-adj-values 0 200 3000', code: 'RG106', line: 1 },
  { name: 'notify-keyspace-events bad class', text: 'notify-keyspace-events Q', code: 'RG118', line: 1 },
  { name: 'replicaof bad port', text: 'replicaof 127.0.0.1 70000', code: 'RG106', line: 1, server: 'Invalid master port' },
  { name: 'dbfilename with a path', text: 'dbfilename /tmp/dump.rdb', code: 'RG118', line: 1, server: "dbfilename can't be a path, just a filename" },
  { name: 'module config without value', text: 'search.timeout', code: 'RG102', line: 1, server: 'Module config specified without value' },
  { name: 'bind address "#"', text: 'bind 127.0.0.1 # local', code: 'RG120', line: 1, stage: 'startup' },
  { name: 'tls-port without cert', text: 'tls-port 6390', code: 'RG121', line: 1, stage: 'startup' },
  { name: 'tls without CA while clients are authenticated', text: 'tls-port 6390\ntls-cert-file a.crt\ntls-key-file a.key', code: 'RG121', line: 1, stage: 'startup' },
  { name: 'replicaof in cluster mode', text: 'cluster-enabled yes\nreplicaof 127.0.0.1 6379', code: 'RG122', line: 2, stage: 'startup' },
  { name: 'user lines with aclfile', text: 'aclfile /etc/redis/users.acl\nuser a on nopass', code: 'RG123', line: 2, stage: 'startup' },
  { name: 'module config without loadmodule', text: 'search.timeout 500', code: 'RG124', line: 1, stage: 'startup' },
  { name: 'nothing to listen on', text: 'port 0', code: 'RG126', line: 1, stage: 'startup' },
  { name: 'unknown command in a user rule fails at start-up', text: 'user a on +nosuchcommand', code: 'RG110', line: 1, stage: 'startup' },
];

for (const c of cases) {
  test(c.name, () => {
    const findings = lint(c.text);
    const hit = fatal(findings).find(f => f.code === c.code);
    assert.ok(hit, `expected ${c.code}; got ${JSON.stringify(findings.map(f => [f.code, f.line, f.message]))}`);
    assert.equal(hit.line + 1, c.line);
    assert.equal(hit.stage, c.stage ?? 'load');
    if (typeof c.server === 'string') assert.equal(hit.serverMessage, c.server);
    else if (c.server) assert.match(hit.serverMessage ?? '', c.server);
    assert.ok(hit.message.length > 20, 'the message explains what to do');
  });
}

test('every failing line is reported, not only the first', () => {
  const f = fatal(lint('appendonly maybe\nport abc\nsave 1\n'));
  assert.deepEqual(f.map(x => x.line + 1), [1, 2, 3]);
  assert.deepEqual(verdictOf(f), { kind: 'refused', line: 1 });
});

test('valid files have no fatal findings', () => {
  const ok = [
    'port 6380\nbind 127.0.0.1 -::1\nsave 900 1 300 10\nsave ""\nmaxmemory 2GB\nmaxmemory-policy ALLKEYS-LRU\nappendonly YES',
    'maxmemory-clients 10%\nunixsocketperm 700\nrename-command CONFIG CONFIG_xyz\nrename-command CONFIG_xyz ""',
    'slaveof 127.0.0.1 6379\nhash-max-ziplist-entries 128\nlist-max-ziplist-entries 512',
    'requirepass "quoted \\"pass\\" with blanks"\nuser default on nopass ~* &* +@all\nuser app on >secret ~app:* +@read +get',
    'client-output-buffer-limit normal 0 0 0 slave 256mb 64mb 60 pubsub 32mb 8mb 60',
    'save "900 1"\nshutdown-on-sigterm "save now"\noom-score-adj-values 0 200 800',
    'port 6380\r\nmaxclients 100\r\n',
  ];
  for (const text of ok) assert.deepEqual(fatal(lint(text)), [], text);
});

test('enum and directive names are case-insensitive, values of strings are not changed', () => {
  assert.deepEqual(fatal(lint('APPENDFSYNC EverySec\nLogLevel NOTICE')), []);
});

test('targets differ: save with an inline comment was accepted before 7.0', () => {
  assert.equal(fatal(lint('save 900 1 # x', 'redis@6.2')).length, 0);
  assert.equal(fatal(lint('save 900 1 # x', 'redis@7.0')).length, 1);
});

test('the seed file: fatal at 22, 23, 24 and 82 against redis@7.0', () => {
  const seed = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'examples', 'memurai.conf'), 'utf8');
  const lines = fatal(lintText(seed, { server: 'redis@7.0', filePath: 'memurai.conf' })).map(f => f.line + 1);
  assert.deepEqual([...new Set(lines)], [22, 23, 24, 82]);
});

test('include is followed, and errors inside report the included line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-inc-'));
  try {
    fs.writeFileSync(path.join(dir, 'extra.conf'), '# x\nappendonly perhaps\n');
    fs.writeFileSync(path.join(dir, 'main.conf'), 'port 6380\ninclude extra.conf\n');
    const f = lintText(fs.readFileSync(path.join(dir, 'main.conf'), 'utf8'), { server: 'redis@7.0', filePath: path.join(dir, 'main.conf') });
    const hit = fatal(f)[0];
    assert.equal(hit.line, 1, 'reported on the include line');
    assert.equal(hit.serverLine, 2, 'with the line number the server prints');
    assert.match(hit.message, /extra\.conf, line 2/);
    assert.deepEqual(verdictOf(f), { kind: 'refused', line: 2 });
    // a glob with no match is fine; a missing plain path is reported
    assert.deepEqual(fatal(lintText('include nothing-*.conf', { server: 'redis@7.0', filePath: path.join(dir, 'g.conf'), hostChecks: true })), []);
    const missing = lintText('include missing.conf', { server: 'redis@7.0', filePath: path.join(dir, 'm.conf'), hostChecks: true });
    assert.equal(fatal(missing)[0]?.code, 'RG116');
    const soft = lintText('include missing.conf', { server: 'redis@7.0', filePath: path.join(dir, 'm.conf'), profile: false });
    assert.equal(fatal(soft).length, 0);
    assert.equal(soft[0].severity, 'warning');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('command-line options are applied after the file, like the server does', () => {
  assert.equal(fatal(lint('port 0')).length, 1);
  assert.equal(fatal(lint('port 0', 'redis@7.0', { extraArgs: ['--port', '7001'] })).length, 0);
});

test('bind addresses: loopback and wildcards are fine anywhere, other IPs depend on the host, malformed ones never bind', () => {
  for (const a of ['*', '::*', '0.0.0.0', '::', '::1', 'localhost', '127.0.0.1', '127.9.9.9']) assert.equal(classifyBindAddress(a), 'ok', a);
  for (const a of ['10.0.0.5', '169.254.1.1', 'fe80::1%eth0', '2001:db8::1', 'redis.internal', '127.1']) assert.equal(classifyBindAddress(a), 'unverifiable', a);
  for (const a of ['256.1.1.1', '1.2.3.999', 'bad_name', '#', 'a..b', 'x:y']) assert.equal(classifyBindAddress(a), 'invalid', a);
});

test('an include pattern with an unclosed [ is read as glob(3) reads it, not thrown out of the engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-bracket-'));
  try {
    fs.mkdirSync(path.join(dir, 'conf[.d'));
    fs.writeFileSync(path.join(dir, 'conf[.d', 'x.conf'), 'maxclients yes\n');
    const main = path.join(dir, 'redis.conf');
    const text = `include ${dir}/conf[.d/*.conf\ninclude ${dir}/nothing[.conf\n`;
    const findings = lintText(text, { server: 'redis@7.0', filePath: main, profile: false });
    // the literal folder "conf[.d" is found and its file read; the second pattern matches nothing, silently
    assert.deepEqual(findings.filter(f => f.fatal).map(f => [f.line, f.code]), [[0, 'RG105']]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
