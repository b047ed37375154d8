/**
 * DEBUG=ioredis:* makes ioredis print every command it writes, AUTH's password included. The
 * built CLI, run that way against a real redis-server with a password, must print ioredis'
 * lines (so the debug output was on) with *** in place of AUTH's arguments.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { RunningRedis, startRedis } from '../helpers/redis-server';
import { runCli } from '../helpers/run-cli';

const PASSWORD = 'Debug-Secret-pw-8c1e';
const servers: RunningRedis[] = [];
after(async () => { for (const s of servers) await s.stop(); });

for (const [user, config] of [
  [undefined, `requirepass ${PASSWORD}\n`],
  ['monitor', `user monitor on >${PASSWORD} ~* &* +@all\n`],
] as const) {
  test(`DEBUG=ioredis:* with ${user ? 'an ACL user' : 'requirepass'}: ioredis' lines show *** for AUTH, never the password`, async () => {
    const s = await startRedis({ config });
    servers.push(s);
    const url = `redis://${user ? `${user}@` : ''}127.0.0.1:${s.port}`;
    const r = await runCli(['health', url, '--password-env', 'RG_DEBUG_PW'], { DEBUG: 'ioredis:*', RG_DEBUG_PW: PASSWORD });
    assert.ok(r.code === 0 || r.code === 1, r.out + r.err);
    assert.match(r.err, /ioredis:redis .*write command/, 'ioredis debug output is on');
    assert.match(r.err, /-> auth\(\*\*\*\)/);
    for (const form of [PASSWORD, PASSWORD.toUpperCase(), encodeURIComponent(PASSWORD)]) {
      assert.ok(!(r.out + r.err).includes(form), `"${form}" printed:\n${r.err}`);
    }
  });
}
