/**
 * `redis-guard lint --server-binary PATH` against every real build: the binary's version picks
 * the target, and its build decides `activedefrag yes` (every Debian build refuses it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { missingBuilds, serverBuilds } from '../helpers/servers';
import { probeConfig } from '../helpers/redis-server';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const builds = serverBuilds();

function lint(args: string[]): { code: number; out: string; err: string } {
  const r = cp.spawnSync(process.execPath, [cli, 'lint', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

test('the builds are there', () => assert.equal(missingBuilds(builds), undefined));

for (const build of builds) {
  test(`${build.id}: its version picks the target and its build makes activedefrag fatal exactly when the binary refuses it`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-binary-test-'));
    try {
      const file = path.join(dir, 'redis.conf');
      fs.writeFileSync(file, 'maxclients 100\nactivedefrag yes\n');
      const server = await probeConfig(file, { cwd: dir, binary: build.server });
      const r = lint(['--server-binary', build.server, '--profile', 'development', '--format', 'json', file]);
      const fatal = JSON.parse(r.out).files[0].diagnostics.filter((d: { fatal: boolean }) => d.fatal).map((d: { line: number }) => d.line);
      assert.deepEqual(fatal, server.kind === 'refused' ? [server.line] : [], `server: ${JSON.stringify(server)}`);
      const text = lint(['--server-binary', build.server, '--profile', 'development', file]).out;
      const [maj, min] = build.version.split('.');
      assert.match(text, new RegExp(`checked against ${build.flavour}@${maj}\\.${min} \\(\\w+ ${build.version.replace(/\./g, '\\.')} at `));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('--server and --server-binary together, or a binary that is not a server, are usage errors', () => {
  const file = path.join(root, 'examples', 'memurai.conf');
  assert.equal(lint(['--server', 'redis@7.0', '--server-binary', builds[0]?.server ?? '/bin/true', file]).code, 2);
  const notServer = lint(['--server-binary', '/bin/echo', file]);
  assert.equal(notServer.code, 2);
  assert.match(notServer.err, /did not say which Redis or Valkey it is/);
  assert.match(lint(['--server-binary', '/nonexistent/redis-server', file]).err, /cannot run .*ENOENT/);
});
