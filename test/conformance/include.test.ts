/**
 * `include` as every real server build reads it: which files a glob pattern takes and in what
 * order (glob(3) with no flags: escapes, `[!…]`, unclosed `[`, no braces, hidden files, sorting),
 * and include loops, which crash every build with a segmentation fault.
 *
 * Each file on disk sets `save <n> 1` with its own n; the server appends save lines in reading
 * order, so CONFIG GET save says which files it read, and in which order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText, nodeFileAccess, verdictOf } from '../../server/src/engine/lint';
import { probeConfig, startRedis } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf } from '../helpers/servers';

const FILES = [
  'a.conf', 'b.conf', 'c1.conf', 'c2.conf', 'q.conf', '.h.conf', 'x[.conf', 'x{1,2}.conf', 'x1.conf',
  '[x].conf', 'star*.conf', 'Upper.conf', 'sub1/d.conf', 'sub2/e.conf', '.hid/f.conf', 'sub1/.g.conf',
];
const BASE = 100000; // far from the default save points
const PATTERNS = [
  '*.conf', '[!a]*.conf', '[^ab]?.conf', '[ab].conf', '[a-c]*.conf', '?.conf', '.*.conf', '*', 'x[.conf',
  'x{1,2}.conf', 'x{1,2}*', '\\[x\\].conf', 'star\\*.conf', '[[:upper:]]*', 'sub*/*.conf', '*/*.conf', '.*/*.conf',
  '*/.*', 'c[12].conf', 'c[!1].conf', '[]x[]*', 'nothing*.conf', 'x\\1.conf*',
];

const builds = serverBuilds();

test('the builds to check against are there', () => {
  assert.equal(missingBuilds(builds), undefined);
});

// one level down, so that `..` (which `.*` matches) is a folder of ours with no .conf files
const top = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-include-'));
const root = path.join(top, 'root');
for (const [i, f] of FILES.entries()) {
  fs.mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
  fs.writeFileSync(path.join(root, f), `save ${BASE + i} 1\n`);
}
process.on('exit', () => fs.rmSync(top, { recursive: true, force: true }));

/** The files the engine reads for a pattern, relative to root, in order. */
const engineReads = (pattern: string) => nodeFileAccess.glob(path.join(root, pattern), 10_000).map(p => path.relative(root, p));

test('the engine expands the patterns as glob(3) is documented to', () => {
  assert.deepEqual(engineReads('[!a]*.conf').includes('a.conf'), false);
  assert.deepEqual(engineReads('.*.conf'), ['.h.conf']);
  assert.ok(!engineReads('*.conf').includes('.h.conf'), 'no hidden files without a leading "."');
  assert.deepEqual(engineReads('x[.conf'), ['x[.conf'], 'an unclosed [ is a literal [');
  assert.deepEqual(engineReads('x{1,2}.conf'), ['x{1,2}.conf'], 'no brace expansion');
  assert.deepEqual(engineReads('\\[x\\].conf'), ['[x].conf']);
  assert.deepEqual(engineReads('nothing*.conf'), []);
});

for (const build of builds) {
  test(`${build.id}: every include pattern reads the same files in the same order as the engine`, async () => {
    for (const pattern of PATTERNS) {
      const s = await startRedis({
        binary: build.server, cliBinary: build.cli, keepFileSave: true, env: { LC_ALL: 'C' },
        config: `include ${path.join(root, pattern)}\n`,
      });
      let read: string[];
      try {
        const out = (await s.cli('CONFIG', 'GET', 'save')).split('\n')[1] ?? '';
        const points = out.trim().split(/\s+/).filter((_, i) => i % 2 === 0).map(Number);
        read = points.filter(n => n >= BASE).map(n => FILES[n - BASE]);
      } finally {
        await s.stop();
      }
      assert.deepEqual(engineReads(pattern), read, `include ${pattern}`);
    }
  });
}

/** Config sets that the server reads with includes, keyed by file name; `main.conf` is the one started. */
const LOOPS: Array<{ name: string; files: (dir: string) => Record<string, string> }> = [
  { name: 'a file that includes itself', files: d => ({ 'main.conf': `maxclients 100\ninclude ${d}/main.conf\n` }) },
  { name: 'A includes B, B includes A', files: d => ({ 'main.conf': `include ${d}/b.conf\n`, 'b.conf': `maxclients 100\ninclude ${d}/main.conf\n` }) },
  { name: 'three files that each include the folder', files: d => ({ 'main.conf': `include ${d}/g/*.conf\n`, 'g/x.conf': `include ${d}/g/*.conf\n`, 'g/y.conf': `include ${d}/g/*.conf\n`, 'g/z.conf': `maxclients 100\ninclude ${d}/g/*.conf\n` }) },
  { name: 'a loop whose second turn renames a command twice', files: d => ({ 'main.conf': `maxclients 100\nrename-command CONFIG ""\ninclude ${d}/main.conf\n` }) },
  { name: 'a file included twice, no loop, that renames a command', files: d => ({ 'main.conf': `include ${d}/r.conf\ninclude ${d}/r.conf\n`, 'r.conf': 'rename-command DEBUG ""\n' }) },
  { name: 'a file included twice, no loop', files: d => ({ 'main.conf': `include ${d}/r.conf\nmaxclients 50\ninclude ${d}/r.conf\n`, 'r.conf': 'maxmemory 10mb\n' }) },
  { name: 'a loop behind a symbolic link', files: d => {
    fs.mkdirSync(path.join(d, 'real'), { recursive: true });
    fs.writeFileSync(path.join(d, 'real', 'c.conf'), `include ${d}/link/c.conf\n`);
    fs.symlinkSync(path.join(d, 'real'), path.join(d, 'link'));
    return { 'main.conf': `include ${d}/real/c.conf\n` };
  } },
];

for (const build of builds) {
  test(`${build.id}: include loops and repeated includes get the server's verdict`, async () => {
    for (const c of LOOPS) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-loop-'));
      try {
        for (const [name, text] of Object.entries(c.files(dir))) {
          fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          fs.writeFileSync(path.join(dir, name), text);
        }
        const file = path.join(dir, 'main.conf');
        const server = await probeConfig(file, { cwd: dir, binary: build.server, timeoutMs: 15000 });
        const findings = lintText(fs.readFileSync(file, 'utf8'), { server: targetOf(build), filePath: file, hostChecks: true, profile: false });
        const engine = verdictOf(findings);
        const expected = server.kind === 'refused' ? { kind: 'refused', line: server.line } : { kind: server.kind };
        assert.deepEqual(engine, expected, `${c.name}: server ${JSON.stringify(server)}, engine ${findings.filter(f => f.fatal).map(f => f.message).join(' | ')}`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });
}
