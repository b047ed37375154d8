/**
 * What actually reaches the server while the product connects, probes and runs a full health
 * collection. Each command must be on the allowlist (AUTH / HELLO / SELECT are the connection
 * handshake, and are listed there too). Two witnesses, from a second raw client:
 *  - MONITOR: every command with its arguments — except that Redis never feeds admin-flagged
 *    commands (CONFIG, SLOWLOG, LATENCY, …) to monitors;
 *  - INFO commandstats after CONFIG RESETSTAT: every executed command and subcommand, admin ones
 *    included, and total_error_replies (a refused command would count there).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { RunningRedis, startRedis } from '../helpers/redis-server';
import { ALLOWLIST, isAllowed } from '../../server/src/live/redis/allowlist';
import { openStandalone } from '../../server/src/live/redis/connection';
import { collect } from '../../server/src/live/health/collect';
import { evaluate } from '../../server/src/live/health/evaluate';
import { parseInfo } from '../../server/src/live/redis/info';

const PASSWORD = 'capture-pw-31337';
let server: RunningRedis | undefined;
after(async () => { await server?.stop(); });

test('every command a health collection sends is on the allowlist', async () => {
  server = await startRedis({ config: `requirepass ${PASSWORD}\n`, args: ['--appendonly', 'yes'] });
  const admin = new Redis({ port: server.port, host: '127.0.0.1', password: PASSWORD, lazyConnect: true, enableReadyCheck: false });
  await admin.connect();
  const monitor = await admin.monitor();
  const captured: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[]) => { captured.push(args.map(String)); });
  try {
    // the monitor stream is live once our own marker shows up
    const marker = new Redis({ port: server.port, host: '127.0.0.1', password: PASSWORD, lazyConnect: true, enableReadyCheck: false });
    await marker.connect();
    await marker.call('ECHO', 'capture-start');
    marker.disconnect();
    await waitFor(() => captured.some(a => a[0]?.toLowerCase() === 'echo'));
    await admin.call('CONFIG', 'RESETSTAT'); // admin-flagged: not in MONITOR; counted in commandstats (allowed below)
    captured.length = 0;

    const live = openStandalone({ id: 'cap', name: 'cap', kind: 'standalone', url: `redis://127.0.0.1:${server.port}/0`, commandTimeoutMs: 2000 },
      { password: PASSWORD }, { heartbeatMs: 100 });
    try {
      assert.equal(await live.whenSettled(5000), 'ready');
      const items = evaluate(await collect(live));
      assert.ok(items.length > 5);
      await new Promise(r => setTimeout(r, 250)); // a couple of heartbeats
    } finally {
      await live.close();
    }
    await waitFor(() => captured.some(a => a[0]?.toLowerCase() === 'role'));
    const monitored = captured.slice(); // before our own INFO calls below

    const stats = parseInfo(String(await admin.call('INFO', 'commandstats')));
    const errors = parseInfo(String(await admin.call('INFO', 'stats'))).stats.total_error_replies;

    // MONITOR: full argument vectors of the non-admin commands
    const names = monitored.map(a => [a[0].toLowerCase(), a[1]?.toLowerCase()].filter(Boolean).join(' '));
    const refused = monitored.filter(a => !isAllowed(a[0], a[1]));
    assert.deepEqual(refused, [], `sent outside the allowlist: ${JSON.stringify(refused)}`);
    for (const expected of ['ping', 'info everything', 'role', 'client setname']) {
      assert.ok(names.includes(expected), `${expected} seen by MONITOR (saw: ${[...new Set(names)].join(', ')})`);
    }
    assert.ok(!names.some(n => /^(quit|client setinfo|command|info$)/.test(n)), 'no QUIT, CLIENT SETINFO, COMMAND or ready-check INFO');

    // commandstats: every command executed since RESETSTAT, admin ones included
    const executed = Object.keys(stats.commandstats ?? {}).map(k => k.replace(/^cmdstat_/, '').split('|'));
    const outside = executed.filter(([cmd, sub]) => !isAllowed(cmd, sub) && !(cmd === 'config' && sub === 'resetstat'));
    assert.deepEqual(outside, [], `executed outside the allowlist: ${JSON.stringify(outside)}`);
    const seen = executed.map(e => e.join(' '));
    for (const expected of ['ping', 'info', 'slowlog len', 'slowlog get', 'latency latest', 'config get', 'role', 'client setname', 'auth']) {
      assert.ok(seen.includes(expected), `${expected} executed (saw: ${seen.join(', ')})`);
    }
    assert.equal(errors, '0', 'no command was refused');
    assert.ok(Object.keys(ALLOWLIST).includes('auth'), 'AUTH (the handshake) is allowlisted');
  } finally {
    monitor.disconnect();
    admin.disconnect();
  }
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting for MONITOR output');
    await new Promise(r => setTimeout(r, 20));
  }
}
