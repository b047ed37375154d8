/**
 * Health refresh: one `collect(live)` (server/src/live/health/collect.ts) of a standalone server
 * and of a 6-node cluster (3 primaries, 1 replica each; smoke: standalone only), through the
 * product's own connections (openStandalone / openCluster: ioredis behind the allowlist).
 *
 * Per refresh it reports milliseconds (collect() end to end, and the pipelined round trip
 * NodeSnapshot.rttMs) and round trips per node, counted at the TCP level: every socket of
 * the Live is instrumented, and a round trip is a burst of writes that waits for a reply
 * (a write when nothing is outstanding starts one; incoming data ends it). Writes, bytes and
 * the commands the server executed (INFO commandstats deltas, observer's own INFO removed)
 * are reported beside it.
 *
 * Floor: a single PING round trip on the same connection (cluster: a PING to every node at
 * once, which is the critical path of a parallel refresh; and one PING to one node).
 * Refreshes and PINGs alternate, after a warm-up, so a background disturbance hits both.
 * Targets: 1 round trip per node per refresh; standalone p50 <= 3 ms.
 */
import * as net from 'node:net';
import * as os from 'node:os';
import { collect, Snapshot, NodeSnapshot } from '../server/src/live/health/collect';
import { openCluster, openStandalone, ClusterLive, Live } from '../server/src/live/redis/connection';
import { startRedis, RunningRedis } from '../test/helpers/redis-server';
import { startCluster, RunningCluster, cli } from '../test/live/topology';
import { summarise, Stats } from './stats';

export interface PerRefresh { min: number; max: number; mean: number }

export interface HealthTarget {
  nodes: number;
  refreshes: number;
  /** collect(live) end to end (includes parsing INFO, SLOWLOG, …), ms. */
  refresh: Stats;
  /** NodeSnapshot.rttMs: the pipelined round trip alone (cluster: every node's), ms. */
  pipelineRtt: Stats;
  /** PING round trip on the same connection (cluster: one node), ms. */
  floor: Stats;
  /** Cluster only: a PING to every node at once (Promise.all), ms. */
  floorAllNodes?: Stats;
  /** refresh.median / floor (floorAllNodes for a cluster). */
  ratio: number;
  /** TCP-level round trips per node per refresh. */
  roundTripsPerNode: PerRefresh;
  /** socket.write calls per node per refresh. */
  writesPerNode: PerRefresh;
  bytesOutPerRefresh: number;
  bytesInPerRefresh: number;
  /** Commands executed per node per refresh (INFO commandstats deltas), by command. */
  commandsPerNode: Record<string, number>;
  /** Server time inside those commands per node per refresh (commandstats usec), ms. */
  serverMsPerNode: number;
  /** CPU of this Node process per refresh (process.cpuUsage over the refreshes alone), ms. */
  clientCpuMsPerRefresh: number;
  /** Failed items over all snapshots (should be 0). */
  failedItems: number;
}

export interface HealthResult {
  smoke: boolean;
  standalone: HealthTarget;
  cluster?: HealthTarget;
  targets: { roundTripsPerNode: boolean; standaloneP50: boolean };
  loadavg: { start: number[]; end: number[] };
  totalMs: number;
}

// ---------------------------------------------------------------------------
// TCP-level counting on the sockets of a Live

interface Counter { writes: number; turns: number; bytesOut: number; bytesIn: number; awaiting: boolean }

function instrument(sock: net.Socket): { c: Counter; restore(): void } {
  const c: Counter = { writes: 0, turns: 0, bytesOut: 0, bytesIn: 0, awaiting: false };
  const orig = sock.write;
  sock.write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]): boolean {
    c.writes++;
    c.bytesOut += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
    if (!c.awaiting) { c.turns++; c.awaiting = true; }
    return (orig as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof sock.write;
  const onData = (d: Buffer) => { c.bytesIn += d.length; c.awaiting = false; };
  sock.on('data', onData);
  return { c, restore() { sock.write = orig; sock.off('data', onData); } };
}

function socketOf(live: Live): net.Socket {
  const s = (live.raw as unknown as { stream?: net.Socket }).stream;
  if (!s) throw new Error(`${live.address}: no socket`);
  return s;
}

// ---------------------------------------------------------------------------

function failures(snap: NodeSnapshot | undefined): number {
  if (!snap) return 1;
  const items = [snap.ping, snap.info, snap.slowlogLen, snap.slowlog, snap.latency, snap.config, snap.role, snap.clusterInfo, snap.clusterNodes];
  return items.filter(r => r && !r.ok).length;
}

function nodesOf(s: Snapshot): NodeSnapshot[] {
  if (s.node) return [s.node];
  return (s.cluster?.members ?? []).map(m => m.snapshot).filter((x): x is NodeSnapshot => !!x);
}

/** INFO commandstats: calls by command, and `usec:<command>` entries for the time spent. */
async function commandstats(port: number): Promise<Map<string, number>> {
  const text = await cli(port, undefined, 'INFO', 'commandstats');
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    out.set(m[1], Number(m[2]));
    out.set(`usec:${m[1]}`, Number(m[3]));
  }
  return out;
}

const diff = (a: Map<string, number>, b: Map<string, number>) => {
  const out = new Map<string, number>();
  for (const [k, v] of b) { const d = v - (a.get(k) ?? 0); if (d) out.set(k, d); }
  return out;
};

async function measure(
  live: Live | ClusterLive, lives: Live[], ports: number[], refreshes: number, warmup: number,
): Promise<HealthTarget> {
  const counters = lives.map(l => instrument(socketOf(l)));
  try {
    const ping = (l: Live) => l.client.call(['ping']);
    const single = lives[0];
    // warm-up: refreshes and PINGs
    for (let i = 0; i < warmup; i++) { await collect(live); await ping(single); if (lives.length > 1) await Promise.all(lives.map(ping)); }

    // the observer's own footprint in INFO commandstats: two INFOs back to back
    const base0 = await Promise.all(ports.map(commandstats));
    const base1 = await Promise.all(ports.map(commandstats));
    const before = await Promise.all(ports.map(commandstats));
    const refreshMs: number[] = [], rtt: number[] = [], floor: number[] = [], floorAll: number[] = [];
    const turns: number[] = [], writes: number[] = [];
    let bytesOut = 0, bytesIn = 0, failed = 0, cpuUs = 0;
    const t = () => process.hrtime.bigint();
    const ms = (since: bigint) => Number(t() - since) / 1e6;
    for (let i = 0; i < refreshes; i++) {
      const c0 = counters.map(x => ({ ...x.c }));
      const cpu0 = process.cpuUsage();
      const t0 = t();
      const snap = await collect(live);
      refreshMs.push(ms(t0));
      const cpu = process.cpuUsage(cpu0);
      cpuUs += cpu.user + cpu.system;
      counters.forEach((x, k) => {
        turns.push(x.c.turns - c0[k].turns);
        writes.push(x.c.writes - c0[k].writes);
        bytesOut += x.c.bytesOut - c0[k].bytesOut;
        bytesIn += x.c.bytesIn - c0[k].bytesIn;
      });
      const nodes = nodesOf(snap);
      if (nodes.length !== lives.length) failed += Math.abs(lives.length - nodes.length);
      for (const n of nodes) { failed += failures(n); if (n.rttMs !== undefined) rtt.push(n.rttMs); }
      // the floors, on the same connections, between refreshes
      const t1 = t();
      await ping(single);
      floor.push(ms(t1));
      if (lives.length > 1) {
        const t2 = t();
        await Promise.all(lives.map(ping));
        floorAll.push(ms(t2));
      }
    }
    // the window also holds the floor PINGs; they are taken out below
    const after = await Promise.all(ports.map(commandstats));
    const perNode: Record<string, number> = {};
    ports.forEach((_, k) => {
      const self = diff(base0[k], base1[k]); // one observer INFO (and whatever redis-cli adds)
      const d = diff(before[k], after[k]);
      for (const [cmd, n] of self) d.set(cmd, (d.get(cmd) ?? 0) - n);
      for (const [cmd, n] of d) perNode[cmd] = (perNode[cmd] ?? 0) + n;
    });
    // remove the floor PINGs: `refreshes` on the single node, plus `refreshes` per node for floorAll
    const floorPings = refreshes + (lives.length > 1 ? refreshes * lives.length : 0);
    const pingUsec = perNode.ping ? (perNode['usec:ping'] ?? 0) * (floorPings / perNode.ping) : 0;
    perNode.ping = (perNode.ping ?? 0) - floorPings;
    perNode['usec:ping'] = (perNode['usec:ping'] ?? 0) - pingUsec;
    const commandsPerNode: Record<string, number> = {};
    let usec = 0;
    for (const [cmd, n] of Object.entries(perNode)) {
      if (cmd.startsWith('usec:')) { usec += n; continue; }
      const v = Math.round((n / (refreshes * lives.length)) * 100) / 100;
      if (v) commandsPerNode[cmd] = v;
    }
    const per = (xs: number[]): PerRefresh => ({ min: Math.min(...xs), max: Math.max(...xs), mean: xs.reduce((s, x) => s + x, 0) / xs.length });
    const refresh = summarise(refreshMs);
    const floorStats = summarise(floor);
    const floorAllNodes = lives.length > 1 ? summarise(floorAll) : undefined;
    return {
      nodes: lives.length, refreshes,
      refresh, pipelineRtt: summarise(rtt), floor: floorStats, floorAllNodes,
      ratio: refresh.median / (floorAllNodes ?? floorStats).median,
      roundTripsPerNode: per(turns), writesPerNode: per(writes),
      bytesOutPerRefresh: Math.round(bytesOut / refreshes), bytesInPerRefresh: Math.round(bytesIn / refreshes),
      commandsPerNode,
      serverMsPerNode: Math.round(usec / (refreshes * lives.length)) / 1000,
      clientCpuMsPerRefresh: Math.round(cpuUs / refreshes) / 1000,
      failedItems: failed,
    };
  } finally {
    for (const x of counters) x.restore();
  }
}

async function standalone(refreshes: number, warmup: number): Promise<HealthTarget> {
  let srv: RunningRedis | undefined;
  let live: Live | undefined;
  try {
    srv = await startRedis();
    live = openStandalone({ id: 'bench', name: 'bench', kind: 'standalone', url: `redis://127.0.0.1:${srv.port}` }, {}, { heartbeatMs: 0 });
    const st = await live.whenSettled(10_000);
    if (st !== 'ready') throw new Error(`standalone ${live.address}: ${st} ${live.message ?? ''}`);
    return await measure(live, [live], [srv.port], refreshes, warmup);
  } finally {
    await live?.close();
    await srv?.stop();
  }
}

async function cluster(refreshes: number, warmup: number): Promise<HealthTarget> {
  let c: RunningCluster | undefined;
  let live: ClusterLive | undefined;
  try {
    c = await startCluster({ primaries: 3, replicasPerPrimary: 1 });
    live = openCluster({ id: 'bench-cluster', name: 'bench-cluster', kind: 'cluster', nodes: [{ host: '127.0.0.1', port: c.ports[0] }] }, {}, { heartbeatMs: 0 });
    const st = await live.whenSettled(15_000);
    if (st !== 'ready') throw new Error(`cluster: ${st} ${live.message ?? ''}`);
    await live.refresh();
    const lives = live.members().map(m => m.live).filter((l): l is Live => !!l);
    if (lives.length !== c.ports.length) throw new Error(`cluster: ${lives.length} node connections, expected ${c.ports.length}`);
    const states = await Promise.all(lives.map(l => l.whenSettled(10_000)));
    if (states.some(s => s !== 'ready')) throw new Error(`cluster nodes: ${states.join(', ')}`);
    return await measure(live, lives, lives.map(l => l.port), refreshes, warmup);
  } finally {
    await live?.close();
    await c?.stop();
  }
}

export async function runHealth(smoke: boolean): Promise<HealthResult> {
  const t0 = Date.now();
  const loadStart = os.loadavg();
  const sa = await standalone(smoke ? 5 : 200, smoke ? 2 : 20);
  const cl = smoke ? undefined : await cluster(50, 5);
  const rtOk = (h: HealthTarget | undefined) => !h || h.roundTripsPerNode.max === 1;
  return {
    smoke,
    standalone: sa,
    cluster: cl,
    targets: { roundTripsPerNode: rtOk(sa) && rtOk(cl), standaloneP50: sa.refresh.median <= 3 },
    loadavg: { start: loadStart, end: os.loadavg() },
    totalMs: Date.now() - t0,
  };
}
