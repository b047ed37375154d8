/**
 * RG331's advice on a real server: token revocations (kept, as they must be, with a TTL of the
 * token's lifetime) are evicted under volatile-ttl once a small maxmemory fills with other data,
 * so revoked tokens would be accepted again; under noeviction the same writes fail loudly and
 * every revocation stays. The config the rule recommends is the one that keeps them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startRedis } from '../helpers/redis-server';
import { lintText } from '../../server/src/engine/lint';

const REVOCATIONS = 2000;

/** Writes the revocations, then 10,000 cache entries of 1 KB without a TTL; what is left, and how many writes were refused. */
async function fillUnder(policy: string): Promise<{ revocationsLeft: number; refused: number; evicted: number }> {
  const config = `maxmemory 4mb\nmaxmemory-policy ${policy}\n`;
  const server = await startRedis({ config });
  const r = new Redis({ port: server.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await r.connect();
    const p = r.pipeline();
    for (let i = 0; i < REVOCATIONS; i++) p.set(`revoked:jti-${i}`, '1', 'EX', 3600 + i); // revoked for the token's remaining lifetime
    await p.exec();
    let refused = 0;
    const value = 'x'.repeat(1024);
    for (let batch = 0; batch < 10; batch++) {
      const q = r.pipeline();
      for (let i = 0; i < 1000; i++) q.set(`cache:${batch}:${i}`, value);
      for (const [err] of (await q.exec()) ?? []) if (err && /OOM/.test(err.message)) refused++;
    }
    const c = r.pipeline();
    for (let i = 0; i < REVOCATIONS; i++) c.exists(`revoked:jti-${i}`);
    const revocationsLeft = ((await c.exec()) ?? []).reduce((n, [, v]) => n + Number(v), 0);
    const evicted = Number(/evicted_keys:(\d+)/.exec(await r.info('stats'))?.[1] ?? 0);
    return { revocationsLeft, refused, evicted };
  } finally {
    r.disconnect();
    await server.stop();
  }
}

test('volatile-ttl evicts revocations once memory fills; RG331 flags it', async () => {
  const r = await fillUnder('volatile-ttl');
  assert.ok(r.evicted > 0, `evicted_keys ${r.evicted}`);
  assert.ok(r.revocationsLeft < REVOCATIONS, `${r.revocationsLeft} of ${REVOCATIONS} revocations left`);
  assert.ok(lintText('maxmemory 4mb\nmaxmemory-policy volatile-ttl\n', { server: 'redis@7.0' }).some(f => f.code === 'RG331'));
});

test('noeviction keeps every revocation and refuses the writes instead; RG331 is quiet', async () => {
  const r = await fillUnder('noeviction');
  assert.equal(r.revocationsLeft, REVOCATIONS);
  assert.equal(r.evicted, 0);
  assert.ok(r.refused > 0, 'writes fail loudly with OOM');
  assert.ok(!lintText('maxmemory 4mb\nmaxmemory-policy noeviction\n', { server: 'redis@7.0' }).some(f => f.code === 'RG331'));
});
