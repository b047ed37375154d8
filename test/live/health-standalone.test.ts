/**
 * Standalone health against real servers started here: statuses, memory threshold, ACL-limited
 * users, renamed CONFIG, TLS, and faults (kill -9 + restart, SIGSTOP/SIGCONT, wrong password, NOPERM).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { freePort, RunningRedis, startRedis } from '../helpers/redis-server';
import { makeTlsFiles } from '../helpers/tls';
import { ConnectionProfile, Live, LiveState, openStandalone, Secrets } from '../../server/src/live/redis/connection';
import { collect } from '../../server/src/live/health/collect';
import { evaluate, HealthItem, worstStatus } from '../../server/src/live/health/evaluate';
import { formatText } from '../../server/src/live/health/report';

const unhandled: unknown[] = [];
process.on('unhandledRejection', e => { unhandled.push(e); });

const PASSWORD = 'Xy9-mK2-pL8-vN4-qR7-wT1';
const MONITOR_PW = 'monitor-pw-4711';
const LIMITED_PW = 'limited-pw-0815';
const MONITOR_ACL = '~* &* -@all +ping +info +slowlog|get +slowlog|len +latency|latest +role +client|setname +scan +type +ttl +pttl +memory|usage +dbsize +config|get +cluster|info +cluster|nodes +cluster|shards';

const servers: RunningRedis[] = [];
const lives: Live[] = [];
const dirs: string[] = [];
after(async () => {
  await Promise.all(lives.map(l => l.close()));
  for (const s of servers) {
    try { process.kill(s.pid, 'SIGCONT'); } catch { /* gone */ }
    await s.stop();
  }
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function start(opts: Parameters<typeof startRedis>[0]): Promise<RunningRedis> {
  const s = await startRedis(opts);
  servers.push(s);
  return s;
}

function open(url: string, secrets: Secrets = {}, extra: Partial<ConnectionProfile> = {}): Live {
  const l = openStandalone({ id: 't', name: 't', kind: 'standalone', url, commandTimeoutMs: 600, connectTimeoutMs: 2000, ...extra }, secrets,
    { heartbeatMs: 150, retry: { baseMs: 100, maxMs: 800 } });
  lives.push(l);
  return l;
}

function waitState(l: Live, want: LiveState, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  if (l.state === want) return Promise.resolve(0);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { off(); reject(new Error(`state is ${l.state} (${l.message}), not ${want}, after ${timeoutMs} ms`)); }, timeoutMs);
    const off = l.onState(s => { if (s.state === want) { clearTimeout(t); off(); resolve(Date.now() - t0); } });
  });
}

function flat(items: HealthItem[]): Map<string, HealthItem> {
  const m = new Map<string, HealthItem>();
  const visit = (l: HealthItem[]) => l.forEach(i => { m.set(i.id, i); if (i.children) visit(i.children); });
  visit(items);
  return m;
}

async function check(l: Live): Promise<Map<string, HealthItem>> {
  return flat(evaluate(await collect(l)));
}

const raw = (port: number, password?: string) => new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0 });

// ---------------------------------------------------------------------------

const secured = start({
  config: [
    `requirepass ${PASSWORD}`,
    `user monitor on >${MONITOR_PW} ${MONITOR_ACL}`,
    `user limited on >${LIMITED_PW} ${MONITOR_ACL} -slowlog|get`,
  ].join('\n') + '\n',
  args: ['--appendonly', 'yes', '--save', '3600 1 300 100 60 10000'],
});
secured.catch(() => { /* reported by the tests that await it */ });

test('requirepass, AOF and RDB on: every group present with sensible statuses', async () => {
  const s = await secured;
  const l = open(`redis://127.0.0.1:${s.port}`, { password: PASSWORD });
  assert.equal(await l.whenSettled(5000), 'ready');
  const items = await check(l);
  for (const id of ['server', 'server.ping', 'server.version', 'server.flavour', 'server.mode', 'server.uptime', 'server.role',
    'latency.ping', 'memory.used', 'memory.fragmentation', 'memory.policy', 'memory.evicted',
    'clients.connected', 'clients.blocked', 'clients.rejected',
    'persistence.aof', 'persistence.rdb', 'persistence.bgsave', 'persistence.save',
    'throughput.ops', 'throughput.hitrate', 'slowlog.length', 'latencymon.events', 'replication.role']) {
    assert.ok(items.has(id), `item ${id}`);
  }
  const st = (id: string) => items.get(id)!.status;
  for (const id of ['server.ping', 'server.version', 'memory.used', 'clients.connected', 'clients.rejected', 'persistence.aof', 'persistence.rdb', 'persistence.bgsave', 'persistence.save', 'slowlog.length', 'replication.role']) {
    assert.equal(st(id), 'ok', `${id}: ${items.get(id)!.why}`);
  }
  assert.equal(items.get('server.flavour')!.value, 'redis');
  assert.equal(items.get('server.mode')!.value, 'standalone');
  assert.match(items.get('persistence.aof')!.value, /^on/);
  assert.equal(items.get('persistence.save')!.value, '3600 1 300 100 60 10000');
  assert.match(items.get('clients.connected')!.value, /of 10000/);
  assert.ok(![...items.values()].some(i => i.status === 'not-permitted' || i.status === 'problem'));
  assert.ok(!JSON.stringify([...items.values()]).includes(PASSWORD));
});

test('ACL user limited to the allowlist gets the full view', async () => {
  const s = await secured;
  const l = open(`redis://monitor@127.0.0.1:${s.port}`, { password: MONITOR_PW });
  assert.equal(await l.whenSettled(5000), 'ready');
  const items = await check(l);
  const bad = [...items.values()].filter(i => i.status === 'not-permitted' || i.status === 'unknown');
  assert.deepEqual(bad.map(i => `${i.id}: ${i.why}`), []);
  assert.equal(items.get('persistence.save')!.status, 'ok');
});

test('NOPERM for one command: only that item is not permitted', async () => {
  const s = await secured;
  const l = open(`redis://limited@127.0.0.1:${s.port}`, { password: LIMITED_PW });
  assert.equal(await l.whenSettled(5000), 'ready');
  const items = await check(l);
  const np = [...items.values()].filter(i => i.status === 'not-permitted');
  assert.deepEqual(np.map(i => i.id), ['slowlog.entries']);
  assert.match(np[0].why, /NOPERM/);
  assert.equal(items.get('slowlog.length')!.status, 'ok', 'SLOWLOG LEN is still allowed');
  assert.equal(items.get('memory.used')!.status, 'ok');
});

test('wrong password: auth-failed, and the password is in no message', async () => {
  const s = await secured;
  const wrong = 'not-the-password-123';
  const l = open(`redis://127.0.0.1:${s.port}`, { password: wrong });
  assert.equal(await l.whenSettled(5000), 'auth-failed');
  assert.match(l.message ?? '', /authentication failed/);
  const snap = await collect(l);
  const items = evaluate(snap);
  assert.equal(worstStatus(items), 'problem');
  const everything = JSON.stringify(snap) + JSON.stringify(items) + formatText(items, { target: l.address }) + (l.message ?? '') + JSON.stringify(l);
  assert.ok(!everything.includes(wrong) && !everything.includes(PASSWORD));
  // a URL password is treated the same way
  const u = open(`redis://:${wrong}@127.0.0.1:${s.port}`);
  assert.equal(await u.whenSettled(5000), 'auth-failed');
  assert.ok(!(u.message ?? '').includes(wrong) && !JSON.stringify(u).includes(wrong));
});

test('memory threshold: maxmemory 2mb filled by a separate client turns the memory item warning/problem', async () => {
  const s = await start({ args: ['--maxmemory', '2mb', '--maxmemory-policy', 'noeviction'] });
  const l = open(`redis://127.0.0.1:${s.port}`);
  assert.equal(await l.whenSettled(5000), 'ready');
  const before = await check(l);
  assert.equal(before.get('memory.used')!.status, 'ok', before.get('memory.used')!.why);
  assert.match(before.get('memory.used')!.value, /of 2\.00 MB/);

  const w = raw(s.port);
  try {
    await w.connect();
    const value = 'x'.repeat(1000);
    for (let batch = 0; batch < 100; batch++) {
      const p = w.pipeline();
      for (let i = 0; i < 100; i++) p.set(`fill:${batch}:${i}`, value);
      const res = await p.exec();
      if (res?.some(([e]) => e && /OOM/.test(e.message))) break;
    }
  } finally {
    w.disconnect();
  }
  const full = await check(l);
  const mem = full.get('memory.used')!;
  assert.ok(mem.status === 'warning' || mem.status === 'problem', `${mem.value}: ${mem.why}`);
  assert.equal(full.get('memory')!.status, mem.status, 'the group shows it');
  assert.equal(full.get('memory.policy')!.value, 'noeviction');
});

test('renamed CONFIG and disabled KEYS: with the rename map config items work, without it only they are not permitted', async () => {
  const s = await start({ config: 'rename-command CONFIG CONFIG_xyz123\nrename-command KEYS ""\n' });
  const mapped = open(`redis://127.0.0.1:${s.port}`, {}, { renames: { config: 'CONFIG_xyz123', keys: '' } });
  const plain = open(`redis://127.0.0.1:${s.port}`);
  assert.equal(await mapped.whenSettled(5000), 'ready');
  assert.equal(await plain.whenSettled(5000), 'ready');

  const withMap = await check(mapped);
  assert.equal(withMap.get('persistence.save')!.status, 'warning', 'AOF off and no save points: no persistence');
  assert.equal(withMap.get('persistence.save')!.value, 'none');
  assert.ok(![...withMap.values()].some(i => i.status === 'not-permitted'));
  assert.match(withMap.get('memory.policy')!.why, /CONFIG GET/);

  const without = await check(plain);
  const np = [...without.values()].filter(i => i.status === 'not-permitted');
  assert.deepEqual(np.map(i => i.id), ['persistence.save']);
  assert.match(np[0].why, /unknown command/i);
  // everything else still comes from INFO
  assert.equal(without.get('memory.used')!.status, 'ok');
  assert.match(without.get('memory.policy')!.why, /INFO/);
  assert.match(without.get('clients.connected')!.value, /of 10000/);
});

test('TLS: rediss:// with the CA is ready; without the CA a clear TLS state, not a crash', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-tls-'));
  dirs.push(dir);
  const f = makeTlsFiles(dir);
  const port = await freePort();
  await start({ args: ['--port', '0', '--tls-port', String(port), '--tls-cert-file', f.cert, '--tls-key-file', f.key, '--tls-ca-cert-file', f.ca, '--tls-auth-clients', 'no'] });
  const good = open(`rediss://127.0.0.1:${port}`, {}, { tls: { enabled: true, caFile: f.ca } });
  const noCa = open(`rediss://127.0.0.1:${port}`);
  assert.equal(await good.whenSettled(5000), 'ready');
  assert.equal(await noCa.whenSettled(5000), 'tls-error');
  assert.match(noCa.message ?? '', /^TLS handshake with 127\.0\.0\.1:\d+ failed: .*certificate/);
  const items = await check(good);
  assert.equal(items.get('server.ping')!.status, 'ok');
  const bad = evaluate(await collect(noCa));
  assert.equal(worstStatus(bad), 'problem');
  assert.match(flat(bad).get('server.ping')!.why, /TLS/);
});

test('kill -9: state down; restarted on the same port it recovers by itself', async () => {
  const s = await start({});
  const port = s.port;
  const l = open(`redis://127.0.0.1:${port}`);
  assert.equal(await l.whenSettled(5000), 'ready');
  process.kill(s.pid, 'SIGKILL');
  await waitState(l, 'down', 3000);
  const down = await check(l);
  assert.equal(down.get('server.ping')!.status, 'problem');
  assert.ok(!down.has('memory'), 'nothing else is claimed about a server that is down');

  await start({ args: ['--port', String(port)] });
  await waitState(l, 'ready', 5000);
  const back = await check(l);
  assert.equal(back.get('server.ping')!.status, 'ok');
  assert.ok(back.has('memory.used'));
});

test('SIGSTOP: stalled within the command timeout; SIGCONT: recovers', async () => {
  const s = await start({});
  const l = open(`redis://127.0.0.1:${s.port}`);
  assert.equal(await l.whenSettled(5000), 'ready');
  process.kill(s.pid, 'SIGSTOP');
  try {
    const t0 = Date.now();
    const snap = await collect(l);
    const took = Date.now() - t0;
    assert.ok(took < l.commandTimeoutMs + 400, `collect returned after ${took} ms`);
    assert.equal(l.state, 'stalled');
    const items = flat(evaluate(snap));
    assert.equal(items.get('server.ping')!.status, 'problem');
    assert.match(items.get('server.ping')!.why, /did not answer within 600 ms/);
  } finally {
    process.kill(s.pid, 'SIGCONT');
  }
  await waitState(l, 'ready', 3000);
  assert.equal((await check(l)).get('server.ping')!.status, 'ok');
});

test('SIGSTOP without traffic: the heartbeat notices within the command timeout', async () => {
  const s = await start({});
  const l = open(`redis://127.0.0.1:${s.port}`);
  assert.equal(await l.whenSettled(5000), 'ready');
  process.kill(s.pid, 'SIGSTOP');
  try {
    const took = await waitState(l, 'stalled', 3000);
    assert.ok(took <= 150 + 600 + 300, `stalled after ${took} ms`);
  } finally {
    process.kill(s.pid, 'SIGCONT');
  }
  await waitState(l, 'ready', 3000);
});

test('no unhandled rejections', async () => {
  await new Promise(r => setTimeout(r, 50));
  assert.deepEqual(unhandled, []);
});
