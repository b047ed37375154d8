/**
 * Command-line configs: the server's argv rule (argv.ts), the word splitters of Compose and sh
 * (words.ts), the three extractors with the exact text range of every argument, where findings
 * land, and what a hostile file gets (a bounded check and a clear note, never a crash).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argvToConfig, configText } from '../../server/src/engine/command-line/argv';
import { composeInterpolate, composeWords, locate, shellWords } from '../../server/src/engine/command-line/words';
import { extractCompose } from '../../server/src/engine/command-line/compose';
import { extractDockerfile } from '../../server/src/engine/command-line/dockerfile';
import { extractKubernetes } from '../../server/src/engine/command-line/kubernetes';
import { checkArgv, commandFileKind, lintCommandFile, lintDocument } from '../../server/src/engine/command-line/lint';
import { resolveTarget, Target } from '../../server/src/engine/catalog';
import { COMPOSE, DOCKERFILE, HOURLY_COMPOSE, KUBERNETES } from '../helpers/command-line-fixtures';

const T = (id: string) => resolveTarget(id) as Target;
const opts = (argv: string[]) => argvToConfig(['redis-server', ...argv], 'redis').options;

// ---------------------------------------------------------------------------
// the server's rule

test('--name value pairs become config lines, values quoted as sdscatrepr quotes them', () => {
  assert.equal(opts(['--port', '6380', '--save', '900', '1']), 'port "6380" \nsave "900" "1" ');
  assert.equal(opts(['--requirepass', '#secret', '--bind', '127.0.0.1', '#', 'local']), 'requirepass "#secret" \nbind "127.0.0.1" "#" "local" ');
  assert.equal(opts(['--requirepass', 'a"b\\c\td\x01']), 'requirepass "a\\"b\\\\c\\td\\x01" ');
});

test('an option and its value in one argument are the line as written', () => {
  assert.equal(opts(['--port 6380']), 'port 6380 ');
  assert.equal(opts(['--save 900 1 # hourly', '--appendonly', 'yes']), 'save 900 1 # hourly \nappendonly "yes" ');
});

test('--save with no value: followed by an option, or last, it is save ""', () => {
  assert.equal(opts(['--save', '--appendonly', 'yes']), 'save ""\nappendonly "yes" ');
  assert.equal(opts(['--appendonly', 'yes', '--save']), 'appendonly "yes" \nsave ""');
  assert.equal(opts(['--save', '']), 'save "" ');
  assert.equal(opts(['--SAVE', '--port', '1']), 'SAVE ""\nport "1" ', 'the name is compared without case');
});

test('after a name without a value, an argument starting with -- is its value (except after --save and --sentinel)', () => {
  assert.equal(opts(['--masterauth', '--secret', '--port', '1']), 'masterauth "--secret" \nport "1" ');
  assert.equal(opts(['--sentinel', '--port', '26379']), 'sentinel \nport "26379" ');
});

test('the first argument is the config file unless it starts with "-"; "-" first or last reads standard input', () => {
  const a = argvToConfig(['redis-server', '/etc/redis.conf', '--port', '1'], 'redis');
  assert.equal(a.configFile, 1);
  assert.equal(a.options, 'port "1" ');
  const b = argvToConfig(['redis-server', '--port', '1', '-'], 'redis');
  assert.equal(b.stdin, 3);
  assert.equal(b.configFile, undefined);
  const c = argvToConfig(['redis-server', '--requirepass', '-', '--port', '1'], 'redis');
  assert.equal(c.stdin, undefined, 'a "-" in the middle is a value');
  assert.equal(c.options, 'requirepass "-" \nport "1" ');
  assert.equal(argvToConfig(['redis-server', 'a.conf', 'b.conf'], 'redis').options, '"b.conf" ', 'a second file name is a config line of its own');
});

test('the text read is the file, standard input, a newline, then the options', () => {
  const c = argvToConfig(['redis-server', 'x.conf', '--port', '1'], 'redis');
  assert.deepEqual(configText(c, 'maxmemory 1mb\n'), { text: 'maxmemory 1mb\n\nport "1" ', optionsAt: 15 });
  assert.deepEqual(configText(argvToConfig(['redis-server', '--port', '1'], 'redis')), { text: '\nport "1" ', optionsAt: 1 });
});

test('commands that start no server, and sentinel mode', () => {
  for (const a of ['-v', '--version', '-h', '--help', '--check-system']) assert.equal(argvToConfig(['redis-server', a, '--port', '1'], 'redis').command.kind, 'no-server', a);
  assert.equal(argvToConfig(['redis-server', '--test-memory', '100'], 'redis').command.kind, 'no-server');
  assert.deepEqual(argvToConfig(['redis-server', '--port', '1', '-v'], 'redis').command, { kind: 'server', sentinel: false }, 'only the first argument');
  assert.deepEqual(argvToConfig(['/usr/bin/redis-sentinel', 's.conf'], 'redis').command, { kind: 'server', sentinel: true });
  assert.deepEqual(argvToConfig(['valkey-sentinel', 's.conf'], 'valkey').command, { kind: 'server', sentinel: true });
  assert.deepEqual(argvToConfig(['redis-server', 's.conf', '--sentinel'], 'redis').command, { kind: 'server', sentinel: true });
});

test('the spans say which argument each piece of the options came from', () => {
  const c = argvToConfig(['redis-server', '--save', '900', '1', '--port 1'], 'redis');
  assert.deepEqual(c.spans.map(s => [c.options.slice(s.start, s.end), s.arg]), [['save', 1], ['"900"', 2], ['"1"', 3], ['port 1', 4]]);
});

test('checkArgv: the verdict and the line the server stops at', () => {
  const r = checkArgv(['redis-server', '--maxmemory', '10mb', '--appendonly', 'maybe'], T('redis@7.0'), { profile: false });
  assert.deepEqual(r.verdict, { kind: 'refused', line: 3 });
  const s = checkArgv(['redis-sentinel', '--port', '26379'], T('redis@7.0'), { profile: false });
  assert.deepEqual(s.verdict, { kind: 'refused-startup' });
  assert.deepEqual(s.findings.map(f => f.code), ['RG129']);
  const v = checkArgv(['redis-server', '--requirepass', 'a"b'], T('valkey@8.1'), { profile: false });
  assert.deepEqual(v.verdict, { kind: 'refused', line: 2 }, 'Valkey 8.1.1 does not escape the quote');
});

// ---------------------------------------------------------------------------
// word splitters

const words = (s: string) => {
  const i = composeInterpolate(locate(s, 0));
  if ('invalidAt' in i) return { invalidAt: i.invalidAt };
  const r = composeWords(i.chars);
  return r.ok ? r.words.map(w => [w.value, w.start, w.end, w.unresolved ? 'U' : '']) : r;
};

test('Compose splits a command string with go-shellwords: # is text, quotes group, ; ends the command', () => {
  assert.deepEqual(words('redis-server --save 900 1 # hourly'), [['redis-server', 0, 12, ''], ['--save', 13, 19, ''], ['900', 20, 23, ''], ['1', 24, 25, ''], ['#', 26, 27, ''], ['hourly', 28, 34, '']]);
  assert.deepEqual(words(`a "b c" 'd e' f\\ g ""`), [['a', 0, 1, ''], ['b c', 2, 7, ''], ['d e', 8, 13, ''], ['f g', 14, 18, ''], ['', 19, 21, '']]);
  assert.deepEqual(words('a "\\q"'), [['a', 0, 1, ''], ['q', 2, 6, '']], 'a backslash takes the next character, also in double quotes');
  const cut = composeWords(locate('redis-server --port 1; echo hi', 0));
  assert.ok(cut.ok && cut.dropped && cut.dropped.at === 21);
  assert.equal(composeWords(locate('a "b', 0)).ok, false);
});

test('Compose interpolation: ${VAR} and $VAR are unresolved, $$ is a dollar, a lone $ is refused', () => {
  assert.deepEqual(words('--requirepass ${PW} --x $HOME --y a$$b'), [['--requirepass', 0, 13, ''], ['${PW}', 14, 19, 'U'], ['--x', 20, 23, ''], ['$HOME', 24, 29, 'U'], ['--y', 30, 33, ''], ['a$b', 34, 38, '']]);
  assert.deepEqual(words('--a ${X:-default}'), [['--a', 0, 3, ''], ['${X:-default}', 4, 17, 'U']]);
  assert.deepEqual(words('--a $ b'), { invalidAt: 4 });
});

test('sh: a word starting with # is a comment, quotes and backslashes, variables unresolved, && separates commands', () => {
  const r = shellWords(locate(`exec redis-server --port "$P" --save '' # hourly\nnext a\\ b && x`, 0));
  assert.ok(r.ok);
  assert.deepEqual(r.commands.map(c => c.map(w => [w.value, w.start, w.end, w.unresolved ? 'U' : ''])), [
    [['exec', 0, 4, ''], ['redis-server', 5, 17, ''], ['--port', 18, 24, ''], ['$P', 25, 29, 'U'], ['--save', 30, 36, ''], ['', 37, 39, '']],
    [['next', 49, 53, ''], ['a b', 54, 58, '']],
    [['x', 62, 63, '']],
  ]);
  const p = shellWords(locate('redis-server | tee log', 0));
  assert.ok(!p.ok && p.at === 13);
  const sub = shellWords(locate('redis-server --port $(cat /p)', 0));
  assert.ok(sub.ok && /command substitution/.test(sub.commands[0][2].unresolved ?? ''));
});

// ---------------------------------------------------------------------------
// extractors, ranges exact

const placed = (text: string, ex: ReturnType<typeof extractCompose>) => ex.sites.map(s => s.argv.map(a => text.slice(a.start, a.end)));

test('compose: a plain scalar loses " # hourly" to YAML, a quoted string and a list keep it', () => {
  const ex = extractCompose(HOURLY_COMPOSE);
  assert.deepEqual(ex.sites.map(s => s.argv.map(a => a.value)), [
    ['redis-server', '--save', '900', '1'],
    ['redis-server', '--save', '900', '1', '#', 'hourly'],
    ['redis-server', '--save', '900', '1', '#', 'hourly'],
  ]);
  assert.deepEqual(placed(HOURLY_COMPOSE, ex), [
    ['redis-server', '--save', '900', '1'],
    ['redis-server', '--save', '900', '1', '#', 'hourly'],
    ['"redis-server"', '"--save"', '"900"', '"1"', '"#"', '"hourly"'],
  ]);
  assert.equal(ex.sites[0].argv[0].start, HOURLY_COMPOSE.indexOf('redis-server'));
});

test('compose: lists, entrypoint + command, a variable, services that start no server', () => {
  const ex = extractCompose(COMPOSE);
  assert.equal(ex.sites.length, 2);
  assert.deepEqual(placed(COMPOSE, ex)[0], ['redis-server', '--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru', '--requirepass', '${REDIS_PASSWORD}']);
  assert.match(ex.sites[0].argv[6].unresolved ?? '', /Compose from the environment/);
  assert.deepEqual(ex.sites[1].argv.map(a => a.value).slice(0, 3), ['redis-server', '--appendonly', 'yes'], 'docker-entrypoint.sh execs its arguments');
  assert.deepEqual(ex.unchecked, []);
});

test('compose: a folded block scalar and a string with a $ Compose refuses', () => {
  const text = 'services:\n  r:\n    command: >\n      redis-server\n      --port 7000\n  s:\n    command: redis-server --requirepass pa$ word\n';
  const ex = extractCompose(text);
  assert.deepEqual(placed(text, ex), [['redis-server', '--port', '7000']]);
  assert.equal(ex.unchecked.length, 1);
  assert.equal(text.slice(ex.unchecked[0].start, ex.unchecked[0].end), '$');
});

test('compose: sh -c with plain commands is checked, with a pipe it is one note', () => {
  const text = 'services:\n  a:\n    command: ["sh", "-c", "mkdir -p /d && exec redis-server --maxmemory 2x"]\n  b:\n    command: sh -c "redis-server --port 1 | tee /log"\n';
  const ex = extractCompose(text);
  assert.deepEqual(placed(text, ex), [['redis-server', '--maxmemory', '2x']]);
  assert.equal(ex.unchecked.length, 1);
  assert.match(ex.unchecked[0].message, /pipe/);
});

test('Dockerfile: exec form, shell form with a continuation and a comment, one site per stage', () => {
  const ex = extractDockerfile(DOCKERFILE);
  assert.deepEqual(ex.sites.map(s => s.argv.map(a => a.value)), [['redis-server', '--maxmemory', '2x'], ['redis-server', '--save', '900', '1', '--appendonly', 'yes']]);
  assert.deepEqual(placed(DOCKERFILE, ex), [['"redis-server"', '"--maxmemory"', '"2x"'], ['redis-server', '--save', '900', '1', '--appendonly', 'yes']]);
});

test('Dockerfile: ENTRYPOINT exec form + CMD, shell-form ENTRYPOINT ignores CMD, a variable in shell form', () => {
  const a = extractDockerfile('FROM x\nENTRYPOINT ["redis-server"]\nCMD ["--port", "7000"]\n');
  assert.deepEqual(a.sites.map(s => s.argv.map(x => x.value)), [['redis-server', '--port', '7000']]);
  const b = extractDockerfile('FROM x\nENTRYPOINT redis-server --port 7000\nCMD ["--port", "1"]\n');
  assert.deepEqual(b.sites.map(s => s.argv.map(x => x.value)), [['redis-server', '--port', '7000']]);
  const c = extractDockerfile('FROM x\nCMD redis-server --requirepass $PW\n');
  assert.match(c.sites[0].argv[2].unresolved ?? '', /shell variable/);
  const d = extractDockerfile('FROM x\nCMD ["redis-server", "--port" "1"]\n');
  assert.deepEqual(d.sites, [], 'invalid JSON is shell form: sh runs a program named ["redis-server",');
  assert.deepEqual(d.unchecked.map(u => [u.start, u.end]), [[11, 41]]);
  assert.match(d.unchecked[0].message, /not a valid JSON array/);
});

test('Kubernetes: $(VAR) from a literal env value, $$ escapes, a Secret is unresolved; other documents ignored', () => {
  const ex = extractKubernetes(KUBERNETES);
  assert.equal(ex.sites.length, 1);
  assert.deepEqual(ex.sites[0].argv.map(a => a.value), ['redis-server', '--maxmemory', '100mb', '--requirepass', '$(PASSWORD)', '--maxmemory-policy', 'allkeys-lru', '--tcp-backlog', '$(MEM)']);
  assert.deepEqual(ex.sites[0].argv.map(a => KUBERNETES.slice(a.start, a.end)), ['"redis-server"', '"--maxmemory"', '"$(MEM)"', '"--requirepass"', '"$(PASSWORD)"', '"--maxmemory-policy"', '"allkeys-lru"', '"--tcp-backlog"', '"$$(MEM)"']);
  assert.match(ex.sites[0].argv[4].unresolved ?? '', /Secret or ConfigMap/);
  assert.equal(ex.sites[0].argv[8].unresolved, undefined);
});

// ---------------------------------------------------------------------------
// findings, placed

test('findings land on the arguments they are about; a missing directive on the program', () => {
  const fs = lintCommandFile(HOURLY_COMPOSE, 'compose', { target: T('redis@7.0') });
  const at = (code: string) => fs.filter(f => f.code === code).map(f => [f.line, f.character, f.endLine, f.endCharacter]);
  assert.deepEqual(at('RG108'), [[6, 40, 6, 41], [9, 52, 9, 55]]);
  assert.deepEqual(at('RG301'), [[3, 13, 3, 25], [6, 14, 6, 26], [9, 14, 9, 28]]);
});

test('a value Compose fills in is never a placeholder; a fatal line with one is a note', () => {
  const text = 'services:\n  r:\n    command: redis-server --requirepass ${REDIS_PASSWORD} --port ${PORT}\n';
  const fs = lintCommandFile(text, 'compose', { target: T('redis@7.2') });
  assert.deepEqual(fs.filter(f => f.code === 'RG207' || f.code === 'RG303' || f.code === 'RG105'), []);
  const notes = fs.filter(f => f.code === 'RG208');
  assert.equal(notes.length, 1);
  assert.equal(text.split('\n')[2].slice(notes[0].character, notes[0].endCharacter), '--port ${PORT}');
});

test('a config file named on the command line is not read: its findings are that file\'s', () => {
  const text = 'services:\n  r:\n    command: redis-server /etc/redis.conf --appendonly maybe\n';
  const fs = lintCommandFile(text, 'compose', { target: T('redis@7.2') });
  assert.deepEqual(fs.map(f => f.code), ['RG103']);
});

test('valkey-server is checked against Valkey, a server= comment wins', () => {
  const text = 'services:\n  v:\n    command: valkey-server --dual-channel-replication-enabled yes\n';
  assert.deepEqual(lintCommandFile(text, 'compose', { target: T('redis@7.2'), profile: false }), []);
  const named = '# redis-guard: server=redis@7.2\n' + text;
  assert.deepEqual(lintCommandFile(named, 'compose', { target: T('valkey@8.0'), profile: false }).map(f => f.code), ['RG111'], 'a Valkey directive Redis 7.2 does not know');
  // a profile= comment, indented under a key as YAML allows, chooses the rules' levels
  const plain = 'services:\n  r:\n    # redis-guard: profile=development\n    command: redis-server --loglevel debug\n';
  assert.ok(!lintCommandFile(plain, 'compose', { target: T('redis@7.2') }).some(f => f.code === 'RG361'), 'loglevel debug is fine in development');
  assert.ok(lintCommandFile(plain.replace('profile=development', 'profile=production'), 'compose', { target: T('redis@7.2') }).some(f => f.code === 'RG361'));
});

test('--version starts no server: one note', () => {
  const fs = lintCommandFile('FROM x\nCMD ["redis-server", "--version"]\n', 'dockerfile', { target: T('redis@7.2') });
  assert.deepEqual(fs.map(f => [f.code, f.severity, f.line, f.character, f.endCharacter]), [['RG208', 'information', 1, 5, 19]]);
});

test('file kinds by name and content; other YAML gets nothing', () => {
  assert.equal(commandFileKind('/w/docker-compose.yml', ''), 'compose');
  assert.equal(commandFileKind('/w/compose.prod.yaml', ''), 'compose');
  assert.equal(commandFileKind('/w/Dockerfile', ''), 'dockerfile');
  assert.equal(commandFileKind('/w/redis.Dockerfile', ''), 'dockerfile');
  assert.equal(commandFileKind('/w/deploy.yaml', 'apiVersion: v1\nkind: Pod\n'), 'kubernetes');
  assert.equal(commandFileKind('/w/stack.yml', 'services:\n  a: {}\n'), 'compose');
  assert.equal(commandFileKind('/w/values.yaml', 'image: redis-server\n'), undefined);
  assert.equal(commandFileKind('/w/redis.conf', 'services:\n'), undefined);
  assert.deepEqual(lintDocument('a: [redis-server, --port, x]\n', T('redis@7.2'), { filePath: '/w/values.yaml' }), []);
  assert.deepEqual(lintDocument('services:\n  a:\n    command: ["nginx"]\n', T('redis@7.2'), { filePath: '/w/compose.yml' }), []);
});

// ---------------------------------------------------------------------------
// hostile input: bounded, a clear note, never a crash

test('deep nesting, thousands of documents, a huge file: one note each, quickly', () => {
  const deep = 'services:\n  r:\n    command: redis-server\n    x: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n';
  const a = lintCommandFile(deep, 'compose', { target: T('redis@7.2') });
  assert.deepEqual(a.map(f => f.code), ['RG208']);
  assert.match(a[0].message, /nests deeper/);
  const docs = ('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - command: [redis-server, --port, "1"]\n---\n').repeat(5000);
  const b = lintCommandFile(docs, 'kubernetes', { target: T('redis@7.2') });
  assert.deepEqual(b.map(f => f.code), ['RG208']);
  assert.match(b[0].message, /more than 1,000 documents/);
  const huge = 'services:\n  r:\n    command: redis-server\n' + '# x\n'.repeat(2_000_000);
  const c = lintCommandFile(huge, 'compose', { target: T('redis@7.2') });
  assert.deepEqual(c.map(f => f.code), ['RG208']);
  assert.match(c[0].message, /larger than/);
  const blockDeep = 'services:\n  r:\n    command: redis-server\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i * 2) + `k${i}:`).join('\n') + '\n';
  assert.doesNotThrow(() => lintCommandFile(blockDeep, 'compose', { target: T('redis@7.2') }));
  const seqDeep = 'services:\n  r:\n    command: redis-server\n' + 'x: ' + '- '.repeat(50_000) + 'a\n';
  assert.doesNotThrow(() => lintCommandFile(seqDeep, 'compose', { target: T('redis@7.2') }));
  const aliases = 'a: &a [redis-server]\n' + Array.from({ length: 50 }, (_, i) => `b${i}: &b${i} [*${i ? `b${i - 1}` : 'a'}, *${i ? `b${i - 1}` : 'a'}]`).join('\n') + '\nservices:\n  r:\n    command: *b49\n';
  assert.deepEqual(lintCommandFile(aliases, 'compose', { target: T('redis@7.2') }), [], 'aliases are not expanded');
});

test('a million arguments on one command line is bounded by the engine', () => {
  const text = 'services:\n  r:\n    command: redis-server --save' + ' 1'.repeat(200_000) + '\n';
  const fs = lintCommandFile(text, 'compose', { target: T('redis@7.2'), profile: false });
  assert.ok(fs.length < 50, `${fs.length} findings`);
});

test('a server name that is only a word of another command (a host name) is no command line and no note', () => {
  const text = 'services:\n  probe:\n    image: redis:7\n    command: ["sh", "-c", "redis-cli -h redis-server ping | grep PONG"]\n  probe2:\n    command: redis-cli -h redis-server ping; echo\n  probe3:\n    command: ["redis-cli", "-h", "redis-server", "--pass", "$$x"]\n';
  assert.deepEqual(lintCommandFile(text, 'compose', { target: T('redis@7.2') }), []);
});

test('a value the shell expands is always one note; the rest of the command is checked', () => {
  const text = 'FROM x\nCMD redis-server --requirepass $PW --maxmemory 2x\n';
  const fs = lintCommandFile(text, 'dockerfile', { target: T('redis@7.2'), profile: false });
  assert.deepEqual(fs.map(f => [f.code, text.split('\n')[f.line].slice(f.character, f.endCharacter)]), [['RG208', '--requirepass $PW'], ['RG107', '2x']]);
  assert.match(fs[0].message, /\$PW is a shell variable/);
});

test('compose: a command shared through an x- anchor and a merge key is checked where it is written', () => {
  const text = 'x-redis: &redis\n  image: redis:7\n  command: ["redis-server", "--maxmemory", "2x"]\nservices:\n  a:\n    <<: *redis\n  b:\n    <<: [*redis]\n    command: ["redis-server", "--hz", "10"]\n';
  const ex = extractCompose(text);
  assert.deepEqual(ex.sites.map(s => s.argv.map(a => a.value)), [['redis-server', '--maxmemory', '2x'], ['redis-server', '--hz', '10']]);
  assert.equal(text.slice(ex.sites[0].argv[2].start, ex.sites[0].argv[2].end), '"2x"');
});

test('an official image\'s entrypoint puts the server in front of a command that starts with an option or a .conf file', () => {
  const values = (ex: ReturnType<typeof extractCompose>) => ex.sites.map(s => s.argv.map(a => a.value));
  // compose: the image's entrypoint runs the command when the service has none of its own
  const compose = 'services:\n  a:\n    image: redis:7.2\n    command: ["--appendonly", "yes"]\n  b:\n    image: docker.io/valkey/valkey:8.1\n    command: /etc/valkey.conf --port 7000\n  c:\n    image: nginx\n    command: ["--appendonly", "yes"]\n  d:\n    image: redis\n    entrypoint: ["tini", "--"]\n    command: ["--appendonly", "yes"]\n';
  assert.deepEqual(values(extractCompose(compose)), [['redis-server', '--appendonly', 'yes'], ['valkey-server', '/etc/valkey.conf', '--port', '7000']]);
  const program = extractCompose(compose).sites[0].argv[0];
  assert.deepEqual([program.start, program.end], [-1, -1], 'written nowhere: findings about it go on the whole command');
  // Kubernetes: args without a command run through the image's entrypoint
  const k8s = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: r\n      image: redis:7\n      args: ["--port", "7001"]\n    - name: s\n      image: redis:7\n      command: ["--port", "7002"]\n';
  assert.deepEqual(values(extractKubernetes(k8s)), [['redis-server', '--port', '7001']]);
  // Dockerfile: an exec-form CMD in a stage without its own ENTRYPOINT
  assert.deepEqual(values(extractDockerfile('FROM redis:7.2\nCMD ["--appendonly", "yes"]\n')), [['redis-server', '--appendonly', 'yes']]);
  assert.deepEqual(values(extractDockerfile('FROM --platform=linux/amd64 redis:7.2 AS base\nCMD ["/data/redis.conf"]\n')), [['redis-server', '/data/redis.conf']]);
  assert.deepEqual(values(extractDockerfile('FROM ubuntu\nCMD ["--appendonly", "yes"]\n')), []);
  assert.deepEqual(values(extractDockerfile('FROM redis:7.2\nENTRYPOINT ["my-entry"]\nCMD ["--appendonly", "yes"]\n')), []);
  // and the check lands where the option was written
  const found = lintCommandFile('services:\n  a:\n    image: redis:7.2\n    command: ["--appendonly", "maybe"]\n', 'compose', { target: T('redis@7.0'), profile: false });
  assert.deepEqual(found.filter(f => f.fatal).map(f => [f.code, f.line, f.character]), [['RG103', 3, 30]]);
});
