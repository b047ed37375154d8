/** Spec for RG366 daemonize-in-container, with what the real server does under daemonize yes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';
import { freePort, REDIS_SERVER } from '../helpers/redis-server';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-container-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

function rg366(folder: string, text: string) {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'redis.conf');
  fs.writeFileSync(file, text);
  return lintText(text, { server: 'redis@7.0', filePath: file, profile: 'production' }).filter(f => f.code === 'RG366');
}

test('RG366 fires on daemonize yes beside a Dockerfile or a compose file, and only there', () => {
  fs.mkdirSync(path.join(dir, 'docker'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'docker', 'Dockerfile'), 'FROM redis:7\nCOPY redis.conf /usr/local/etc/redis/redis.conf\n');
  const [f] = rg366(path.join(dir, 'docker'), 'port 6379\ndaemonize yes\n');
  assert.equal(f.severity, 'error');
  assert.deepEqual([f.line, f.character], [1, 10]);
  assert.match(f.message, /beside a Dockerfile: .* the container stops/);
  assert.equal(f.fixes![0].safety, 'review');
  fs.mkdirSync(path.join(dir, 'compose'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'compose', 'compose.yaml'), 'services:\n  redis:\n    image: redis:7\n');
  assert.match(rg366(path.join(dir, 'compose'), 'daemonize yes\n')[0].message, /beside compose\.yaml/);
  assert.equal(rg366(path.join(dir, 'docker'), 'daemonize no\n').length, 0);
  assert.equal(rg366(path.join(dir, 'plain'), 'daemonize yes\n').length, 0, 'no container file beside it');
  assert.equal(lintText('daemonize yes\n', { server: 'redis@7.0', profile: 'production' }).filter(f => f.code === 'RG366').length, 0, 'no file path');
});

test('the real server with daemonize yes: the process that was started exits at once, the server runs on in the background', async () => {
  const port = await freePort();
  const pidfile = path.join(dir, 'd.pid');
  const r = cp.spawnSync(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--pidfile', pidfile, '--logfile', path.join(dir, 'd.log'), '--dir', dir, '--save', ''], { timeout: 10_000 });
  assert.equal(r.status, 0, 'the started process ended (a container would stop here)');
  for (let i = 0; i < 50 && !fs.existsSync(pidfile); i++) await new Promise(res => setTimeout(res, 100));
  const pid = Number(fs.readFileSync(pidfile, 'utf8'));
  assert.ok(pid > 0 && pid !== r.pid, 'a forked process serves');
  process.kill(pid, 'SIGKILL');
});
