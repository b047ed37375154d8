/** `redis-guard health <url>` (healthCommand) against real servers: exit codes 0/1/2, text and JSON, no password in any output. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, RunningRedis, startRedis } from '../helpers/redis-server';
import { healthCommand } from '../../server/src/cli/health';

const PASSWORD = 'cli-Secret-9f8e7d6c';
const servers: RunningRedis[] = [];
after(async () => {
  for (const s of servers) {
    try { process.kill(s.pid, 'SIGCONT'); } catch { /* gone */ }
    await s.stop();
  }
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  // A loaded CI machine can take more than the default 10 ms for a PING; everything else uses the defaults.
  const code = await healthCommand(argv, { out: s => out.push(s), err: s => err.push(s) }, { pingWarnMs: 250 });
  const r = { code, out: out.join('\n'), err: err.join('\n') };
  const all = (r.out + r.err).toLowerCase();
  for (const form of [PASSWORD, encodeURIComponent(PASSWORD)]) assert.ok(!all.includes(form.toLowerCase()), 'the password is never printed, in any case or encoding');
  return r;
}

const healthy = startRedis({ config: `requirepass ${PASSWORD}\n`, args: ['--appendonly', 'yes', '--save', '3600 1 300 100'] })
  .then(s => { servers.push(s); return s; });
healthy.catch(() => { /* reported by the tests */ });

test('healthy server (password in the URL): exit 0, [OK] lines only', async () => {
  const s = await healthy;
  const r = await run([`redis://:${PASSWORD}@127.0.0.1:${s.port}`]);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /^Redis Guard health check: redis:\/\/127\.0\.0\.1:\d+$/m);
  assert.match(r.out, /^\[OK\] Server › Responding: PONG$/m);
  assert.match(r.out, /^\[OK\] Persistence › AOF: on/m);
  assert.match(r.out, /^\[OK\] Memory › Used: /m);
  assert.doesNotMatch(r.out, /\[(WARN|FAIL)\]/);
  assert.match(r.out, /exit 0\)$/);
  // the only line on stderr: the URL's password is visible in `ps`
  assert.equal(r.err, 'redis-guard health: warning: the password in the URL is visible to other users of this machine (ps, /proc); pass it with --password-env VAR instead');
});

test('password from --password-env, JSON output', async () => {
  const s = await healthy;
  process.env.RG_TEST_REDIS_PW = PASSWORD;
  try {
    const r = await run([`redis://127.0.0.1:${s.port}`, '--password-env', 'RG_TEST_REDIS_PW', '--format', 'json', '--timeout', '3000']);
    assert.equal(r.code, 0, r.out + r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.exitCode, 0);
    assert.equal(j.status, 'ok');
    assert.ok(j.items.some((i: { id: string }) => i.id === 'persistence'));
  } finally {
    delete process.env.RG_TEST_REDIS_PW;
  }
  const missing = await run([`redis://127.0.0.1:${s.port}`, '--password-env', 'RG_TEST_NOT_SET_ANYWHERE']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /RG_TEST_NOT_SET_ANYWHERE is not set/);
});

test('AOF off and no save points: exit 1 with [WARN] lines', async () => {
  const s = await startRedis({});
  servers.push(s);
  const r = await run([`redis://127.0.0.1:${s.port}`]);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /^\[WARN\] Persistence › AOF: off — AOF persistence disabled/m);
  assert.match(r.out, /^\[WARN\] Persistence › Save points: none/m);
  assert.doesNotMatch(r.out, /\[FAIL\]/);
});

test('closed port: exit 2 with one clear line', async () => {
  const port = await freePort();
  const r = await run([`redis://:${PASSWORD}@127.0.0.1:${port}`]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err.split('\n').pop(), `redis-guard health: cannot connect to 127.0.0.1:${port}: connection refused`);
  const j = await run([`redis://127.0.0.1:${port}`, '--format', 'json']);
  assert.equal(j.code, 2);
  assert.equal(JSON.parse(j.out).exitCode, 2);
});

test('wrong password: exit 2, authentication message, neither password printed', async () => {
  const s = await healthy;
  const wrong = 'wrong-Secret-1a2b3c';
  const r = await run([`redis://:${wrong}@127.0.0.1:${s.port}`]);
  assert.equal(r.code, 2);
  assert.match(r.err, /^redis-guard health: authentication failed for 127\.0\.0\.1:\d+: WRONGPASS/m);
  assert.ok(!r.err.includes(wrong) && !r.out.includes(wrong));
});

test('frozen server: exit 2 after --timeout', async () => {
  const s = await startRedis({});
  servers.push(s);
  process.kill(s.pid, 'SIGSTOP');
  try {
    const t0 = Date.now();
    const r = await run([`redis://127.0.0.1:${s.port}`, '--timeout', '300']);
    assert.equal(r.code, 2);
    assert.match(r.err, /did not (complete the handshake|answer) within 300 ms/);
    assert.ok(Date.now() - t0 < 2000);
  } finally {
    process.kill(s.pid, 'SIGCONT');
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['http://example.com'])).code, 2);
  assert.equal((await run(['redis://127.0.0.1:1', '--format', 'xml'])).code, 2);
  assert.equal((await run(['redis://127.0.0.1:1', '--bogus'])).code, 2);
  const bad = await run([`redis://:${PASSWORD}@127.0.0.1:notaport`]);
  assert.equal(bad.code, 2);
});
