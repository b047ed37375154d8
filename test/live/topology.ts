/**
 * Real topologies for live tests, built from test/helpers/redis-server.ts servers
 * (free loopback ports, own temp dirs, SIGKILLed on stop and on process exit):
 *
 *   startReplicaSet({ replicas: 2, sentinels: 3, password? })
 *     1 primary, N replicas (`--replicaof`), S sentinels (`redis-server <file> --sentinel`;
 *     the file is the server's own writable redis.conf) with
 *     `sentinel monitor mymaster 127.0.0.1 <port> <quorum>`, down-after 1000 ms and
 *     failover-timeout 3000 ms, so a failover finishes in a few seconds. Resolves once the
 *     replicas are online and every sentinel knows all replicas and all other sentinels.
 *   startCluster({ primaries: 3, replicasPerPrimary: 1, password? })
 *     `cluster-enabled yes` nodes joined by `redis-cli --cluster create … --cluster-yes`;
 *     resolves once every node reports cluster_state:ok, all slots and all nodes.
 *
 * Both return stop(), which kills every process; call it in `after`.
 */
import { execFile } from 'node:child_process';
import { REDIS_CLI, RunningRedis, startRedis } from '../helpers/redis-server';

/** redis-cli against 127.0.0.1:port (with -a when a password is given); stdout, raw (no tty formatting). */
export function cli(port: number, password: string | undefined, ...args: string[]): Promise<string> {
  const auth = password ? ['-a', password, '--no-auth-warning'] : [];
  return new Promise((resolve, reject) => {
    execFile(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...auth, ...args], { timeout: 15000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => (err ? reject(new Error(`redis-cli ${args.join(' ')}: ${err.message}\n${stderr}`)) : resolve(stdout)));
  });
}

/** Field/value lines (redis-cli output of a flat reply) → record. */
export function pairs(text: string): Record<string, string> {
  const lines = text.split('\n').map(l => l.replace(/\r$/, ''));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < lines.length; i += 2) out[lines[i]] = lines[i + 1];
  return out;
}

/** `key:value` lines (INFO, CLUSTER INFO) → record. */
export function kv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Polls `check` until it returns a value other than undefined/false, or throws after timeoutMs with the last reason. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20000, everyMs = 100): Promise<T> {
  const t0 = Date.now();
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
      last = undefined;
    } catch (e) {
      last = e;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise(r => setTimeout(r, everyMs));
  }
}

async function stopAll(servers: RunningRedis[]): Promise<void> {
  await Promise.all(servers.map(s => s.stop().catch(() => undefined)));
}

// ---------------------------------------------------------------------------
// primary + replicas + sentinels

export interface ReplicaSetOptions {
  replicas?: number;
  sentinels?: number;
  /** requirepass/masterauth on the data nodes (sentinels get `sentinel auth-pass`). */
  password?: string;
  masterName?: string;
  /** Default: a majority of the sentinels (2 of 3). */
  quorum?: number;
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  /** Wait this long for replicas online and sentinels discovering each other (default 30 s). */
  settleTimeoutMs?: number;
}

export interface ReplicaSet {
  masterName: string;
  quorum: number;
  password?: string;
  primary: RunningRedis;
  replicas: RunningRedis[];
  sentinels: RunningRedis[];
  /** redis-cli to a data node (authenticated) or a sentinel. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The primary according to sentinel i (SENTINEL GET-MASTER-ADDR-BY-NAME). */
  primaryPortSeenBy(i?: number): Promise<number | undefined>;
  stop(): Promise<void>;
}

export async function startReplicaSet(opts: ReplicaSetOptions = {}): Promise<ReplicaSet> {
  const nReplicas = opts.replicas ?? 2;
  const nSentinels = opts.sentinels ?? 3;
  const masterName = opts.masterName ?? 'mymaster';
  const quorum = opts.quorum ?? Math.floor(nSentinels / 2) + 1;
  const pw = opts.password;
  const auth = pw ? ['--requirepass', pw, '--masterauth', pw] : [];
  // diskless sync without the default 5 s delay: replicas come online at once
  const common = ['--repl-diskless-sync-delay', '0', ...auth];
  const started: RunningRedis[] = [];
  const dataPorts = new Set<number>();
  const run = (port: number, ...args: string[]) => cli(port, dataPorts.has(port) ? pw : undefined, ...args);
  try {
    const primary = await startRedis({ args: common });
    started.push(primary);
    dataPorts.add(primary.port);
    const replicas = await Promise.all(Array.from({ length: nReplicas }, () =>
      startRedis({ args: [...common, '--replicaof', '127.0.0.1', String(primary.port)] })));
    started.push(...replicas);
    for (const r of replicas) dataPorts.add(r.port);
    await waitFor(`${nReplicas} replicas online`, async () => {
      const info = kv(await run(primary.port, 'INFO', 'replication'));
      const online = Object.entries(info).filter(([k, v]) => /^slave\d+$/.test(k) && /state=online/.test(v)).length;
      return online === nReplicas;
    }, opts.settleTimeoutMs ?? 30000);

    const conf = [
      `sentinel monitor ${masterName} 127.0.0.1 ${primary.port} ${quorum}`,
      `sentinel down-after-milliseconds ${masterName} ${opts.downAfterMs ?? 1000}`,
      `sentinel failover-timeout ${masterName} ${opts.failoverTimeoutMs ?? 3000}`,
      `sentinel parallel-syncs ${masterName} 1`,
      ...(pw ? [`sentinel auth-pass ${masterName} ${pw}`] : []),
      '',
    ].join('\n');
    const sentinels = await Promise.all(Array.from({ length: nSentinels }, () => startRedis({ config: conf, args: ['--sentinel'] })));
    started.push(...sentinels);
    await waitFor('sentinels to discover replicas and each other', async () => {
      for (const s of sentinels) {
        const m = pairs(await run(s.port, 'SENTINEL', 'MASTER', masterName));
        if (Number(m['num-slaves']) !== nReplicas || Number(m['num-other-sentinels']) !== nSentinels - 1) return false;
      }
      return true;
    }, opts.settleTimeoutMs ?? 30000, 200);

    const set: ReplicaSet = {
      masterName, quorum, password: pw, primary, replicas, sentinels,
      cli: run,
      async primaryPortSeenBy(i = 0) {
        const out = (await run(sentinels[i].port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName)).trim().split('\n');
        return out.length >= 2 ? Number(out[1]) : undefined;
      },
      stop: () => stopAll(started),
    };
    return set;
  } catch (e) {
    await stopAll(started);
    throw e;
  }
}

// ---------------------------------------------------------------------------
// cluster

export interface ClusterOptions {
  primaries?: number;
  replicasPerPrimary?: number;
  password?: string;
  /** cluster-node-timeout (default 2000 ms). */
  nodeTimeoutMs?: number;
  settleTimeoutMs?: number;
}

export interface RunningCluster {
  nodes: RunningRedis[];
  ports: number[];
  password?: string;
  cli(port: number, ...args: string[]): Promise<string>;
  /** Ports of the nodes that are primaries now (CLUSTER NODES of the first node). */
  primaryPorts(): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<RunningCluster> {
  const nPrimaries = opts.primaries ?? 3;
  const perPrimary = opts.replicasPerPrimary ?? 1;
  const total = nPrimaries * (1 + perPrimary);
  const pw = opts.password;
  const args = [
    '--cluster-enabled', 'yes',
    '--cluster-config-file', 'nodes.conf', // relative to the node's own dir
    '--cluster-node-timeout', String(opts.nodeTimeoutMs ?? 2000),
    '--repl-diskless-sync-delay', '0',
    ...(pw ? ['--requirepass', pw, '--masterauth', pw] : []),
  ];
  const nodes: RunningRedis[] = [];
  try {
    nodes.push(...await Promise.all(Array.from({ length: total }, () => startRedis({ args }))));
    const ports = nodes.map(n => n.port);
    await cli(ports[0], pw, '--cluster', 'create', ...ports.map(p => `127.0.0.1:${p}`),
      '--cluster-replicas', String(perPrimary), '--cluster-yes');
    await waitFor('cluster_state:ok on every node', async () => {
      for (const p of ports) {
        const ci = kv(await cli(p, pw, 'CLUSTER', 'INFO'));
        if (ci.cluster_state !== 'ok' || ci.cluster_slots_ok !== '16384' || Number(ci.cluster_known_nodes) !== total) return false;
      }
      const lines = (await cli(ports[0], pw, 'CLUSTER', 'NODES')).trim().split('\n');
      return lines.filter(l => (l.split(' ')[2] ?? '').split(',').includes('slave')).length === nPrimaries * perPrimary;
    }, opts.settleTimeoutMs ?? 30000, 200);
    return {
      nodes, ports, password: pw,
      cli: (port, ...a) => cli(port, pw, ...a),
      async primaryPorts() {
        const lines = (await cli(ports[0], pw, 'CLUSTER', 'NODES')).trim().split('\n');
        return lines.map(l => l.split(' ')).filter(f => f[2].split(',').includes('master')).map(f => Number(/:(\d+)@/.exec(f[1])![1]));
      },
      stop: () => stopAll(nodes),
    };
  } catch (e) {
    await stopAll(nodes);
    throw e;
  }
}
