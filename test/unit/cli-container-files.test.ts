/**
 * `redis-guard lint` on docker-compose files, Dockerfiles and Kubernetes manifests (the built
 * CLI): detected by name and content, the same outputs and exit statuses as for config files.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli, hasStackTrace } from '../helpers/run-cli';
import { HOURLY_COMPOSE, KUBERNETES } from '../helpers/command-line-fixtures';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-containers-'));
  fs.writeFileSync(path.join(dir, 'docker-compose.yml'), HOURLY_COMPOSE);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM redis:7.0\nCMD redis-server --save 900 1 # hourly\n');
  fs.writeFileSync(path.join(dir, 'k8s.yaml'), KUBERNETES);
  fs.writeFileSync(path.join(dir, 'web.yml'), 'services:\n  web:\n    image: nginx\n');
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('text: each fatal finding at its line and column in the compose file, exit status 1', async () => {
  const r = await runCli(['lint', '--server', 'redis@7.0', '--profile', 'development', path.join(dir, 'docker-compose.yml')]);
  assert.equal(r.code, 1, r.err);
  const fatal = r.out.split('\n').filter(l => l.includes('(fatal)'));
  assert.deepEqual(fatal.map(l => l.replace(dir + path.sep, '').split(' ').slice(0, 4).join(' ')), [
    'docker-compose.yml:7:41: error (fatal) RG108',
    'docker-compose.yml:10:53: error (fatal) RG108',
  ]);
  assert.ok(!hasStackTrace(r.out + r.err));
});

test('json: the verdict and the positions; a shell-form CMD whose comment the shell strips starts', async () => {
  const r = await runCli(['lint', '--format', 'json', '--server', 'redis@7.0', '--profile', 'development', path.join(dir, 'Dockerfile'), path.join(dir, 'k8s.yaml'), path.join(dir, 'web.yml')]);
  assert.equal(r.code, 1, r.err);
  const files = JSON.parse(r.out).files as Array<{ path: string; verdict: { kind: string; line?: number }; diagnostics: Array<{ code: string; line: number; column: number; fatal: boolean }> }>;
  assert.deepEqual(files.map(f => [path.basename(f.path), f.verdict]), [
    ['Dockerfile', { kind: 'starts' }],
    ['k8s.yaml', { kind: 'refused', line: 28 }],
    ['web.yml', { kind: 'starts' }],
  ]);
  assert.deepEqual(files[1].diagnostics.filter(d => d.fatal).map(d => [d.code, d.line, d.column]), [['RG105', 28, 129]]);
  assert.deepEqual(files[2].diagnostics, [], 'a compose file that starts no server');
});

test('sarif: results with rule ids for a Dockerfile', async () => {
  fs.writeFileSync(path.join(dir, 'Dockerfile.bad'), 'FROM redis:7.0\nCMD ["redis-server", "--maxmemory", "2x"]\n');
  const r = await runCli(['lint', '--format', 'sarif', '--profile', 'development', path.join(dir, 'Dockerfile.bad')]);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.out);
  const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }>;
  const bad = results.find(x => x.ruleId === 'RG107')!;
  assert.deepEqual(bad.locations[0].physicalLocation.region.startLine, 2);
  assert.deepEqual(bad.locations[0].physicalLocation.region.startColumn, 37);
});

test('a directory stands for its compose files and Dockerfiles too (Kubernetes YAML only when named)', async () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-cli-containers-dir-'));
  try {
    for (const name of ['docker-compose.yml', 'Dockerfile', 'k8s.yaml', 'web.yml', 'redis.conf']) fs.copyFileSync(path.join(dir, name === 'redis.conf' ? 'web.yml' : name), path.join(d, name));
    fs.writeFileSync(path.join(d, 'redis.conf'), 'port 6379\n');
    const r = await runCli(['lint', '--server', 'redis@7.0', '--profile', 'development', '--format', 'json', d]);
    assert.equal(r.code, 1, r.err);
    const files = JSON.parse(r.out).files.map((f: { path: string }) => path.basename(f.path)).sort();
    assert.deepEqual(files, ['Dockerfile', 'docker-compose.yml', 'redis.conf']);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
