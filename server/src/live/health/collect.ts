/**
 * Collects one health snapshot: ONE pipelined round trip per node, every command through
 * the read-only allowlist. A refused command (NotPermittedError: NOPERM, renamed, disabled)
 * only fails its own result; the rest of the snapshot is unaffected.
 *
 * Per data node: PING, INFO everything, SLOWLOG LEN, SLOWLOG GET 10, LATENCY LATEST,
 *   CONFIG GET maxmemory maxclients save appendonly maxmemory-policy (sent under the
 *   profile's rename map), ROLE; in a cluster also CLUSTER INFO and CLUSTER NODES.
 *   (Servers older than 7.0 accept one CONFIG GET pattern only: then a second round trip
 *   asks for them one by one.)
 * Per sentinel: PING, INFO, SENTINEL MASTERS, and for the master(s): SENTINEL CKQUORUM,
 *   SENTINEL REPLICAS, SENTINEL SENTINELS.
 *
 * Public API (kept stable):
 *   type Result<T>, interface NodeSnapshot, SentinelSnapshot, SentinelMasterSnapshot, Snapshot,
 *   SlowlogEntry, LatencyEvent, RoleInfo
 *   HEALTH_COMMANDS                                   the per-node command list
 *   collectNode(client, opts?): Promise<NodeSnapshot>
 *   collectSentinel(client, opts?): Promise<SentinelSnapshot>
 *   collect(live): Promise<Snapshot>                  standalone / sentinel / cluster Live
 * Snapshots are plain JSON-safe data (errors are messages), so evaluate() is pure.
 */
import { performance } from 'node:perf_hooks';
import { NotPermittedError, Outcome, ReadOnlyClient } from '../redis/allowlist';
import { AnyLive, CommandTimeoutError, DEFAULT_CONNECT_TIMEOUT_MS, Live, LiveState, ReplyTooLargeError } from '../redis/connection';
import { ClusterNode, Info, parseClusterNodes, parseFlatPairs, parseInfo, parseKeyValueLines } from '../redis/info';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string; notPermitted: boolean };

export interface SlowlogEntry {
  id: number;
  /** Unix time (s) the command ran. */
  timestamp: number;
  durationUs: number;
  /** Command name (upper case, with the subcommand for container commands) — argument values are not kept (they may hold data). */
  command: string;
  /** First argument after the command (usually the key), truncated. */
  key: string | undefined;
  /** Arguments after the command (and subcommand), the key included. */
  argCount: number;
  client: string | undefined;
  clientName: string | undefined;
}

export interface LatencyEvent { event: string; timestamp: number; latestMs: number; maxMs: number }

export type RoleInfo =
  | { role: 'master'; offset: number; replicas: Array<{ host: string; port: number; offset: number }> }
  | { role: 'slave'; masterHost: string; masterPort: number; state: string; offset: number }
  | { role: 'sentinel'; masters: string[] }
  | { role: string };

export interface NodeSnapshot {
  address: string;
  /** Epoch ms when the round trip started. */
  at: number;
  state: LiveState | undefined;
  stateMessage: string | undefined;
  /** The pipelined health round trip in ms (undefined when it failed). */
  rttMs: number | undefined;
  /** The connection's recent PING round trip (median), when known. */
  pingMs: number | undefined;
  ping: Result<string>;
  info: Result<Info>;
  slowlogLen: Result<number>;
  slowlog: Result<SlowlogEntry[]>;
  latency: Result<LatencyEvent[]>;
  /** CONFIG GET values (only the keys the server returned). */
  config: Result<Record<string, string>>;
  role: Result<RoleInfo>;
  clusterInfo?: Result<Record<string, string>>;
  clusterNodes?: Result<ClusterNode[]>;
  /** Why the round trip stopped before every reply was read (connection lost, timeout, reply too large). */
  cutShort?: string;
}

export interface SentinelMasterSnapshot {
  name: string;
  /** SENTINEL MASTERS fields: ip, port, flags, quorum, num-slaves, num-other-sentinels, failover-state, … */
  fields: Record<string, string>;
  ckquorum: Result<string>;
  replicas: Result<Array<Record<string, string>>>;
  sentinels: Result<Array<Record<string, string>>>;
}

export interface SentinelSnapshot {
  address: string;
  at: number;
  state: LiveState | undefined;
  stateMessage: string | undefined;
  rttMs: number | undefined;
  ping: Result<string>;
  info: Result<Info>;
  masters: Result<SentinelMasterSnapshot[]>;
}

export interface ClusterMemberSnapshot { node: ClusterNode; snapshot: NodeSnapshot | undefined }

export interface Snapshot {
  kind: 'standalone' | 'sentinel' | 'cluster';
  /** What was checked (address or master name; never credentials). */
  target: string;
  at: number;
  state: LiveState;
  stateMessage: string | undefined;
  /** Standalone server, or the sentinel deployment's primary. */
  node?: NodeSnapshot;
  sentinel?: SentinelSnapshot;
  masterName?: string;
  cluster?: { members: ClusterMemberSnapshot[] };
}

export const CONFIG_KEYS = ['maxmemory', 'maxclients', 'save', 'appendonly', 'maxmemory-policy'] as const;

export const HEALTH_COMMANDS: ReadonlyArray<readonly string[]> = [
  ['ping'],
  ['info', 'everything'],
  ['slowlog', 'len'],
  ['slowlog', 'get', '10'],
  ['latency', 'latest'],
  ['config', 'get', ...CONFIG_KEYS],
  ['role'],
];
const CLUSTER_COMMANDS: ReadonlyArray<readonly string[]> = [['cluster', 'info'], ['cluster', 'nodes']];

// ---------------------------------------------------------------------------

/** ioredis' errors for a command that could not be sent or whose reply never came: the connection is gone. */
const CLOSED_RE = /Stream isn't writeable|Connection is closed|enableOfflineQueue|aborted due to connection close/i;

/** Does this failure mean the round trip was cut short (rather than one command failing)? */
function cutReason(e: unknown, context?: { state?: LiveState; stateMessage?: string }): string | undefined {
  const err = e instanceof Error ? e : new Error(String(e));
  if (err instanceof ReplyTooLargeError || err instanceof CommandTimeoutError) return err.message;
  if (CLOSED_RE.test(err.message)) return context?.state === 'ready' ? LOST : context?.stateMessage ?? 'not connected';
  return undefined;
}

const LOST = 'the connection was lost before the reply was complete';

function fail<T>(e: unknown, context?: { state?: LiveState; stateMessage?: string }): Result<T> {
  const err = e instanceof Error ? e : new Error(String(e));
  let msg = err.message;
  if (CLOSED_RE.test(msg)) {
    msg = context?.state === 'ready' ? LOST : context?.stateMessage ?? `not connected${context?.state ? ` (${context.state})` : ''}`;
  }
  return { ok: false, error: msg, notPermitted: err instanceof NotPermittedError };
}

function map<T>(o: Outcome, f: (v: unknown) => T, context?: { state?: LiveState; stateMessage?: string }): Result<T> {
  if (!o.ok) return fail(o.error, context);
  try {
    return { ok: true, value: f(o.value) };
  } catch (e) {
    return fail(new Error(`unexpected reply: ${(e as Error).message}`));
  }
}

const str = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** Commands whose first argument is a subcommand. */
const CONTAINER_COMMANDS = new Set(['ACL', 'CLIENT', 'CLUSTER', 'COMMAND', 'CONFIG', 'DEBUG', 'FUNCTION', 'LATENCY', 'MEMORY', 'MODULE', 'OBJECT', 'PUBSUB', 'SCRIPT', 'SENTINEL', 'SLOWLOG', 'XGROUP', 'XINFO']);

function parseSlowlog(v: unknown): SlowlogEntry[] {
  if (!Array.isArray(v)) throw new Error('not an array');
  return v.filter(Array.isArray).map((e: unknown[]) => {
    const args = Array.isArray(e[3]) ? (e[3] as unknown[]).map(str) : [];
    let command = (args[0] ?? '?').toUpperCase();
    let rest = args.slice(1);
    if (CONTAINER_COMMANDS.has(command) && rest.length && /^[A-Za-z-]+$/.test(rest[0])) {
      command = `${command} ${rest[0].toUpperCase()}`;
      rest = rest.slice(1);
    }
    const key = rest[0];
    return {
      id: Number(e[0]), timestamp: Number(e[1]), durationUs: Number(e[2]),
      command,
      key: key === undefined ? undefined : key.length > 64 ? `${key.slice(0, 64)}…` : key,
      argCount: rest.length,
      client: e[4] === undefined ? undefined : str(e[4]) || undefined,
      clientName: e[5] === undefined ? undefined : str(e[5]) || undefined,
    };
  });
}

function parseLatency(v: unknown): LatencyEvent[] {
  if (!Array.isArray(v)) throw new Error('not an array');
  return v.filter(Array.isArray).map((e: unknown[]) => ({ event: str(e[0]), timestamp: Number(e[1]), latestMs: Number(e[2]), maxMs: Number(e[3]) }));
}

function parseRole(v: unknown): RoleInfo {
  if (!Array.isArray(v) || !v.length) throw new Error('not an array');
  const role = str(v[0]);
  if (role === 'master') {
    const reps = Array.isArray(v[2]) ? (v[2] as unknown[][]) : [];
    return { role, offset: Number(v[1]), replicas: reps.map(r => ({ host: str(r[0]), port: Number(r[1]), offset: Number(r[2]) })) };
  }
  if (role === 'slave' || role === 'replica') return { role: 'slave', masterHost: str(v[1]), masterPort: Number(v[2]), state: str(v[3]), offset: Number(v[4]) };
  if (role === 'sentinel') return { role, masters: Array.isArray(v[1]) ? (v[1] as unknown[]).map(str) : [] };
  return { role };
}

const parseInfoReply = (v: unknown) => parseInfo(str(v));

export interface CollectNodeOptions {
  address?: string;
  /** Also send CLUSTER INFO and CLUSTER NODES. */
  cluster?: boolean;
  state?: LiveState;
  stateMessage?: string;
  pingMs?: number;
}

function allFailed(e: unknown, at: number, opts: CollectNodeOptions): NodeSnapshot {
  const r = fail<never>(e, opts);
  const cut = cutReason(e, opts);
  return {
    address: opts.address ?? '?', at, state: opts.state, stateMessage: opts.stateMessage, rttMs: undefined, pingMs: opts.pingMs,
    ping: r, info: r, slowlogLen: r, slowlog: r, latency: r, config: r, role: r,
    ...(opts.cluster ? { clusterInfo: r, clusterNodes: r } : {}),
    ...(cut !== undefined ? { cutShort: cut } : {}),
  };
}

/** One pipelined round trip of the health commands to one data node. Never throws. */
export async function collectNode(client: ReadOnlyClient, opts: CollectNodeOptions = {}): Promise<NodeSnapshot> {
  const at = Date.now();
  const cmds = opts.cluster ? [...HEALTH_COMMANDS, ...CLUSTER_COMMANDS] : HEALTH_COMMANDS;
  let out: Outcome[];
  const t0 = performance.now();
  try {
    out = await client.pipeline(cmds);
  } catch (e) {
    return allFailed(e, at, opts);
  }
  const rttMs = performance.now() - t0;
  const [ping, info, slowlogLen, slowlog, latency, config, role, clusterInfo, clusterNodes] = out;
  const snap: NodeSnapshot = {
    address: opts.address ?? '?', at, state: opts.state, stateMessage: opts.stateMessage,
    rttMs: ping.ok || info.ok ? rttMs : undefined, pingMs: opts.pingMs,
    ping: map(ping, str, opts),
    info: map(info, parseInfoReply, opts),
    slowlogLen: map(slowlogLen, Number, opts),
    slowlog: map(slowlog, parseSlowlog, opts),
    latency: map(latency, parseLatency, opts),
    config: map(config, parseFlatPairs, opts),
    role: map(role, parseRole, opts),
    ...(opts.cluster ? {
      clusterInfo: map(clusterInfo, v => parseKeyValueLines(str(v)), opts),
      clusterNodes: map(clusterNodes, v => parseClusterNodes(str(v)), opts),
    } : {}),
  };
  const cut = out.map(o => (o.ok ? undefined : cutReason(o.error, opts))).find(r => r !== undefined);
  if (cut !== undefined) snap.cutShort = cut;
  // Fallbacks in a second round trip, only for old servers.
  const retry: Array<readonly string[]> = [];
  const oldConfig = !config.ok && !(config.error instanceof NotPermittedError) && /wrong number of arguments|Unknown subcommand or wrong/i.test(config.error.message);
  if (oldConfig) CONFIG_KEYS.forEach(k => retry.push(['config', 'get', k]));
  const oldInfo = !info.ok && !(info.error instanceof NotPermittedError) && /syntax error|unknown|invalid/i.test(info.error.message);
  if (oldInfo) retry.push(['info']);
  if (retry.length) {
    try {
      const again = await client.pipeline(retry);
      if (oldConfig) {
        const parts = again.slice(0, CONFIG_KEYS.length);
        const firstFail = parts.find(p => !p.ok);
        snap.config = firstFail && !firstFail.ok && parts.every(p => !p.ok) ? fail(firstFail.error)
          : { ok: true, value: Object.assign({}, ...parts.map(p => (p.ok ? parseFlatPairs(p.value) : {}))) };
      }
      if (oldInfo) snap.info = map(again[again.length - 1], parseInfoReply);
    } catch { /* keep the first answers */ }
  }
  return snap;
}

const pairsList = (v: unknown) => (Array.isArray(v) ? v.map(parseFlatPairs) : []);

export interface CollectSentinelOptions {
  address?: string;
  /** Only this master (otherwise every master the sentinel monitors). */
  masterName?: string;
  state?: LiveState;
  stateMessage?: string;
}

/** Health of a sentinel: one round trip (two when the master names are not known beforehand). Never throws. */
export async function collectSentinel(client: ReadOnlyClient, opts: CollectSentinelOptions = {}): Promise<SentinelSnapshot> {
  const at = Date.now();
  const base: Array<readonly string[]> = [['ping'], ['info'], ['sentinel', 'masters']];
  const perMaster = (name: string): Array<readonly string[]> => [
    ['sentinel', 'ckquorum', name], ['sentinel', 'replicas', name], ['sentinel', 'sentinels', name]];
  const cmds = opts.masterName ? [...base, ...perMaster(opts.masterName)] : base;
  const t0 = performance.now();
  let out: Outcome[];
  try {
    out = await client.pipeline(cmds);
  } catch (e) {
    const r = fail<never>(e, opts);
    return { address: opts.address ?? '?', at, state: opts.state, stateMessage: opts.stateMessage, rttMs: undefined, ping: r, info: r, masters: r };
  }
  const rttMs = performance.now() - t0;
  const snap: SentinelSnapshot = {
    address: opts.address ?? '?', at, state: opts.state, stateMessage: opts.stateMessage,
    rttMs: out[0].ok ? rttMs : undefined,
    ping: map(out[0], str),
    info: map(out[1], parseInfoReply),
    masters: { ok: false, error: 'no reply', notPermitted: false },
  };
  const mastersOut = out[2];
  if (!mastersOut.ok) { snap.masters = fail(mastersOut.error); return snap; }
  let all = pairsList(mastersOut.value);
  if (opts.masterName) all = all.filter(m => m.name === opts.masterName);
  const details = new Map<string, Outcome[]>();
  if (opts.masterName) details.set(opts.masterName, out.slice(3, 6));
  const missing = all.map(m => m.name).filter(n => !details.has(n));
  if (missing.length) {
    try {
      const more = await client.pipeline(missing.flatMap(perMaster));
      missing.forEach((n, i) => details.set(n, more.slice(i * 3, i * 3 + 3)));
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      missing.forEach(n => details.set(n, [0, 1, 2].map(() => ({ ok: false as const, error: err }))));
    }
  }
  // SENTINEL REPLICAS is 5.0+; older sentinels only know SLAVES.
  const oldNames = [...details].filter(([, d]) => !d[1].ok && /unknown/i.test(d[1].error.message) && !(d[1].error instanceof NotPermittedError)).map(([n]) => n);
  if (oldNames.length) {
    try {
      const slaves = await client.pipeline(oldNames.map(n => ['sentinel', 'slaves', n]));
      oldNames.forEach((n, i) => { details.get(n)![1] = slaves[i]; });
    } catch { /* keep the first error */ }
  }
  snap.masters = {
    ok: true,
    value: all.map(fields => {
      const d = details.get(fields.name) ?? [];
      const missingReply: Outcome = { ok: false, error: new Error('no reply') };
      return {
        name: fields.name, fields,
        ckquorum: map(d[0] ?? missingReply, str),
        replicas: map(d[1] ?? missingReply, pairsList),
        sentinels: map(d[2] ?? missingReply, pairsList),
      };
    }),
  };
  return snap;
}

/** Waits (bounded) for a connection that is still connecting, so a fresh one is not reported as down. */
async function settled(l: Live | undefined): Promise<void> {
  if (l && l.state === 'connecting') await l.whenSettled(DEFAULT_CONNECT_TIMEOUT_MS + 2 * l.commandTimeoutMs);
}

/**
 * Collects everything for a standalone, sentinel or cluster Live. Never throws.
 * Connections still connecting are waited for (bounded by the connect + command timeouts).
 */
export async function collect(live: AnyLive): Promise<Snapshot> {
  const at = Date.now();
  if (live.kind === 'standalone') {
    await settled(live);
    const node = await collectNode(live.client, { address: live.address, state: live.state, stateMessage: live.message, pingMs: live.pingMs });
    return { kind: 'standalone', target: live.address, at, state: live.state, stateMessage: live.message, node };
  }
  if (live.kind === 'sentinel') {
    if (live.state === 'connecting') await live.whenSettled();
    const p = live.primary;
    const s = live.sentinel;
    await Promise.all([settled(p), settled(s)]);
    const [node, sentinel] = await Promise.all([
      p ? collectNode(p.client, { address: p.address, state: p.state, stateMessage: p.message, pingMs: p.pingMs }) : Promise.resolve(undefined),
      s ? collectSentinel(s.client, { address: s.address, masterName: live.masterName, state: s.state, stateMessage: s.message }) : Promise.resolve(undefined),
    ]);
    return { kind: 'sentinel', target: `${live.masterName} @ ${live.address}`, masterName: live.masterName, at, state: live.state, stateMessage: live.message, node, sentinel };
  }
  if (!live.topology.length) await live.refresh();
  await Promise.all(live.members().map(m => settled(m.live)));
  const members = await Promise.all(live.members().map(async m => ({
    node: m.node,
    snapshot: m.live ? await collectNode(m.live.client, { address: m.live.address, cluster: true, state: m.live.state, stateMessage: m.live.message, pingMs: m.live.pingMs }) : undefined,
  })));
  return { kind: 'cluster', target: live.address, at, state: live.state, stateMessage: live.message, cluster: { members } };
}
