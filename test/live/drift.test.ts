/** Drift between a config file and a live server, read through the read-only allowlist. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Redis from 'ioredis';
import { startRedis } from '../helpers/redis-server';
import { readOnly } from '../../server/src/live/redis/allowlist';
import { compare, directivesToCompare } from '../../server/src/live/drift';
import { resolveTarget, Target } from '../../server/src/engine/catalog';

const target = resolveTarget('redis@7.0') as Target;

test('a file that matches the live server shows no drift; values changed at run time do', async () => {
  const file = [
    'maxmemory 2mb',
    'maxmemory-policy ALLKEYS-LRU',
    'appendfsync everysec',
    'hz 10',
    'client-output-buffer-limit pubsub 32mb 8mb 60',
    'requirepass s3cret-s3cret-s3cret-s3cret',
    'rename-command CONFIG CONFIG_xyz123',
  ].join('\n') + '\n';
  const server = await startRedis({ config: file });
  const raw = new Redis({ port: server.port, host: '127.0.0.1', password: 's3cret-s3cret-s3cret-s3cret', lazyConnect: true, enableReadyCheck: false });
  try {
    await raw.connect();
    const client = readOnly(raw, { config: 'CONFIG_xyz123' });
    const live = async () => {
      const out: Record<string, string> = {};
      for (const name of directivesToCompare(file, target)) {
        const pair = await client.call(['config', 'get', name]) as string[];
        if (pair.length === 2) out[pair[0]] = pair[1];
      }
      return out;
    };
    assert.deepEqual(compare(file, target, await live()), [], 'units, case and partial buffer classes are normalised');

    // test setup changes the live server (the product never writes)
    await raw.call('CONFIG_xyz123', 'SET', 'maxmemory', '3mb');
    await raw.call('CONFIG_xyz123', 'SET', 'hz', '20');
    await raw.call('CONFIG_xyz123', 'SET', 'requirepass', 'another-secret-value-123');
    const drift = compare(file, target, await live());
    assert.deepEqual(drift.map(d => [d.name, d.line]), [['maxmemory', 0], ['hz', 3], ['requirepass', 5]]);
    assert.match(drift[0].message, /"2097152".*"3145728"/);
    const secret = drift.find(d => d.name === 'requirepass')!;
    assert.ok(secret.sensitive);
    assert.ok(!secret.message.includes('s3cret') && !secret.message.includes('another-secret'), 'no password in the message');
  } finally {
    raw.disconnect();
    await server.stop();
  }
});
