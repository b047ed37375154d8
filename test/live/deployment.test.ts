/**
 * The clean example deployments started from their own files with the real servers:
 * examples/sentinel-deployment/ (1 primary, 2 replicas, 3 Sentinels, ACL users) and
 * examples/cluster-deployment/ (6 nodes, 3 primaries with a replica each).
 *
 * What is changed in the copies, and nothing else: the ports (each server gets a free loopback
 * port: `port` is overridden by --port, and the `replicaof` / `sentinel monitor` lines name the
 * primary's new port), and the paths (`dir` and `logfile` are overridden by the harness's
 * --dir <temp dir> and --logfile ""). The example files themselves are never written to.
 *
 * Also checked on every server build (test/helpers/servers.ts): what the cross-file findings claim happens (a replica with
 * the wrong masterauth never syncs, a rename on the primary only is dropped by the replica,
 * min-replicas-to-write above the replicas refuses writes with NOREPLICAS, a Sentinel with the wrong
 * auth-pass sees the primary down, a disabled CONFIG aborts
 * Sentinel's MULTI, a cluster node above port 55535 refuses to start).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as net from 'node:net';
import { REDIS_CLI, RunningRedis, startRedis } from '../helpers/redis-server';
import { kv, pairs, waitFor } from './topology';
import { missingBuilds, serverBuilds } from '../helpers/servers';

const root = path.resolve(__dirname, '..', '..', '..');
const SENTINEL_DIR = path.join(root, 'examples', 'sentinel-deployment');
const CLUSTER_DIR = path.join(root, 'examples', 'cluster-deployment');

/** The client password of user "app" in the example (the files hold only its SHA-256). */
const APP_PASSWORD = '5d8563a26bf81d4d72b34cd8904a855c25efb0b07a816b65';

const read = (dir: string, name: string) => readFileSync(path.join(dir, name), 'utf8');

function cli(port: number, auth: { user?: string; password?: string }, ...args: string[]): Promise<string> {
  const a = auth.password ? [...(auth.user ? ['--user', auth.user] : []), '-a', auth.password, '--no-auth-warning'] : [];
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...a, ...args], { timeout: 15000 },
      (err, stdout, stderr) => (err ? reject(new Error(`${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

/** Starts one example file; only ports and paths change (see the header). */
function startFile(text: string, sentinel = false): Promise<RunningRedis> {
  return startRedis({ config: text, keepFileSave: true, args: sentinel ? ['--sentinel'] : [], timeoutMs: 15000 });
}

const pointAt = (text: string, port: number) => text
  .replace(/^replicaof 127\.0\.0\.1 6380$/m, `replicaof 127.0.0.1 ${port}`)
  .replace(/^(sentinel monitor mymaster 127\.0\.0\.1) 6380 (\d+)$/m, `$1 ${port} $2`);

const app = { user: 'app', password: APP_PASSWORD };
/** INFO is among the commands the app user may not run; the Sentinels' user may. */
const watcher = { user: 'sentinel', password: /^sentinel auth-pass mymaster (\S+)$/m.exec(read(SENTINEL_DIR, 'sentinel-1.conf'))![1] };

describe('examples/sentinel-deployment started with the real redis-server and redis-sentinel', () => {
  const started: RunningRedis[] = [];
  let primary: RunningRedis;
  let replicas: RunningRedis[];
  let sentinels: RunningRedis[];
  const replPassword = /^masterauth (\S+)$/m.exec(read(SENTINEL_DIR, 'redis-replica-1.conf'))![1];

  before(async () => {
    primary = await startFile(read(SENTINEL_DIR, 'redis-primary.conf'));
    started.push(primary);
    replicas = await Promise.all(['redis-replica-1.conf', 'redis-replica-2.conf'].map(n => startFile(pointAt(read(SENTINEL_DIR, n), primary.port))));
    started.push(...replicas);
    sentinels = await Promise.all(['sentinel-1.conf', 'sentinel-2.conf', 'sentinel-3.conf'].map(n => startFile(pointAt(read(SENTINEL_DIR, n), primary.port), true)));
    started.push(...sentinels);
  });
  after(async () => { await Promise.all(started.map(s => s.stop())); });

  test('the files hold the hash of the client password the test uses', () => {
    const hash = createHash('sha256').update(APP_PASSWORD).digest('hex');
    for (const n of ['redis-primary.conf', 'redis-replica-1.conf', 'redis-replica-2.conf']) assert.match(read(SENTINEL_DIR, n), new RegExp(`^user app on #${hash} `, 'm'), n);
  });

  test('every replica syncs with the replication user', async () => {
    await waitFor('both replicas online', async () => {
      const info = kv(await cli(primary.port, watcher, 'INFO', 'replication'));
      return Object.keys(info).filter(k => /^slave\d+$/.test(k) && /state=online/.test(info[k])).length === 2;
    }, 30000);
    for (const r of replicas) assert.equal(kv(await cli(r.port, watcher, 'INFO', 'replication')).master_link_status, 'up');
  });

  test('every Sentinel sees the primary, both replicas and the two other Sentinels', async () => {
    await waitFor('Sentinels to discover replicas and each other', async () => {
      for (const s of sentinels) {
        const m = pairs(await cli(s.port, {}, 'SENTINEL', 'MASTER', 'mymaster'));
        if (m.flags !== 'master' || Number(m.port) !== primary.port || Number(m['num-slaves']) !== 2 || Number(m['num-other-sentinels']) !== 2) return false;
      }
      return true;
    }, 40000, 200);
    const ck = await cli(sentinels[0].port, {}, 'SENTINEL', 'CKQUORUM', 'mymaster');
    assert.match(ck, /^OK 3 usable Sentinels/);
  });

  test('a write on the primary with the app password reaches both replicas', async () => {
    assert.equal((await cli(primary.port, app, 'SET', 'rg:deployment', 'written-on-primary')).trim(), 'OK');
    for (const r of replicas) {
      await waitFor('the write on the replica', async () => (await cli(r.port, app, 'GET', 'rg:deployment')).trim() === 'written-on-primary');
    }
    // the clients' user cannot run what the example keeps for admins, and the default user is off
    assert.match(await cli(primary.port, app, 'FLUSHALL'), /NOPERM/);
    assert.match(await cli(primary.port, {}, 'GET', 'rg:deployment'), /NOAUTH/);
  });

  // RG401: the replica's own log line is not readable here (the harness drains it), so the link state says it
  test('RG401 on a real server: a replica whose masterauth is wrong never syncs', async () => {
    const wrong = await startFile(pointAt(read(SENTINEL_DIR, 'redis-replica-1.conf'), primary.port).replace(/^masterauth \S+$/m, 'masterauth not-the-replica-password'));
    started.push(wrong);
    // the primary counts each refused AUTH; after two the replica has retried once, and its link is still down
    await waitFor('two refused AUTH attempts', async () => Number(/count=(\d+)/.exec(kv(await cli(primary.port, watcher, 'INFO', 'errorstats')).errorstat_WRONGPASS ?? '')?.[1] ?? 0) >= 2);
    assert.equal(kv(await cli(wrong.port, watcher, 'INFO', 'replication')).master_link_status, 'down');
    assert.equal(Number(kv(await cli(primary.port, watcher, 'INFO', 'replication')).connected_slaves), 2);
    assert.ok(replPassword.length > 20);
  });
});

/** The password of user "admin" in the cluster example (the files hold only its SHA-256). */
const ADMIN_PASSWORD = 'c37d624e19e82810bbd5d86cf141a6d141352861abf0d952';

describe('examples/cluster-deployment started with the real redis-server', () => {
  const admin = { user: 'admin', password: ADMIN_PASSWORD };
  let nodes: RunningRedis[] = [];
  const names = ['redis-7000.conf', 'redis-7001.conf', 'redis-7002.conf', 'redis-7003.conf', 'redis-7004.conf', 'redis-7005.conf'];

  before(async () => {
    // each node gets a free port P whose bus port P + 10000 is free too (freePort checks both)
    nodes = await Promise.all(names.map(n => startFile(read(CLUSTER_DIR, n))));
  });
  after(async () => { await Promise.all(nodes.map(n => n.stop())); });

  test('the files hold the hash of the admin password the test uses', () => {
    const hash = createHash('sha256').update(ADMIN_PASSWORD).digest('hex');
    for (const n of names) assert.match(read(CLUSTER_DIR, n), new RegExp(`^user admin on #${hash} `, 'm'), n);
  });

  test('the six nodes form a cluster: every slot served, three primaries with a replica each', async () => {
    await cli(nodes[0].port, admin, '--cluster', 'create', ...nodes.map(n => `127.0.0.1:${n.port}`), '--cluster-replicas', '1', '--cluster-yes');
    await waitFor('cluster_state:ok on every node with 3 replicas', async () => {
      for (const n of nodes) {
        const ci = kv(await cli(n.port, admin, 'CLUSTER', 'INFO'));
        if (ci.cluster_state !== 'ok' || ci.cluster_slots_ok !== '16384' || ci.cluster_known_nodes !== '6') return false;
      }
      const lines = (await cli(nodes[0].port, admin, 'CLUSTER', 'NODES')).trim().split('\n');
      return lines.filter(l => /\bslave\b/.test(l.split(' ')[2] ?? '')).length === 3;
    }, 40000, 200);
    // a write through the cluster (redis-cli -c follows the redirection) is readable from any node
    assert.equal((await cli(nodes[0].port, { user: 'app', password: 'e10e63eb09415872dba91e25247979a7053bdec90f75f08e' }, '-c', 'SET', 'rg:cluster', 'ok')).trim(), 'OK');
    assert.equal((await cli(nodes[3].port, { user: 'app', password: 'e10e63eb09415872dba91e25247979a7053bdec90f75f08e' }, '-c', 'GET', 'rg:cluster')).trim(), 'ok');
  });
});

const builds = serverBuilds();

test('every server build the facts are checked on is there', () => {
  assert.equal(missingBuilds(builds), undefined);
});

for (const build of builds) describe(`what the cross-file findings say happens, on ${build.id}`, () => {
  const binary = build.server;
  const started: RunningRedis[] = [];
  after(async () => { await Promise.all(started.map(s => s.stop())); });
  const plain = {};

  /** Starts a primary and a replica of it; waits until the primary has refused the replica's login twice (`errorstat` counts each), then returns the replica's link status. */
  async function refusedTwice(primaryArgs: string[], replicaArgs: string[], error: string): Promise<string> {
    const primary = await startRedis({ binary, args: primaryArgs });
    started.push(primary);
    const replica = await startRedis({ binary, args: ['--replicaof', '127.0.0.1', String(primary.port), ...replicaArgs] });
    started.push(replica);
    const admin = primaryArgs.includes('--requirepass') ? { password: primaryArgs[primaryArgs.indexOf('--requirepass') + 1] } : plain;
    await waitFor(`two ${error} replies`, async () => Number(/count=(\d+)/.exec(kv(await cli(primary.port, admin, 'INFO', 'errorstats'))[`errorstat_${error}`] ?? '')?.[1] ?? 0) >= 2);
    return kv(await cli(replica.port, plain, 'INFO', 'replication')).master_link_status;
  }

  test('RG401: a wrong masterauth is refused (WRONGPASS) and the replica never syncs', async () => {
    assert.equal(await refusedTwice(['--requirepass', 'right-password-1f3a'], ['--masterauth', 'wrong-password'], 'WRONGPASS'), 'down');
  });

  test('RG401: masterauth towards a primary without a password is answered with an error, and the replica never syncs', async () => {
    assert.equal(await refusedTwice([], ['--masterauth', 'some-password'], 'ERR'), 'down');
  });

  test('RG401: a replication user without PSYNC is refused (NOPERM)', async () => {
    assert.equal(await refusedTwice(['--requirepass', 'admin-pw-77c1', '--user', 'repl', 'on', '>repl-pw-9b2e', '+ping', '+replconf'], ['--masteruser', 'repl', '--masterauth', 'repl-pw-9b2e'], 'NOPERM'), 'down');
  });

  test('RG406: a Sentinel with the wrong auth-pass sees the primary as down (its PING is answered NOAUTH)', async () => {
    const primary = await startRedis({ binary, args: ['--requirepass', 'right-password-5e1c'] });
    started.push(primary);
    const conf = (pass: string) => `sentinel monitor m 127.0.0.1 ${primary.port} 1\nsentinel down-after-milliseconds m 1000\nsentinel auth-pass m ${pass}\n`;
    const wrong = await startRedis({ binary, config: conf('wrong-password'), args: ['--sentinel'] });
    const right = await startRedis({ binary, config: conf('right-password-5e1c'), args: ['--sentinel'] });
    started.push(wrong, right);
    const flags = async (s: RunningRedis) => pairs(await cli(s.port, plain, 'SENTINEL', 'MASTER', 'm')).flags ?? '';
    await waitFor('the wrong Sentinel to mark the primary down', async () => /s_down/.test(await flags(wrong)));
    // meanwhile the other one, with the right password, has had as long and sees it up
    assert.equal(await flags(right), 'master');
  });

  test('RG402: a write under a name only the primary knows is dropped by the replica, and the link stays up', async () => {
    const primary = await startRedis({ binary, args: ['--rename-command', 'SET', 'XSET', '--repl-diskless-sync-delay', '0'] });
    started.push(primary);
    const replica = await startRedis({ binary, args: ['--replicaof', '127.0.0.1', String(primary.port)] });
    started.push(replica);
    await waitFor('replica online', async () => kv(await cli(replica.port, plain, 'INFO', 'replication')).master_link_status === 'up');
    await cli(primary.port, plain, 'XSET', 'rg:renamed', 'v');
    await cli(primary.port, plain, 'INCR', 'rg:after');
    // INCR is known to both: once it arrives, the XSET before it has been processed (and refused)
    await waitFor('the later write on the replica', async () => (await cli(replica.port, plain, 'GET', 'rg:after')).trim() === '1');
    assert.equal((await cli(replica.port, plain, 'EXISTS', 'rg:renamed')).trim(), '0');
    assert.equal((await cli(primary.port, plain, 'GET', 'rg:renamed')).trim(), 'v');
    assert.equal(kv(await cli(replica.port, plain, 'INFO', 'replication')).master_link_status, 'up');
    const errors = kv(await cli(replica.port, plain, 'INFO', 'errorstats'));
    assert.match(errors.errorstat_ERR ?? '', /count=[1-9]/, 'the replica answered its primary with an error');
  });

  test('RG402: a DEL from the primary is dropped by a replica that disabled DEL, so the key stays there', async () => {
    const primary = await startRedis({ binary, args: ['--repl-diskless-sync-delay', '0'] });
    started.push(primary);
    const replica = await startRedis({ binary, args: ['--replicaof', '127.0.0.1', String(primary.port), '--rename-command', 'DEL', ''] });
    started.push(replica);
    await waitFor('replica online', async () => kv(await cli(replica.port, plain, 'INFO', 'replication')).master_link_status === 'up');
    await cli(primary.port, plain, 'SET', 'rg:deleted', 'v');
    await cli(primary.port, plain, 'DEL', 'rg:deleted');
    await cli(primary.port, plain, 'INCR', 'rg:marker');
    await waitFor('the later write on the replica', async () => (await cli(replica.port, plain, 'GET', 'rg:marker')).trim() === '1');
    assert.equal((await cli(replica.port, plain, 'GET', 'rg:deleted')).trim(), 'v');
    assert.equal((await cli(primary.port, plain, 'EXISTS', 'rg:deleted')).trim(), '0');
  });

  test('RG402: CONFIG disabled on a data node aborts the whole MULTI that contains it (as Sentinel sends it)', async () => {
    const node = await startRedis({ binary, args: ['--rename-command', 'CONFIG', ''] });
    started.push(node);
    const reply = await new Promise<string>((resolve, reject) => {
      const sock = net.connect(node.port, '127.0.0.1');
      let buf = '';
      sock.on('data', d => { buf += d.toString(); if (/EXECABORT|\+OK\r\n.*\*/s.test(buf)) { sock.end(); resolve(buf); } });
      sock.on('error', reject);
      sock.write('MULTI\r\nREPLICAOF NO ONE\r\nCONFIG REWRITE\r\nEXEC\r\n');
    });
    assert.match(reply, /EXECABORT/);
  });

  test('RG411: min-replicas-to-write above the connected replicas refuses writes with NOREPLICAS', async () => {
    const primary = await startRedis({ binary, args: ['--min-replicas-to-write', '3'] });
    started.push(primary);
    assert.match(await cli(primary.port, plain, 'SET', 'rg:k', 'v'), /NOREPLICAS/);
  });

  test('RG408: a cluster node on a port above 55535 (bus port above 65535) refuses to start', async () => {
    // a free loopback port above 55535 (the server refuses before it serves anything there)
    let port = 0;
    for (let p = 55600 + Math.floor(Math.random() * 4000); !port; p++) {
      const free = await new Promise<boolean>(resolve => {
        const s = net.createServer().once('error', () => resolve(false)).listen({ port: p, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(true)));
      });
      if (free) port = p;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-bus-'));
    try {
      const out = await new Promise<{ code: number | null; text: string }>(resolve => {
        execFile('timeout', ['-s', 'KILL', '20', binary, '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--save', '', '--dir', dir, '--logfile', ''],
          { cwd: dir }, (err, stdout, stderr) => resolve({ code: err ? (err as NodeJS.ErrnoException & { code: number }).code : 0, text: stdout + stderr }));
      });
      assert.equal(out.code, 1);
      assert.match(out.text, /port number must be 55535 or less/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
