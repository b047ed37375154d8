/** The sidebar's plain logic against a real server: monitor refresh, config-file profiles, pattern rows. */
import * as crypto from 'crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startRedis } from '../helpers/redis-server';
import { Monitor } from '../../server/src/live/health/monitor';
import { resolveThresholds } from '../../server/src/live/health/thresholds';
import { profileFromConfigText } from '../../server/src/live/profile-from-config';
import { runScan, rowsOf } from '../../server/src/live/patterns/monitor-scan';

test('a profile from a config file: loopback address, port, renames, password kept apart', () => {
  const { profile, password } = profileFromConfigText('bind 0.0.0.0 127.0.0.1\nport 6390\nrequirepass hunter2-hunter2\nrename-command CONFIG CONFIG_xyz123\nrename-command KEYS ""\n', '/etc/redis/redis.conf');
  assert.equal(profile.url, 'redis://127.0.0.1:6390');
  assert.deepEqual(profile.renames, { config: 'CONFIG_xyz123', keys: '' });
  assert.equal(password, 'hunter2-hunter2');
  assert.ok(!JSON.stringify(profile).includes('hunter2'), 'the password is not part of the stored profile');
  const tls = profileFromConfigText('port 0\ntls-port 6391\ntls-ca-cert-file /etc/redis/ca.crt\n', 'redis.conf').profile;
  assert.equal(tls.url, 'rediss://127.0.0.1:6391');
  assert.equal(tls.tls?.caFile, '/etc/redis/ca.crt');
});

test('monitor: refresh gives health items, survives the server going away, and scan rows warn on security keys', async () => {
  const server = await startRedis({ config: 'requirepass pw-for-monitor-test\nmaxmemory-policy allkeys-lru\nmaxmemory 64mb\n' });
  const seed = new Redis({ port: server.port, host: '127.0.0.1', password: 'pw-for-monitor-test', lazyConnect: true });
  const m = new Monitor({ id: 'm1', name: 'test', kind: 'standalone', url: `redis://127.0.0.1:${server.port}`, commandTimeoutMs: 1000, connectTimeoutMs: 1000 },
    { password: 'pw-for-monitor-test' }, resolveThresholds({}));
  let changes = 0;
  m.onChange(() => changes++);
  try {
    await seed.connect();
    const p = seed.pipeline();
    for (let i = 0; i < 500; i++) p.set(`token:blacklist:${crypto.randomUUID()}`, '1', 'EX', 3600);
    for (let i = 0; i < 300; i++) p.set(`session:${i.toString(16).padStart(32, 'a')}`, 'x');
    await p.exec();
    const s = await m.refresh();
    assert.ok(s.items.length > 3, 'health groups');
    assert.ok(s.items.some(i => i.id.startsWith('memory')));
    assert.ok(['ok', 'warning', 'problem'].includes(s.worst));
    assert.ok(changes > 0);
    const result = await runScan(m, { keyBudget: 10_000, timeBudgetMs: 5000, pinned: ['ratelimit:*'] });
    const rows = rowsOf(result, 'allkeys-lru');
    const bl = rows.find(r => r.label === 'token:blacklist:*')!;
    assert.match(bl.description, /^500 keys · 100% with TTL/);
    assert.equal(bl.status, 'warning', 'allkeys-lru may evict revocations');
    assert.equal(rows.find(r => r.label === 'ratelimit:*')?.description.startsWith('0 keys'), true, 'pinned patterns show even when empty');
    assert.equal(rows.find(r => r.label.startsWith('session:'))?.status, 'ok');
    await server.stop();
    const after = await m.refresh();
    assert.ok(after.worst === 'problem' || after.error !== undefined || m.connectionState().state !== 'ready');
    assert.ok(!JSON.stringify(after).includes('pw-for-monitor-test'), 'no password in the state');
  } finally {
    seed.disconnect();
    await m.dispose();
    await server.stop().catch(() => undefined);
  }
});
