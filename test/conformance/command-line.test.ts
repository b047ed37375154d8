/**
 * Command lines as every real server build reads them: each case is started with exactly its
 * arguments (plus the harness's free --port, --dir, --logfile "" …, see probeArgv), and the
 * engine's verdict for the same argv (checkArgv: the server's argv rule, then lintWithTarget)
 * must be the build's, down to the line the server stops at. The cases come from direct argv
 * and from the command lines the extractors find in compose, Dockerfile and Kubernetes
 * fixtures, so what Compose, the shell and Kubernetes do to the text is part of the check.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { argvToConfig, checkArgv, extractCommandLines, CommandFileKind } from '../../server/src/engine/command-line';
import { resolveTarget, Target } from '../../server/src/engine/catalog';
import { probeArgv, ServerVerdict } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf, ServerBuild } from '../helpers/servers';
import { COMPOSE, DOCKERFILE, HOURLY_COMPOSE, KUBERNETES, KUBERNETES_EXPANDED } from '../helpers/command-line-fixtures';

interface Case {
  name: string;
  /** The program: a server, or a Sentinel (by its name). */
  program: 'server' | 'sentinel';
  args: string[];
  /** A config file written into the server's folder; its absolute path becomes the first argument. */
  file?: string;
  /** Harness arguments before the case's (after the config file), for cases whose last argument matters. */
  harnessBefore?: boolean;
  /** What the server does, where the case documents a fact (checked on every build besides the engine's agreement). */
  expect?: Expect | ((t: Target) => Expect);
  /** For 'exits': the exit status. */
  status?: number | ((t: Target) => number);
}
type Expect = ServerVerdict['kind'] | 'exits';

const helpStatus = (t: Target) => (t.flavour === 'valkey' && t.major >= 9 ? 0 : 1);
/** Redis 8 takes an unknown name for a module's setting and refuses after reading; the others stop at the line. */
const unknownName = (t: Target): Expect => (t.flavour === 'redis' && t.major >= 8 ? 'refused-startup' : 'refused');

const CASES: Case[] = [
  { name: 'a # argument is an argument: --save 900 1 # hourly', program: 'server', args: ['--save', '900', '1', '#', 'hourly'], expect: 'refused' },
  { name: '--save 900 1 (what a plain YAML scalar leaves of "# hourly")', program: 'server', args: ['--save', '900', '1'], expect: 'starts' },
  { name: '"--save 900 1 # hourly" in one argument is read as a config line', program: 'server', args: ['--save 900 1 # hourly'], expect: 'refused' },
  { name: '--requirepass #secret', program: 'server', args: ['--requirepass', '#secret'], expect: 'starts' },
  { name: '--bind 127.0.0.1 # local binds "#"', program: 'server', args: ['--bind', '127.0.0.1', '#', 'local'], expect: 'refused-startup' },
  { name: '--save ""', program: 'server', args: ['--save', ''], expect: 'starts' },
  { name: '--save --appendonly yes', program: 'server', args: ['--save', '--appendonly', 'yes'], expect: 'starts' },
  { name: '--save as the last argument', program: 'server', args: ['--appendonly', 'yes', '--save'], harnessBefore: true, expect: 'starts' },
  { name: '"--port 6380" in one argument', program: 'server', args: ['--port 6380', '--maxmemory', '10mb'], expect: 'starts' },
  { name: '"--maxmemory 2x" in one argument', program: 'server', args: ['--maxmemory 2x'], expect: 'refused' },
  { name: 'a bad memory value', program: 'server', args: ['--maxmemory', '2x'], expect: 'refused' },
  { name: 'a bad boolean', program: 'server', args: ['--appendonly', 'maybe'], expect: 'refused' },
  { name: 'a bad enum after good options', program: 'server', args: ['--maxmemory', '10mb', '--maxmemory-policy', 'allkeys-random', '--appendfsync', 'sometimes'], expect: 'refused' },
  { name: 'an unknown option', program: 'server', args: ['--apendonly', 'yes'], expect: unknownName },
  { name: 'an option with no value', program: 'server', args: ['--maxmemory', '--appendonly', 'yes'], expect: 'refused' },
  { name: 'a value with a blank in it', program: 'server', args: ['--requirepass', 'two words'], expect: 'starts' },
  { name: 'a name and a value with a blank in one argument', program: 'server', args: ['--requirepass two words'], expect: 'refused' },
  // Valkey 8.1.0 and 8.1.1 do not escape " and \ (valkey PR #2036, fixed in 8.1.2)
  { name: 'a value with a quote and a backslash', program: 'server', args: ['--requirepass', 'a"b\\c\'d'], expect: t => (t.id === 'valkey@8.1' ? 'refused' : 'starts') },
  { name: 'a value ending in a backslash', program: 'server', args: ['--requirepass', 'ab\\'], expect: t => (t.id === 'valkey@8.1' ? 'refused' : 'starts') },
  { name: 'a value with a tab and a control character', program: 'server', args: ['--requirepass', 'a\tb\x01c'], expect: 'starts' },
  { name: 'two values for a single-value option', program: 'server', args: ['--maxmemory', '10mb', '20mb'], expect: 'refused' },
  { name: 'a second file name after the config file', program: 'server', file: 'port 7000\n', args: ['other.conf'], expect: 'refused' },
  { name: 'config file and options', program: 'server', file: 'maxmemory 10mb\nappendonly no\n', args: ['--appendonly', 'yes'], expect: 'starts' },
  { name: 'config file without a final newline, then a bad option', program: 'server', file: 'maxmemory 10mb\nappendonly no', args: ['--appendonly', 'maybe'], expect: 'refused' },
  { name: 'config file, then two options, the second bad', program: 'server', file: 'maxmemory 10mb\n\n# note\n', args: ['--appendonly', 'yes', '--hz', 'x'], expect: 'refused' },
  { name: 'a bad line in the config file comes first', program: 'server', file: 'maxmemory 10mb\nappendonly maybe\n', args: ['--hz', 'x'], expect: 'refused' },
  { name: '- reads standard input (empty here)', program: 'server', args: ['--maxmemory', '10mb', '-'], harnessBefore: true, expect: 'starts' },
  { name: '- first reads standard input too', program: 'server', args: ['-', '--maxmemory', '10mb'], expect: 'starts' },
  // the line is `"--maxmemory" "10mb"`: an unknown name
  { name: '-- alone takes the next argument as its value', program: 'server', args: ['--', '--maxmemory', '10mb'], expect: unknownName },
  { name: 'redis-sentinel without a config file', program: 'sentinel', args: ['--port', '26399'], expect: 'refused-startup' },
  { name: '--sentinel without a config file', program: 'server', args: ['--sentinel'], harnessBefore: true, expect: 'refused-startup' },
  { name: 'redis-sentinel with its config file', program: 'sentinel', file: 'sentinel monitor m 127.0.0.1 6390 2\n', args: [], expect: 'starts' },
  { name: '--sentinel before another option, with a config file', program: 'server', file: 'sentinel monitor m 127.0.0.1 6390 2\n', args: ['--sentinel', '--loglevel', 'notice'], expect: 'starts' },
  { name: 'a sentinel option on the command line of a server', program: 'server', args: ['--sentinel monitor m 127.0.0.1 6390 2'], expect: 'refused' },
  { name: '--version does not start a server', program: 'server', args: ['--version', '--port', '1'], expect: 'exits', status: 0 },
  { name: '-v does not start a server', program: 'server', args: ['-v'], expect: 'exits', status: 0 },
  // usage() exits with 1, and with 0 from Valkey 9
  { name: '--help does not start a server', program: 'server', args: ['--help'], expect: 'exits', status: helpStatus },
  { name: '-h does not start a server', program: 'server', args: ['-h', '--port', '1'], expect: 'exits', status: helpStatus },
  { name: '--check-system does not start a server', program: 'server', args: ['--check-system'], expect: 'exits' },
  { name: '-v after the first argument is an option value', program: 'server', args: ['--maxmemory', '10mb', '-v'], expect: 'refused' },
];

/** The command lines the extractors find in the fixtures, as cases (argv after the program). */
function fixtureCases(): Case[] {
  const out: Case[] = [];
  const files: Array<[string, CommandFileKind, string]> = [
    ['compose # hourly', 'compose', HOURLY_COMPOSE], ['compose', 'compose', COMPOSE], ['Dockerfile', 'dockerfile', DOCKERFILE], ['Kubernetes', 'kubernetes', KUBERNETES],
    ['Kubernetes expanded', 'kubernetes', KUBERNETES_EXPANDED],
  ];
  for (const [label, kind, text] of files) {
    extractCommandLines(text, kind).sites.forEach((site, i) => {
      // a value only the deployment knows; a Kubernetes reference it cannot resolve stays as written, so it runs as such
      if (site.argv.some(a => a.unresolved && !/left as written/.test(a.unresolved))) return;
      out.push({ name: `${label} #${i + 1}: ${site.argv.slice(1).map(a => a.value).join(' ')}`, program: /sentinel/.test(site.argv[0].value) ? 'sentinel' : 'server', args: site.argv.slice(1).map(a => a.value) });
    });
  }
  return out;
}

const builds = serverBuilds();

test('the builds to check against are there', () => {
  assert.equal(missingBuilds(builds), undefined);
});

test('the fixtures give the command lines the extractors are meant to find', () => {
  const names = fixtureCases().map(c => c.name);
  assert.deepEqual(names, [
    'compose # hourly #1: --save 900 1',
    'compose # hourly #2: --save 900 1 # hourly',
    'compose # hourly #3: --save 900 1 # hourly',
    'compose #2: --appendonly yes --appendfsync everysec --apendonly yes',
    'Dockerfile #1: --maxmemory 2x',
    'Dockerfile #2: --save 900 1 --appendonly yes',
    'Kubernetes expanded #1: --maxmemory 50mb --maxmemory-policy allkeys-lfu --save  --hz $(UNDEFINED_IS_KEPT)x',
  ]);
});

function programOf(build: ServerBuild, program: Case['program']): { binary: string; argv0?: string; name: string } {
  const name = `${build.flavour}-${program}`;
  if (program === 'server') return { binary: build.server, name };
  const beside = path.join(path.dirname(build.server), name);
  // the system build has no redis-sentinel: the same binary started under that name
  return fs.existsSync(beside) ? { binary: beside, name } : { binary: build.server, argv0: name, name };
}

function agree(server: ServerVerdict, engine: ReturnType<typeof checkArgv>): boolean {
  if (engine.config.command.kind === 'no-server') return false;
  if (server.kind !== engine.verdict.kind) return false;
  return server.kind !== 'refused' || (engine.verdict.kind === 'refused' && engine.verdict.line === server.line);
}

for (const build of builds) {
  const target = resolveTarget(targetOf(build)) as Target;
  test(`${build.id}: command-line verdicts agree with the server`, async t => {
    for (const c of [...CASES, ...fixtureCases()]) {
      await t.test(c.name, async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cmdline-'));
        try {
          const prog = programOf(build, c.program);
          let args = c.args;
          if (c.file !== undefined) {
            const file = path.join(dir, c.program === 'sentinel' || args.includes('--sentinel') ? 'sentinel.conf' : 'redis.conf');
            fs.writeFileSync(file, c.file);
            args = [file, ...args];
          }
          let ran: string[] = [];
          // the harness adds --bind 127.0.0.1 unless the case binds (as config lines, its options start lines)
          const server = await probeArgv(args, argvToConfig([prog.name, ...args], build.flavour).options, { binary: prog.binary, argv0: prog.argv0, cwd: dir, configFile: c.file !== undefined, harness: c.harnessBefore ? 'before' : 'after', onArgs: a => { ran = a; } });
          // the engine reads the very argv the server got (the harness's arguments included); the config file was written before the server could rewrite it
          const engine = checkArgv([prog.name, ...ran], target, { profile: false, configFileText: p => (c.file !== undefined && p === args[0] ? c.file : undefined) });
          const expect = typeof c.expect === 'function' ? c.expect(target) : c.expect;
          if (expect === 'exits') {
            assert.equal(engine.config.command.kind, 'no-server', 'the engine starts no server');
            assert.ok(server.kind !== 'starts' && server.kind !== 'timeout', `the server ${server.kind}`);
            if (c.status !== undefined) assert.equal((server as { code?: number | null }).code, typeof c.status === 'function' ? c.status(target) : c.status, 'its exit status');
            return;
          }
          if (expect) assert.equal(server.kind, expect, `the server: ${JSON.stringify(server).slice(0, 300)}`);
          assert.ok(agree(server, engine), `server ${JSON.stringify(server).slice(0, 300)}, engine ${JSON.stringify(engine.verdict)} on ${JSON.stringify(engine.text)}`);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
}
