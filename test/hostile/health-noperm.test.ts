/**
 * `redis-guard health` on a real redis-server with ACL users that may run nothing, or only
 * PING: "not permitted" is no "OK" (exit 2 and 1), and the report says what could not be checked.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { RunningRedis, startRedis } from '../helpers/redis-server';
import { hasStackTrace, runCli } from '../helpers/run-cli';

const PASSWORD = 'NoPerm-Secret-4711';
const servers: RunningRedis[] = [];
after(async () => { for (const s of servers) await s.stop(); });

const server = startRedis({
  config: [
    `user nothing on >${PASSWORD} ~* &* -@all`,
    `user pingonly on >${PASSWORD} ~* &* -@all +ping +client|setname`,
    '',
  ].join('\n'),
}).then(s => { servers.push(s); return s; });
server.catch(() => { /* reported by the tests */ });

async function health(user: string, format: 'text' | 'json') {
  const s = await server;
  const r = await runCli(['health', `redis://${user}@127.0.0.1:${s.port}`, '--password-env', 'RG_NOPERM_PW', '--format', format], { RG_NOPERM_PW: PASSWORD });
  assert.ok(!hasStackTrace(r.out + r.err), r.out + r.err);
  assert.ok(!(r.out + r.err).includes(PASSWORD));
  return r;
}

test('a user that may run no command: exit 2, "nothing could be checked"', async () => {
  const text = await health('nothing', 'text');
  assert.equal(text.code, 2, text.out + text.err);
  assert.match(text.out, /^\[SKIP\] Server › Responding: not permitted — PING is not permitted .*NOPERM/m);
  assert.match(text.out, /^Nothing could be checked/m);
  const json = await health('nothing', 'json');
  assert.equal(json.code, 2);
  const report = JSON.parse(json.out);
  assert.equal(report.exitCode, 2);
  assert.equal(report.coverage.any, false);
});

test('a user that may only PING: INFO not permitted, exit 1', async () => {
  const text = await health('pingonly', 'text');
  assert.equal(text.code, 1, text.out + text.err);
  assert.match(text.out, /^\[OK\] Server › Responding: PONG$/m);
  assert.match(text.out, /^\[SKIP\] Server › Version: not permitted/m);
  assert.match(text.out, /^PING or INFO did not answer/m);
  const report = JSON.parse((await health('pingonly', 'json')).out);
  assert.equal(report.exitCode, 1);
  assert.deepEqual([report.coverage.any, report.coverage.essential], [true, false]);
});
