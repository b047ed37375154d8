/**
 * Real topologies: 1 primary + 2 replicas + 3 sentinels (with a kill -9 failover), and a
 * 3 × 2 cluster. Checked with allowlisted commands, with the pattern scanner over every
 * primary, and with the health modules (connection/ → collect → evaluate).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import Redis, { Cluster } from 'ioredis';
import { readOnly, ReadOnlyClient } from '../../server/src/live/redis/allowlist';
import { parseClusterNodes } from '../../server/src/live/redis/info';
import { ClusterLive, openCluster, openSentinel, SentinelLive } from '../../server/src/live/redis/connection';
import { collect } from '../../server/src/live/health/collect';
import { evaluate, HealthItem } from '../../server/src/live/health/evaluate';
import { NodeConnector, respConnector, scanCluster } from '../../server/src/live/patterns/scan';
import { kv, ReplicaSet, RunningCluster, startCluster, startReplicaSet, waitFor } from './topology';

const PASSWORD = 'rs-Pw-7731-topology';

const unhandled: unknown[] = [];
process.on('unhandledRejection', e => { unhandled.push(e); });

/** An ioredis connection for product code: behind the allowlist, nothing else. */
function productClient(port: number, password?: string): { client: ReadOnlyClient; raw: Redis } {
  const raw = new Redis({ port, host: '127.0.0.1', password, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 1, retryStrategy: () => null });
  raw.on('error', () => { /* reported through commands */ });
  return { client: readOnly(raw), raw };
}

/** Flat field/value array → record. */
function fields(reply: unknown): Record<string, string> {
  const a = reply as unknown[];
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < a.length; i += 2) out[String(a[i])] = String(a[i + 1]);
  return out;
}

function flat(items: readonly HealthItem[], out = new Map<string, HealthItem>()): Map<string, HealthItem> {
  for (const i of items) { out.set(i.id, i); if (i.children) flat(i.children, out); }
  return out;
}

// ---------------------------------------------------------------------------

describe('primary + 2 replicas + 3 sentinels', () => {
  let rs: ReplicaSet;
  const raws: Redis[] = [];
  const lives: SentinelLive[] = [];
  const open = (port: number, password?: string) => { const p = productClient(port, password); raws.push(p.raw); return p.client; };

  before(async () => {
    const t0 = Date.now();
    rs = await startReplicaSet({ replicas: 2, sentinels: 3, password: PASSWORD });
    console.log(`# replica set with sentinels ready in ${Date.now() - t0} ms`);
  });
  after(async () => {
    await Promise.all(lives.map(l => l.close()));
    for (const r of raws) r.disconnect();
    await rs?.stop();
  });

  test('the primary has 2 replicas online (ROLE, INFO replication)', async () => {
    const c = open(rs.primary.port, PASSWORD);
    const role = await c.call(['ROLE']) as [string, number, Array<[string, string, string]>];
    assert.equal(role[0], 'master');
    assert.deepEqual(role[2].map(r => Number(r[1])).sort(), rs.replicas.map(r => r.port).sort());
    const info = kv(String(await c.call(['INFO', 'replication'])));
    assert.equal(info.role, 'master');
    assert.equal(info.connected_slaves, '2');
    assert.match(info.slave0, /state=online/);
    assert.match(info.slave1, /state=online/);
  });

  test('every sentinel: quorum 2, 2 replicas, 2 other sentinels (SENTINEL MASTERS, CKQUORUM)', async () => {
    for (const s of rs.sentinels) {
      const c = open(s.port);
      const masters = (await c.call(['SENTINEL', 'MASTERS']) as unknown[]).map(fields);
      assert.equal(masters.length, 1);
      const m = masters[0];
      assert.equal(m.name, 'mymaster');
      assert.equal(Number(m.port), rs.primary.port);
      assert.equal(m.flags, 'master');
      assert.equal(m.quorum, '2');
      assert.equal(m['num-slaves'], '2');
      assert.equal(m['num-other-sentinels'], '2');
      assert.match(String(await c.call(['SENTINEL', 'CKQUORUM', 'mymaster'])), /^OK 3 usable Sentinels/);
      assert.equal((await c.call(['SENTINEL', 'SENTINELS', 'mymaster']) as unknown[]).length, 2);
    }
  });

  test('health evaluation shows the sentinel items', async () => {
    const live = openSentinel({
      id: 'rs', name: 'rs', kind: 'sentinel', masterName: 'mymaster',
      sentinels: rs.sentinels.map(s => ({ host: '127.0.0.1', port: s.port })), connectTimeoutMs: 2000, commandTimeoutMs: 1000,
    }, { password: PASSWORD }, { heartbeatMs: 500, retry: { baseMs: 100, maxMs: 500 } });
    lives.push(live);
    assert.equal(await live.whenSettled(10000), 'ready');
    const items = flat(evaluate(await collect(live)));
    const base = 'sentinel.master.mymaster';
    assert.equal(items.get('sentinel')?.status, 'ok', JSON.stringify(items.get('sentinel')));
    assert.equal(items.get('sentinel.connection')?.status, 'ok');
    assert.equal(items.get(`${base}.status`)?.status, 'ok');
    assert.match(items.get(`${base}.status`)!.value, new RegExp(`:${rs.primary.port} \\(master\\)`));
    assert.equal(items.get(`${base}.quorum`)?.status, 'ok');
    assert.match(items.get(`${base}.quorum`)!.value, /^2 \(3 usable Sentinels/);
    assert.equal(items.get(`${base}.replicas`)?.value, '2 of 2 ok');
    assert.equal(items.get(`${base}.sentinels`)?.value, '3 of 3 ok (quorum 2)');
    assert.equal(items.get(`${base}.failover`)?.value, 'none');
    assert.equal(items.get('replication.role')?.value, 'primary with 2 replicas');
  });

  test('kill -9 the primary: the sentinels elect a replica within 15 s', async () => {
    const sentinel = open(rs.sentinels[0].port);
    const oldPort = rs.primary.port;
    const replicaPorts = rs.replicas.map(r => r.port);
    const t0 = Date.now();
    await rs.primary.stop(); // SIGKILL
    const newPort = await waitFor('a new primary from SENTINEL GET-MASTER-ADDR-BY-NAME', async () => {
      const addr = await sentinel.call(['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'mymaster']) as [string, string];
      const port = Number(addr[1]);
      return port !== oldPort ? port : undefined;
    }, 15000, 100);
    const took = Date.now() - t0;
    console.log(`# failover: ${oldPort} → ${newPort} in ${took} ms`);
    assert.ok(replicaPorts.includes(newPort));
    assert.ok(took < 15000);
    // every sentinel agrees, and the promoted replica says it is a primary
    for (let i = 0; i < rs.sentinels.length; i++) {
      await waitFor(`sentinel ${i} to agree`, async () => (await rs.primaryPortSeenBy(i)) === newPort, 10000);
    }
    const promoted = open(newPort, PASSWORD);
    await waitFor('ROLE master on the promoted replica', async () => ((await promoted.call(['ROLE'])) as unknown[])[0] === 'master', 10000);

    // the health view follows the failover
    const live = lives[0];
    const base = 'sentinel.master.mymaster';
    const items = await waitFor('health to show the new primary and the old one down', async () => {
      await live.refresh();
      const it = flat(evaluate(await collect(live)));
      const st = it.get(`${base}.status`);
      const reps = it.get(`${base}.replicas`);
      return st?.status === 'ok' && st.value.includes(`:${newPort} `) && reps?.status === 'warning' && it.get(`${base}.failover`)?.value === 'none' ? it : undefined;
    }, 20000, 300);
    assert.equal(live.primaryAddress?.port, newPort);
    assert.match(items.get(`${base}.replicas`)!.why, new RegExp(`127\\.0\\.0\\.1:${oldPort}`));
    assert.equal(items.get(`${base}.sentinels`)?.value, '3 of 3 ok (quorum 2)');
  });
});

// ---------------------------------------------------------------------------

interface Family { pattern: string; count: number; key: (i: number) => string; type: 'string' | 'hash' | 'list'; ttl?: number }
const CLUSTER_FAMILIES: Family[] = [
  { pattern: 'user:*:profile', count: 6000, key: i => `user:${i}:profile`, type: 'hash' },
  { pattern: 'token:blacklist:*', count: 5000, key: () => `token:blacklist:${randomUUID()}`, type: 'string', ttl: 3600 },
  { pattern: 'session:*', count: 4000, key: () => `session:${randomBytes(16).toString('hex')}`, type: 'string' },
  { pattern: 'ratelimit:*:*', count: 3000, key: i => `ratelimit:10.0.${i >> 8}.${i & 255}:${1764072000 + (i % 5) * 60}`, type: 'string', ttl: 60 },
  { pattern: 'queue:jobs:*', count: 2000, key: i => `queue:jobs:${i}`, type: 'list' },
];
const CLUSTER_TOTAL = CLUSTER_FAMILIES.reduce((s, f) => s + f.count, 0);

describe('cluster: 3 primaries × 1 replica', () => {
  let cl: RunningCluster;
  let seedRaw: Redis;
  let seed: ReadOnlyClient;
  const raws: Redis[] = [];
  let live: ClusterLive | undefined;

  before(async () => {
    const t0 = Date.now();
    cl = await startCluster({ primaries: 3, replicasPerPrimary: 1 });
    console.log(`# cluster ready in ${Date.now() - t0} ms`);
    ({ client: seed, raw: seedRaw } = productClient(cl.ports[0]));
    // test setup: write the families through a cluster-aware raw client
    const writer = new Cluster([{ host: '127.0.0.1', port: cl.ports[0] }], { enableAutoPipelining: true, redisOptions: { enableReadyCheck: false } });
    try {
      const jobs: Array<Promise<unknown>> = [];
      for (const f of CLUSTER_FAMILIES) {
        for (let i = 0; i < f.count; i++) {
          const k = f.key(i);
          if (f.type === 'hash') jobs.push(writer.hset(k, 'n', String(i)));
          else if (f.type === 'list') jobs.push(writer.rpush(k, 'job'));
          else jobs.push(f.ttl ? writer.set(k, '1', 'EX', f.ttl) : writer.set(k, '1'));
        }
      }
      await Promise.all(jobs);
    } finally {
      writer.disconnect();
    }
    console.log(`# cluster seeded with ${CLUSTER_TOTAL} keys in ${Date.now() - t0} ms total`);
  });
  after(async () => {
    await live?.close();
    seedRaw?.disconnect();
    for (const r of raws) r.disconnect();
    await cl?.stop();
  });

  test('CLUSTER INFO: state ok, 16384 slots, 6 nodes, 3 shards', async () => {
    const ci = kv(String(await seed.call(['CLUSTER', 'INFO'])));
    assert.equal(ci.cluster_state, 'ok');
    assert.equal(ci.cluster_slots_assigned, '16384');
    assert.equal(ci.cluster_slots_ok, '16384');
    assert.equal(ci.cluster_slots_pfail, '0');
    assert.equal(ci.cluster_slots_fail, '0');
    assert.equal(ci.cluster_known_nodes, '6');
    assert.equal(ci.cluster_size, '3');
  });

  test('CLUSTER NODES: 3 primaries covering every slot once, 3 replicas of distinct primaries', async () => {
    const nodes = parseClusterNodes(String(await seed.call(['CLUSTER', 'NODES'])));
    assert.equal(nodes.length, 6);
    const primaries = nodes.filter(n => n.role === 'master');
    const replicas = nodes.filter(n => n.role === 'replica');
    assert.equal(primaries.length, 3);
    assert.equal(replicas.length, 3);
    const covered = new Uint8Array(16384);
    for (const p of primaries) for (const [a, b] of p.slots) for (let s = a; s <= b; s++) covered[s]++;
    assert.ok(covered.every(c => c === 1), 'each slot served by exactly one primary');
    assert.deepEqual(replicas.map(r => r.masterId).sort(), primaries.map(p => p.id).sort());
    assert.ok(nodes.every(n => n.failing === undefined && n.linkState === 'connected'));
    assert.deepEqual(nodes.map(n => n.port).sort(), [...cl.ports].sort());
  });

  const check = (r: Awaited<ReturnType<typeof scanCluster>>) => {
    assert.equal(r.complete, true, JSON.stringify(r.nodes));
    assert.equal(r.approximate, false);
    assert.equal(r.nodes.length, 3);
    assert.equal(r.scanned, CLUSTER_TOTAL);
    assert.equal(r.dbsize, CLUSTER_TOTAL);
    const got = new Map(r.patterns.map(p => [p.pattern, p]));
    assert.deepEqual([...got.keys()].sort(), CLUSTER_FAMILIES.map(f => f.pattern).sort());
    for (const f of CLUSTER_FAMILIES) {
      const s = got.get(f.pattern)!;
      assert.equal(s.count, f.count, f.pattern);
      assert.deepEqual(s.types, { [f.type]: f.count });
      assert.equal(s.withTtl, f.ttl ? f.count : 0);
    }
  };

  test('pattern scan over every primary counts each key exactly once (RESP connections)', async () => {
    const primaries = await cl.primaryPorts();
    const r = await scanCluster(seed, respConnector({}), { keyBudget: Infinity });
    check(r);
    assert.deepEqual(r.nodes.map(n => Number(n.node!.split(':')[1])).sort(), primaries.sort());
    for (const n of r.nodes) assert.ok(n.scanned > CLUSTER_TOTAL / 6, `${n.node}: ${n.scanned}`); // keys are spread over the shards
  });

  test('pattern scan over every primary (ioredis connections behind the allowlist)', async () => {
    const connect: NodeConnector = async node => {
      const p = productClient(node.port);
      raws.push(p.raw);
      return { client: p.client, close: () => p.raw.disconnect() };
    };
    check(await scanCluster(seed, connect, { keyBudget: Infinity, sampleEvery: 50 }));
  });

  test('a budget-limited cluster scan extrapolates per node', async () => {
    const r = await scanCluster(seed, respConnector({}), { keyBudget: 6000, sampleEvery: 0 });
    assert.equal(r.complete, false);
    assert.ok(r.approximate);
    assert.equal(r.scanned, 6000);
    for (const n of r.nodes) assert.equal(n.scanned, 2000);
    const got = new Map(r.patterns.map(p => [p.pattern, p]));
    for (const f of CLUSTER_FAMILIES) {
      const c = got.get(f.pattern)?.count ?? 0;
      assert.ok(Math.abs(c - f.count) / f.count < 0.2, `${f.pattern}: ~${c} vs ${f.count}`);
    }
  });

  test('health evaluation shows cluster state, slot coverage and every node', async () => {
    live = openCluster({ id: 'c', name: 'c', kind: 'cluster', nodes: [{ host: '127.0.0.1', port: cl.ports[0] }], connectTimeoutMs: 2000, commandTimeoutMs: 1000 },
      {}, { heartbeatMs: 500, retry: { baseMs: 100, maxMs: 500 } });
    await live.whenSettled(10000);
    const items = flat(evaluate(await collect(live)));
    assert.equal(items.get('cluster.state')?.status, 'ok');
    assert.equal(items.get('cluster.state')?.value, 'ok');
    assert.equal(items.get('cluster.slots')?.status, 'ok');
    assert.equal(items.get('cluster.slots')?.value, '16384 of 16384 ok');
    const nodes = items.get('cluster.nodes')!;
    assert.equal(nodes.children?.length, 6);
    const labels = nodes.children!.map(n => Number(n.label.split(':')[1])).sort();
    assert.deepEqual(labels, [...cl.ports].sort());
    assert.equal(nodes.children!.filter(n => n.value.startsWith('primary')).length, 3);
    assert.equal(nodes.children!.filter(n => n.value.startsWith('replica of 127.0.0.1:')).length, 3);
    for (const n of nodes.children!) assert.notEqual(n.status, 'problem', `${n.label}: ${n.why}`);
    // the per-node key counts add up to what was written
    const keys = nodes.children!.filter(n => n.value.startsWith('primary')).reduce((s, n) => s + Number(/(\d+) keys/.exec(n.value)?.[1] ?? 0), 0);
    assert.equal(keys, CLUSTER_TOTAL);
  });

  test('a replica node killed: only that node turns problem, the cluster keeps serving', async () => {
    assert.ok(live, 'the previous test opened the cluster link');
    const primaries = await cl.primaryPorts();
    const victimPort = cl.ports.find(p => !primaries.includes(p))!;
    await cl.nodes[cl.ports.indexOf(victimPort)].stop();
    const items = await waitFor('the killed node to show as a problem', async () => {
      const it = flat(evaluate(await collect(live!)));
      const node = it.get('cluster.nodes')!.children!.find(n => n.label.endsWith(`:${victimPort}`));
      return node?.status === 'problem' ? it : undefined;
    }, 20000, 300);
    const others = items.get('cluster.nodes')!.children!.filter(n => !n.label.endsWith(`:${victimPort}`));
    assert.equal(others.length, 5);
    for (const n of others) assert.notEqual(n.status, 'problem', `${n.label}: ${n.why}`);
    assert.equal(items.get('cluster.slots')?.value, '16384 of 16384 ok', 'a replica down leaves every slot served');
  });

  test('no unhandled rejections', () => {
    assert.deepEqual(unhandled.map(String), []);
  });
});
