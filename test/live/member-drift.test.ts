/**
 * Drift per deployment member against a real primary + replica: each member's own file is in
 * sync, a run-time CONFIG SET (by the test, never by the product) shows on that member only,
 * names without values, and a member that stopped is a state, not an exception.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startReplicaSet } from './topology';
import { openStandalone } from '../../server/src/live/redis/connection';
import { driftDetails, driftLabel, memberDrift, targetFor } from '../../server/src/live/member-drift';

const PW = 'member-drift-password-5e0c2b';

test('each member matches its own file; a CONFIG SET on the replica is drift of the replica only; a stopped member is not compared', async () => {
  const set = await startReplicaSet({ replicas: 1, sentinels: 0, password: PW });
  const lives: Array<{ close(): Promise<void> }> = [];
  try {
    const common = `requirepass ${PW}\nmasterauth ${PW}\nrepl-diskless-sync-delay 0\nmaxmemory-policy noeviction\n`;
    const primaryFile = `port ${set.primary.port}\n${common}`;
    const replicaFile = `port ${set.replicas[0].port}\n${common}replicaof 127.0.0.1 ${set.primary.port}\n`;
    const target = targetFor(primaryFile, '/x/redis-primary.conf', 'redis@7.0');
    const open = (port: number) => {
      const l = openStandalone({ id: String(port), name: String(port), kind: 'standalone', url: `redis://127.0.0.1:${port}`, connectTimeoutMs: 2000, commandTimeoutMs: 2000 }, { password: PW }, { retry: false });
      lives.push(l);
      return l;
    };
    const primary = open(set.primary.port);
    const replica = open(set.replicas[0].port);
    await Promise.all([primary.whenSettled(), replica.whenSettled()]);

    const p0 = await memberDrift(primary.client, primaryFile, target);
    const r0 = await memberDrift(replica.client, replicaFile, target);
    assert.equal(driftLabel(p0), 'in sync', JSON.stringify(p0));
    assert.equal(driftLabel(r0), 'in sync', JSON.stringify(r0));

    await set.cli(set.replicas[0].port, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    await set.cli(set.replicas[0].port, 'CONFIG', 'SET', 'masterauth', 'changed-secret-value-0042');
    const r1 = await memberDrift(replica.client, replicaFile, target);
    assert.equal(r1.state, 'differ');
    assert.equal(driftLabel(r1), '2 differ');
    const details = driftDetails(r1, 'redis-replica.conf').join('\n');
    assert.match(details, /maxmemory-policy/);
    assert.match(details, /masterauth \(a secret: values hidden\)/);
    assert.ok(!details.includes('changed-secret-value-0042') && !details.includes(PW) && !details.includes('allkeys-lru'), details);
    assert.equal(driftLabel(await memberDrift(primary.client, primaryFile, target)), 'in sync', 'the primary is unaffected');

    await set.replicas[0].stop();
    const gone = await memberDrift(replica.client, replicaFile, target);
    assert.equal(gone.state, 'not-compared');
    if (gone.state === 'not-compared') {
      assert.ok(!/\n\s+at /.test(gone.why), `no stack trace: ${gone.why}`);
      assert.ok(!gone.why.includes(PW));
    }
  } finally {
    await Promise.all(lives.map(l => l.close()));
    await set.stop();
  }
});
