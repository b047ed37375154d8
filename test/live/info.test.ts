/** parseInfo and friends on real INFO output (a primary with a replica), plus hand-written Valkey / Memurai / Sentinel samples. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import Redis from 'ioredis';
import { RunningRedis, startRedis, REDIS_SERVER } from '../helpers/redis-server';
import {
  detectServer, infoNum, infoStr, keyspaceOf, parseClusterNodes, parseFlatPairs, parseInfo, parseKeyValueLines, replicasOf,
} from '../../server/src/live/redis/info';

let primary: RunningRedis;
let replica: RunningRedis;
let primaryText = '';
let replicaText = '';

async function until<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

before(async () => {
  primary = await startRedis({ args: ['--repl-diskless-sync-delay', '0'] });
  replica = await startRedis({ args: ['--replicaof', '127.0.0.1', String(primary.port)] });
  // test setup writes data with its own client (the product never writes)
  const setup = new Redis({ port: primary.port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false });
  const setup3 = new Redis({ port: primary.port, host: '127.0.0.1', db: 3, lazyConnect: true, enableReadyCheck: false });
  try {
    await setup.connect();
    await setup3.connect();
    await setup.mset('user:1', 'a', 'user:2', 'b', 'session:x', 'c');
    await setup3.set('token:1', 'x', 'EX', 3600);
    await setup.get('user:1');
    await setup.get('missing');
    await until('replica online', async () => (/slave0:.*state=online/.test(String(await setup.call('INFO', 'replication'))) ? true : undefined));
    await until('replica has the keys', async () => {
      const t = String(await setup.call('INFO', 'replication'));
      const m = /master_repl_offset:(\d+)/.exec(t);
      const s = /slave0:.*offset=(\d+)/.exec(t);
      return m && s && m[1] === s[1] ? true : undefined;
    });
    primaryText = String(await setup.call('INFO', 'everything'));
  } finally {
    setup.disconnect();
    setup3.disconnect();
  }
  const r = new Redis({ port: replica.port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false });
  try {
    await r.connect();
    replicaText = String(await r.call('INFO', 'everything'));
  } finally {
    r.disconnect();
  }
});

after(async () => {
  await replica?.stop();
  await primary?.stop();
});

test('real INFO everything: sections, plain fields, numbers', () => {
  const info = parseInfo(primaryText);
  for (const s of ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'keyspace', 'commandstats', 'errorstats', 'cluster']) {
    assert.ok(info[s], `section ${s}`);
  }
  const version = /v=(\S+)/.exec(execFileSync(REDIS_SERVER, ['--version']).toString())![1];
  assert.equal(infoStr(info, 'server', 'redis_version'), version);
  assert.equal(infoNum(info, 'server', 'tcp_port'), primary.port);
  assert.ok(infoNum(info, 'memory', 'used_memory')! > 0);
  assert.equal(infoStr(info, 'persistence', 'aof_enabled'), '0');
  assert.equal(infoNum(info, 'stats', 'keyspace_hits'), 1);
  assert.equal(infoNum(info, 'stats', 'keyspace_misses'), 1);
  assert.equal(infoNum(info, 'server', 'no_such_field'), undefined);
  // values that contain ':' keep everything after the first colon
  assert.match(infoStr(info, 'server', 'executable') ?? '', /redis-server/);
});

test('real INFO: keyspace lines become objects', () => {
  const info = parseInfo(primaryText);
  assert.deepEqual(info.keyspace.db0, { keys: '3', expires: '0', avg_ttl: '0' });
  const ks = keyspaceOf(info);
  assert.deepEqual(ks.map(k => [k.db, k.keys, k.expires]), [[0, 3, 0], [3, 1, 1]]);
  assert.ok(ks[1].avgTtlMs > 0 && ks[1].avgTtlMs <= 3600 * 1000);
  const cmd = info.commandstats.cmdstat_mset;
  assert.ok(typeof cmd === 'object' && cmd.calls === '1', 'commandstats parsed into objects');
});

test('real INFO: replica lines on the primary, link status on the replica', () => {
  const p = parseInfo(primaryText);
  assert.equal(infoStr(p, 'replication', 'role'), 'master');
  assert.equal(infoNum(p, 'replication', 'connected_slaves'), 1);
  const reps = replicasOf(p);
  assert.equal(reps.length, 1);
  assert.equal(reps[0].ip, '127.0.0.1');
  assert.equal(reps[0].port, replica.port);
  assert.equal(reps[0].state, 'online');
  assert.equal(reps[0].offset, infoNum(p, 'replication', 'master_repl_offset'));
  assert.ok(reps[0].lagSec !== undefined && reps[0].lagSec >= 0);

  const r = parseInfo(replicaText);
  assert.equal(infoStr(r, 'replication', 'role'), 'slave');
  assert.equal(infoStr(r, 'replication', 'master_link_status'), 'up');
  assert.equal(infoNum(r, 'replication', 'master_port'), primary.port);
  assert.deepEqual(keyspaceOf(r).map(k => [k.db, k.keys]), [[0, 3], [3, 1]]);
  assert.deepEqual(replicasOf(r), []);
  assert.equal(detectServer(r).role, 'slave');
});

test('real INFO: detected as Redis, standalone', () => {
  const id = detectServer(parseInfo(primaryText));
  assert.equal(id.flavour, 'redis');
  assert.equal(id.mode, 'standalone');
  assert.equal(id.role, 'master');
  assert.equal(id.version, id.redisVersion);
  assert.equal(id.display, `Redis ${id.version}`);
});

// Valkey 8 (valkey.io INFO docs): server_name, valkey_version, server_mode; redis_version stays 7.2.4 for compatibility.
const VALKEY = [
  '# Server',
  'redis_version:7.2.4',
  'server_name:valkey',
  'valkey_version:8.0.1',
  'redis_git_sha1:00000000',
  'redis_git_dirty:0',
  'redis_build_id:b1a2f9d0c3e45f67',
  'server_mode:cluster',
  'os:Linux 6.1.0-18-amd64 x86_64',
  'arch_bits:64',
  'executable:/usr/bin/valkey-server',
  'config_file:/etc/valkey/valkey.conf',
  'uptime_in_seconds:120',
  '',
  '# Replication',
  'role:master',
  'connected_slaves:2',
  'slave0:ip=10.0.0.2,port=6379,state=online,offset=5010,lag=0',
  'slave1:ip=10.0.0.3,port=6379,state=wait_bgsave,offset=0,lag=12',
  'master_failover_state:no-failover',
  'master_repl_offset:5010',
  '',
  '# Keyspace',
  'db0:keys=10,expires=2,avg_ttl=1500',
  '',
].join('\r\n');

test('Valkey sample: flavour, version, mode, replicas', () => {
  const info = parseInfo(VALKEY);
  const id = detectServer(info);
  assert.equal(id.flavour, 'valkey');
  assert.equal(id.version, '8.0.1');
  assert.equal(id.redisVersion, '7.2.4');
  assert.equal(id.mode, 'cluster');
  assert.equal(id.display, 'Valkey 8.0.1 (Redis 7.2.4 compatible)');
  assert.deepEqual(replicasOf(info).map(r => [r.ip, r.state, r.offset, r.lagSec]), [['10.0.0.2', 'online', 5010, 0], ['10.0.0.3', 'wait_bgsave', 0, 12]]);
  assert.equal(infoStr(info, 'replication', 'master_failover_state'), 'no-failover');
  assert.deepEqual(keyspaceOf(info), [{ db: 0, keys: 10, expires: 2, avgTtlMs: 1500 }]);
  // an older Valkey (7.2) without valkey_version but with server_name
  assert.equal(detectServer(parseInfo('# Server\nredis_version:7.2.5\nserver_name:valkey\nredis_mode:standalone\n')).flavour, 'valkey');
});

// Memurai for Windows: memurai_edition / memurai_version next to the Redis compatibility version.
const MEMURAI = [
  '# Server',
  'memurai_edition:Memurai Developer',
  'memurai_version:4.1.6',
  'redis_version:7.2.10',
  'redis_git_sha1:00000000',
  'redis_mode:standalone',
  'os:Windows',
  'arch_bits:64',
  'process_id:4242',
  'tcp_port:6379',
  'executable:C:\\Program Files\\Memurai\\memurai.exe',
  'config_file:C:\\Program Files\\Memurai\\memurai.conf',
  '',
  '# Persistence',
  'aof_enabled:0',
  'rdb_last_bgsave_status:ok',
  '',
].join('\r\n');

test('Memurai sample: flavour from memurai_version, Windows paths with colons intact', () => {
  const info = parseInfo(MEMURAI);
  const id = detectServer(info);
  assert.equal(id.flavour, 'memurai');
  assert.equal(id.version, '4.1.6');
  assert.equal(id.edition, 'Memurai Developer');
  assert.equal(id.mode, 'standalone');
  assert.equal(id.display, 'Memurai Developer 4.1.6 (Redis 7.2.10 compatible)');
  assert.equal(infoStr(info, 'server', 'executable'), 'C:\\Program Files\\Memurai\\memurai.exe');
  // only the executable path tells
  const bare = parseInfo('# Server\nredis_version:7.2.10\nredis_mode:standalone\nexecutable:C:\\Program Files\\Memurai\\memurai.exe\n');
  assert.equal(detectServer(bare).flavour, 'memurai');
});

test('Sentinel sample: mode sentinel, master lines become objects', () => {
  const info = parseInfo([
    '# Server', 'redis_version:7.0.15', 'redis_mode:sentinel', '',
    '# Sentinel', 'sentinel_masters:1', 'sentinel_tilt:0',
    'master0:name=mymaster,status=ok,address=127.0.0.1:6380,slaves=2,sentinels=3', '',
  ].join('\n'));
  assert.equal(detectServer(info).mode, 'sentinel');
  assert.deepEqual(info.sentinel.master0, { name: 'mymaster', status: 'ok', address: '127.0.0.1:6380', slaves: '2', sentinels: '3' });
  assert.equal(infoNum(info, 'sentinel', 'sentinel_masters'), 1);
});

test('CLUSTER INFO / CLUSTER NODES / flat pairs parsers', () => {
  const ci = parseKeyValueLines('cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\ncluster_known_nodes:6\r\n');
  assert.equal(ci.cluster_state, 'ok');
  assert.equal(ci.cluster_known_nodes, '6');
  const nodes = parseClusterNodes([
    '07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004,node-4 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected',
    'e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@31001 myself,master - 0 0 1 connected 0-5460 [5461->-292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f]',
    '292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30002@31002 master,fail? - 0 1426238316232 2 connected 5461-10922 16000',
    '6ec23923021cf3ffec47632106199cb7f496ce01 :0@0 master,noaddr - 1426238316232 1426238316232 0 disconnected',
  ].join('\n'));
  assert.equal(nodes.length, 4);
  assert.deepEqual([nodes[0].role, nodes[0].masterId?.slice(0, 6), nodes[0].hostname, nodes[0].busPort], ['replica', 'e7d1ee', 'node-4', 31004]);
  assert.deepEqual([nodes[1].myself, nodes[1].slots, nodes[1].slotCount], [true, [[0, 5460]], 5461]);
  assert.deepEqual([nodes[2].failing, nodes[2].slotCount], ['pfail', 5462 + 1]);
  assert.deepEqual([nodes[3].host, nodes[3].port, nodes[3].linkState], ['', 0, 'disconnected']);
  assert.deepEqual(parseFlatPairs(['maxmemory', '0', 'save', '3600 1']), { maxmemory: '0', save: '3600 1' });
});
