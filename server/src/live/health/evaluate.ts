/**
 * Pure evaluation: a collected Snapshot → tree-ready HealthItems with a status and a "why"
 * (tooltip text that says why the status is what it is). No I/O, no clock unless `now` is omitted.
 *
 * Public API (kept stable):
 *   type HealthStatus = 'ok' | 'warning' | 'problem' | 'unknown' | 'not-permitted' | 'not-checked'
 *       not-permitted: the server refused the command (NOPERM, renamed, disabled);
 *       not-checked: the command could not run for another reason (connection lost, timeout,
 *       reply too large, unreadable reply): nothing is known about that item
 *   interface HealthItem { id; label; value; status; why; children? }
 *   evaluate(snapshot, thresholds?, now?): HealthItem[]
 *       standalone: groups server, latency, memory, clients, persistence, throughput,
 *         slowlog, latencymon, replication (ids "memory", "memory.used", …);
 *       sentinel: the primary's groups + "sentinel" (masters, quorum, replicas, sentinels, failover);
 *       cluster: "cluster" (state, slots, nodes → one item per node with that node's groups).
 *   evaluateNode(node, thresholds?, now?, idPrefix?): HealthItem[]   the groups for one data node
 *   worstStatus(items): HealthStatus   strict order problem > warning > not-checked > unknown > not-permitted > ok,
 *       over items and all their descendants (what exit codes are based on)
 *   coverage(snapshot): Coverage        did PING and INFO answer, did anything, was the round trip cut short
 *   STATUS_RANK
 * A group's own status is the worst of its children's problem/warning/not-checked/ok; it is
 * unknown / not-permitted only when none of its children has one of those.
 */
import { ClusterNode, detectServer, Info, infoNum, infoStr, keyspaceOf, replicasOf } from '../redis/info';
import { NodeSnapshot, Result, RoleInfo, SentinelMasterSnapshot, SentinelSnapshot, Snapshot } from './collect';
import { resolveThresholds, Thresholds } from './thresholds';

export type HealthStatus = 'ok' | 'warning' | 'problem' | 'unknown' | 'not-permitted' | 'not-checked';

export interface HealthItem {
  /** Stable id, e.g. "memory.used", "cluster.node.3f2a91c0.memory.used". */
  id: string;
  label: string;
  value: string;
  status: HealthStatus;
  /** Why the status is what it is (tooltip). */
  why: string;
  children?: HealthItem[];
}

export const STATUS_RANK: Readonly<Record<HealthStatus, number>> = { ok: 0, 'not-permitted': 1, unknown: 2, 'not-checked': 3, warning: 4, problem: 5 };

/** The worst status among items and all their descendants ('ok' for none). */
export function worstStatus(items: readonly HealthItem[]): HealthStatus {
  let worst: HealthStatus = 'ok';
  const visit = (list: readonly HealthItem[]) => {
    for (const i of list) {
      if (STATUS_RANK[i.status] > STATUS_RANK[worst]) worst = i.status;
      if (i.children) visit(i.children);
    }
  };
  visit(items);
  return worst;
}

function groupStatus(children: readonly HealthItem[]): HealthStatus {
  const has = (s: HealthStatus) => children.some(c => c.status === s);
  if (has('problem')) return 'problem';
  if (has('warning')) return 'warning';
  if (has('not-checked')) return 'not-checked';
  if (has('ok')) return 'ok';
  if (has('unknown')) return 'unknown';
  if (has('not-permitted')) return 'not-permitted';
  return 'ok';
}

// ---------------------------------------------------------------------------
// formatting

export function fmtBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '?';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${v} B` : `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${units[u]}`;
}

export function fmtDuration(sec: number | undefined): string {
  if (sec === undefined || !Number.isFinite(sec)) return '?';
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '?';
  return ms < 10 ? `${ms.toFixed(2)} ms` : ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

const pct = (a: number, b: number) => (b > 0 ? (100 * a) / b : 0);
const fmtPct = (p: number) => `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
const iso = (epochSec: number) => new Date(epochSec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

// ---------------------------------------------------------------------------
// item builders

const item = (id: string, label: string, value: string, status: HealthStatus, why: string): HealthItem => ({ id, label, value, status, why });

function group(id: string, label: string, children: HealthItem[], value?: string, why?: string): HealthItem {
  const status = groupStatus(children);
  const bad = children.filter(c => c.status === status && status !== 'ok').map(c => c.label);
  return {
    id, label,
    value: value ?? (status === 'ok' ? 'OK' : status === 'warning' ? 'warning' : status === 'problem' ? 'problem' : status === 'not-permitted' ? 'not permitted' : status === 'not-checked' ? 'not checked' : 'unknown'),
    status,
    why: why ?? (status === 'ok' ? `All ${label.toLowerCase()} checks pass.` : `${bad.join(', ')}: see below.`),
    children,
  };
}

type Failed = Extract<Result<unknown>, { ok: false }>;

/** An item that could not be computed because a command failed. */
function failed(id: string, label: string, r: Failed, what: string): HealthItem {
  return r.notPermitted
    ? item(id, label, 'not permitted', 'not-permitted', `${what} is not permitted for this connection (${r.error}). Grant it in the ACL or set the rename map.`)
    : item(id, label, 'not checked', 'not-checked', `${what} could not run: ${r.error}`);
}

function level(value: number, warnAbove: number, problemAbove?: number): HealthStatus {
  if (problemAbove !== undefined && value > problemAbove) return 'problem';
  return value > warnAbove ? 'warning' : 'ok';
}

// ---------------------------------------------------------------------------
// one data node

interface Ctx { id: (s: string) => string; t: Thresholds; now: number; info: Info | undefined; cfg: Record<string, string> | undefined; node: NodeSnapshot }

function serverGroup(c: Ctx): HealthItem {
  const { node, info } = c;
  const kids: HealthItem[] = [];
  if (node.ping.ok) {
    kids.push(item(c.id('server.ping'), 'Responding', node.ping.value, 'ok', `PING answered${node.pingMs !== undefined ? ` (recent PING round trip ${fmtMs(node.pingMs)})` : ''}.`));
  } else if (node.ping.notPermitted) {
    kids.push(failed(c.id('server.ping'), 'Responding', node.ping, 'PING'));
  } else {
    kids.push(item(c.id('server.ping'), 'Responding', node.state ?? 'no answer', 'problem', `The server did not answer PING: ${node.stateMessage ?? node.ping.error}`));
  }
  if (info) {
    const id = detectServer(info);
    kids.push(item(c.id('server.version'), 'Version', id.display, 'ok', `From INFO server (redis_version ${id.redisVersion ?? '?'}).`));
    kids.push(item(c.id('server.flavour'), 'Flavour', id.flavour === 'memurai' && id.edition ? id.edition : id.flavour, 'ok',
      id.flavour === 'valkey' ? 'INFO reports server_name:valkey / valkey_version.' : id.flavour === 'memurai' ? 'INFO reports memurai_version (Memurai for Windows).' : id.flavour === 'redis' ? 'INFO reports redis_version only.' : 'No known version field in INFO.'));
    kids.push(item(c.id('server.mode'), 'Mode', id.mode ?? 'unknown', id.mode ? 'ok' : 'unknown', 'From redis_mode / server_mode in INFO server.'));
    const up = infoNum(info, 'server', 'uptime_in_seconds');
    kids.push(item(c.id('server.uptime'), 'Uptime', fmtDuration(up), up === undefined ? 'unknown' : 'ok', up !== undefined && up < 600 ? 'The server restarted less than 10 minutes ago.' : 'Time since the server started.'));
  } else if (!node.info.ok) {
    kids.push(failed(c.id('server.version'), 'Version', node.info, 'INFO'));
  }
  kids.push(roleItem(c));
  return group(c.id('server'), 'Server', kids, info ? detectServer(info).display : node.ping.ok ? 'responding' : node.state ?? 'unreachable');
}

function roleItem(c: Ctx): HealthItem {
  const r = c.node.role;
  const infoRole = infoStr(c.info, 'replication', 'role');
  const describe = (role: RoleInfo): string => {
    if (role.role === 'master' && 'replicas' in role) return `primary (${plural(role.replicas.length, 'replica')})`;
    if (role.role === 'slave' && 'masterHost' in role) return `replica of ${role.masterHost}:${role.masterPort}`;
    if (role.role === 'sentinel') return 'sentinel';
    return role.role;
  };
  if (r.ok) return item(c.id('server.role'), 'Role', describe(r.value), 'ok', 'From ROLE.');
  if (infoRole) {
    const v = infoRole === 'slave' ? `replica of ${infoStr(c.info, 'replication', 'master_host')}:${infoStr(c.info, 'replication', 'master_port')}` : infoRole === 'master' ? 'primary' : infoRole;
    return item(c.id('server.role'), 'Role', v, 'ok', `From INFO replication (ROLE: ${r.error}).`);
  }
  return failed(c.id('server.role'), 'Role', r, 'ROLE');
}

function latencyGroup(c: Ctx): HealthItem {
  const { node, t } = c;
  const kids: HealthItem[] = [];
  const ping = node.pingMs ?? node.rttMs;
  if (ping === undefined) {
    kids.push(item(c.id('latency.ping'), 'PING round trip', 'not checked', 'not-checked', `No round trip completed: ${node.stateMessage ?? (node.ping.ok ? 'no timing' : node.ping.error)}`));
  } else {
    const st = level(ping, t.pingWarnMs);
    kids.push(item(c.id('latency.ping'), 'PING round trip', fmtMs(ping), st,
      `${node.pingMs !== undefined ? 'Median of the connection\'s recent PINGs' : 'The pipelined health round trip'}; warning above ${t.pingWarnMs} ms${st === 'warning' ? ' (slow network, overloaded server or swapping)' : ''}.`));
  }
  if (node.rttMs !== undefined) {
    kids.push(item(c.id('latency.roundtrip'), 'Health round trip', fmtMs(node.rttMs), 'ok', 'One pipelined round trip: PING, INFO, SLOWLOG, LATENCY, CONFIG GET, ROLE (informational).'));
  }
  return group(c.id('latency'), 'Latency', kids, ping === undefined ? 'not checked' : fmtMs(ping));
}

function memoryGroup(c: Ctx): HealthItem {
  const { info, cfg, t } = c;
  if (!info) return group(c.id('memory'), 'Memory', [failed(c.id('memory.used'), 'Used', c.node.info as Failed, 'INFO')]);
  const kids: HealthItem[] = [];
  const used = infoNum(info, 'memory', 'used_memory') ?? 0;
  const maxFromCfg = cfg?.maxmemory !== undefined ? Number(cfg.maxmemory) : undefined;
  const max = maxFromCfg ?? infoNum(info, 'memory', 'maxmemory');
  const src = maxFromCfg !== undefined ? 'CONFIG GET maxmemory' : 'INFO memory';
  if (max !== undefined && max > 0) {
    const p = pct(used, max);
    const st = p > t.memoryProblemPct ? 'problem' : p > t.memoryWarnPct ? 'warning' : 'ok';
    kids.push(item(c.id('memory.used'), 'Used', `${fmtBytes(used)} of ${fmtBytes(max)} (${fmtPct(p)})`, st,
      st === 'ok' ? `used_memory is ${fmtPct(p)} of maxmemory (${src}); warning above ${t.memoryWarnPct}%, problem above ${t.memoryProblemPct}%.`
        : `used_memory is ${fmtPct(p)} of maxmemory (above ${st === 'problem' ? t.memoryProblemPct : t.memoryWarnPct}%): the server will ${(cfg?.['maxmemory-policy'] ?? infoStr(info, 'memory', 'maxmemory_policy')) === 'noeviction' ? 'refuse writes (OOM)' : 'evict keys'} when it reaches the limit.`));
  } else {
    const sys = infoNum(info, 'memory', 'total_system_memory');
    const p = sys ? pct(used, sys) : 0;
    const st: HealthStatus = sys && p > t.memorySystemWarnPct ? 'warning' : 'ok';
    kids.push(item(c.id('memory.used'), 'Used', `${fmtBytes(used)} (no maxmemory limit)`, st,
      `maxmemory is 0 (${src}): no limit and no eviction${sys ? `; ${fmtPct(p)} of the machine's ${fmtBytes(sys)}` : ''}${st === 'warning' ? ` — above ${t.memorySystemWarnPct}%, the machine may run out of memory` : ''}.`));
  }
  const frag = infoNum(info, 'memory', 'mem_fragmentation_ratio');
  if (frag !== undefined) {
    let st: HealthStatus = 'ok';
    let why = `RSS / used_memory. Judged only above ${fmtBytes(t.fragmentationMinUsedBytes)} used (small instances always look fragmented).`;
    if (frag < t.fragmentationLow && used > 0) { st = 'warning'; why = `Below ${t.fragmentationLow}: part of the dataset is swapped out to disk (latency spikes).`; }
    else if (frag > t.fragmentationHigh && used > t.fragmentationMinUsedBytes) { st = 'warning'; why = `Above ${t.fragmentationHigh} with ${fmtBytes(used)} used: memory is fragmented (consider activedefrag or a restart).`; }
    kids.push(item(c.id('memory.fragmentation'), 'Fragmentation', frag.toFixed(2), st, why));
  }
  const policy = cfg?.['maxmemory-policy'] ?? infoStr(info, 'memory', 'maxmemory_policy');
  if (policy !== undefined) kids.push(item(c.id('memory.policy'), 'Eviction policy', policy, 'ok', `maxmemory-policy (${cfg?.['maxmemory-policy'] !== undefined ? 'CONFIG GET' : 'INFO memory'}).`));
  const evicted = infoNum(info, 'stats', 'evicted_keys');
  if (evicted !== undefined) kids.push(item(c.id('memory.evicted'), 'Evicted keys', String(evicted), 'ok', evicted > 0 ? 'Keys evicted since start to stay under maxmemory (informational).' : 'No key evicted since start.'));
  const mem = kids[0];
  return group(c.id('memory'), 'Memory', kids, mem.value);
}

function clientsGroup(c: Ctx): HealthItem {
  const { info, cfg, t } = c;
  if (!info) return group(c.id('clients'), 'Clients', [failed(c.id('clients.connected'), 'Connected', c.node.info as Failed, 'INFO')]);
  const kids: HealthItem[] = [];
  const connected = infoNum(info, 'clients', 'connected_clients');
  const maxclients = cfg?.maxclients !== undefined ? Number(cfg.maxclients) : infoNum(info, 'clients', 'maxclients');
  if (connected !== undefined) {
    if (maxclients) {
      const p = pct(connected, maxclients);
      const st = level(p, t.clientsWarnPct);
      kids.push(item(c.id('clients.connected'), 'Connected', `${connected} of ${maxclients} (${fmtPct(p)})`, st,
        st === 'ok' ? `connected_clients vs maxclients; warning above ${t.clientsWarnPct}%.` : `Above ${t.clientsWarnPct}% of maxclients: new connections will soon be refused.`));
    } else {
      kids.push(item(c.id('clients.connected'), 'Connected', String(connected), 'ok', 'connected_clients (maxclients unknown).'));
    }
  }
  const blocked = infoNum(info, 'clients', 'blocked_clients');
  if (blocked !== undefined) kids.push(item(c.id('clients.blocked'), 'Blocked', String(blocked), 'ok', blocked > 0 ? `${plural(blocked, 'client')} waiting in a blocking command (BLPOP, XREAD BLOCK, WAIT…) — informational.` : 'No client is waiting in a blocking command.'));
  const rejected = infoNum(info, 'stats', 'rejected_connections');
  if (rejected !== undefined) {
    const st = level(rejected, t.rejectedConnectionsWarn);
    kids.push(item(c.id('clients.rejected'), 'Rejected connections', String(rejected), st, st === 'ok' ? 'No connection refused because of maxclients since start.' : `${rejected} connections were refused since start because maxclients was reached.`));
  }
  return group(c.id('clients'), 'Clients', kids, connected !== undefined ? `${connected} connected` : undefined);
}

function persistenceGroup(c: Ctx): HealthItem {
  const { info, cfg, t, now } = c;
  if (!info) return group(c.id('persistence'), 'Persistence', [failed(c.id('persistence.aof'), 'AOF', c.node.info as Failed, 'INFO')]);
  const kids: HealthItem[] = [];
  const p = (k: string) => infoStr(info, 'persistence', k);
  const aofOn = p('aof_enabled') === '1' || (p('aof_enabled') === undefined && cfg?.appendonly === 'yes');
  const saveKnown = c.node.config.ok && cfg?.save !== undefined;
  const saveOn = saveKnown ? cfg!.save.trim() !== '' : undefined;
  if (aofOn) {
    const lw = p('aof_last_write_status');
    const rw = p('aof_last_bgrewrite_status');
    const bad = lw === 'err' || rw === 'err';
    kids.push(item(c.id('persistence.aof'), 'AOF', `on (last write ${lw ?? '?'}${rw ? `, last rewrite ${rw}` : ''})`, bad ? 'problem' : 'ok',
      bad ? `AOF ${lw === 'err' ? 'writes are failing' : 'rewrite failed'} (disk full or permissions?): writes may be refused.` : 'appendonly is on and the last AOF write succeeded.'));
  } else {
    kids.push(item(c.id('persistence.aof'), 'AOF', 'off', t.aofOffStatus,
      'AOF persistence disabled: writes since the last RDB snapshot are lost if the server stops.'));
  }
  const last = infoNum(info, 'persistence', 'rdb_last_save_time');
  if (last !== undefined) {
    const age = now / 1000 - last;
    const changes = infoNum(info, 'persistence', 'rdb_changes_since_last_save');
    let st: HealthStatus = 'ok';
    let why = `${changes ?? '?'} changes since then.`;
    if (saveOn === true && age > t.rdbMaxAgeSec) { st = 'warning'; why = `Older than ${fmtDuration(t.rdbMaxAgeSec)} although save points are configured: snapshots are not being written. ${why}`; }
    else if (saveOn === false) why = `No save points configured: snapshots only on demand (BGSAVE) or for replication. ${why}`;
    else if (saveOn === undefined) why = `Save points unknown (CONFIG GET not available), so the age is not judged. ${why}`;
    else why = `Warning when older than ${fmtDuration(t.rdbMaxAgeSec)}. ${why}`;
    kids.push(item(c.id('persistence.rdb'), 'Last RDB save', `${iso(last)} (${fmtDuration(age)} ago)`, st, why));
  }
  const bg = p('rdb_last_bgsave_status');
  if (bg !== undefined) {
    kids.push(item(c.id('persistence.bgsave'), 'Last background save', bg + (p('rdb_bgsave_in_progress') === '1' ? ' (one in progress)' : ''), bg === 'err' ? 'problem' : 'ok',
      bg === 'err' ? 'The last BGSAVE failed (disk full, permissions, or fork failure): with stop-writes-on-bgsave-error the server refuses writes.' : 'rdb_last_bgsave_status.'));
  }
  if (!c.node.config.ok) {
    kids.push(failed(c.id('persistence.save'), 'Save points', c.node.config, 'CONFIG GET'));
  } else if (saveKnown) {
    const none = !saveOn && !aofOn;
    kids.push(item(c.id('persistence.save'), 'Save points', saveOn ? cfg!.save : 'none', none ? t.noPersistenceStatus : 'ok',
      none ? 'Neither AOF nor RDB save points are configured: all data is lost on restart.' : saveOn ? 'RDB snapshot schedule (seconds changes …).' : 'No RDB schedule; AOF provides persistence.'));
  } else {
    kids.push(item(c.id('persistence.save'), 'Save points', 'unknown', 'unknown', 'CONFIG GET returned no "save" value.'));
  }
  return group(c.id('persistence'), 'Persistence', kids, `AOF ${aofOn ? 'on' : 'off'}, RDB ${saveOn === undefined ? '?' : saveOn ? 'on' : 'off'}`);
}

function throughputGroup(c: Ctx): HealthItem {
  const { info } = c;
  if (!info) return group(c.id('throughput'), 'Throughput', [failed(c.id('throughput.ops'), 'Operations/s', c.node.info as Failed, 'INFO')]);
  const kids: HealthItem[] = [];
  const ops = infoNum(info, 'stats', 'instantaneous_ops_per_sec');
  const total = infoNum(info, 'stats', 'total_commands_processed');
  if (ops !== undefined) kids.push(item(c.id('throughput.ops'), 'Operations/s', String(ops), 'ok', `instantaneous_ops_per_sec; ${total ?? '?'} commands since start.`));
  const hits = infoNum(info, 'stats', 'keyspace_hits');
  const misses = infoNum(info, 'stats', 'keyspace_misses');
  if (hits !== undefined && misses !== undefined) {
    const n = hits + misses;
    kids.push(item(c.id('throughput.hitrate'), 'Hit rate', n ? fmtPct(pct(hits, n)) : 'no reads yet', 'ok', `keyspace_hits ${hits} / misses ${misses} since start (informational).`));
  }
  const keys = keyspaceOf(info).reduce((a, k) => a + k.keys, 0);
  kids.push(item(c.id('throughput.keys'), 'Keys', String(keys), 'ok', keyspaceOf(info).map(k => `db${k.db}: ${k.keys} keys, ${k.expires} with TTL`).join('; ') || 'No keys.'));
  return group(c.id('throughput'), 'Throughput', kids, ops !== undefined ? `${ops} ops/s` : undefined);
}

function slowlogGroup(c: Ctx): HealthItem {
  const { node, t, now } = c;
  const kids: HealthItem[] = [];
  const recent = (ts: number) => t.slowlogRecentSec > 0 && now / 1000 - ts < t.slowlogRecentSec;
  if (node.slowlog.ok) {
    for (const e of node.slowlog.value) {
      kids.push(item(c.id(`slowlog.entry.${e.id}`), `#${e.id} ${e.command}${e.key !== undefined ? ` ${e.key}` : ''}${e.argCount > 1 ? ` (+${e.argCount - 1} args)` : ''}`,
        fmtMs(e.durationUs / 1000), recent(e.timestamp) ? 'warning' : 'ok',
        `Ran ${fmtMs(e.durationUs / 1000)} at ${iso(e.timestamp)} (${fmtDuration(now / 1000 - e.timestamp)} ago)${e.client ? ` from ${e.client}` : ''}${e.clientName ? ` (${e.clientName})` : ''}.${recent(e.timestamp) ? ` Slow within the last ${fmtDuration(t.slowlogRecentSec)}.` : ''}`));
    }
  }
  const len = node.slowlogLen.ok ? node.slowlogLen.value : node.slowlog.ok ? node.slowlog.value.length : undefined;
  let lenItem: HealthItem;
  if (len === undefined) {
    lenItem = failed(c.id('slowlog.length'), 'Slow queries', (node.slowlogLen.ok ? node.slowlog : node.slowlogLen) as Failed, 'SLOWLOG');
  } else {
    const anyRecent = kids.some(k => k.status === 'warning');
    lenItem = item(c.id('slowlog.length'), 'Slow queries', len === 0 ? 'none' : `${len} logged`, anyRecent ? 'warning' : 'ok',
      len === 0 ? 'The slow log is empty.' : anyRecent ? `Slow queries detected within the last ${fmtDuration(t.slowlogRecentSec)} (see the entries).` : `${len} entries, none within the last ${fmtDuration(t.slowlogRecentSec)}.`);
  }
  if (!node.slowlog.ok && node.slowlogLen.ok) kids.push(failed(c.id('slowlog.entries'), 'Entries', node.slowlog, 'SLOWLOG GET'));
  return group(c.id('slowlog'), 'Slow log', [lenItem, ...kids], lenItem.value);
}

function latencyMonitorGroup(c: Ctx): HealthItem {
  const { node, t, now } = c;
  if (!node.latency.ok) return group(c.id('latencymon'), 'Latency monitor', [failed(c.id('latencymon.events'), 'Events', node.latency, 'LATENCY LATEST')]);
  const events = node.latency.value;
  if (!events.length) return group(c.id('latencymon'), 'Latency monitor', [item(c.id('latencymon.events'), 'Events', 'none', 'ok', 'No latency spike recorded (or latency-monitor-threshold is 0).')], 'none');
  const kids = events.map(e => {
    const recent = t.latencyEventRecentSec > 0 && now / 1000 - e.timestamp < t.latencyEventRecentSec;
    return item(c.id(`latencymon.${e.event}`), e.event, `latest ${e.latestMs} ms, max ${e.maxMs} ms`, recent ? 'warning' : 'ok',
      `Last spike at ${iso(e.timestamp)} (${fmtDuration(now / 1000 - e.timestamp)} ago).${recent ? ` Within the last ${fmtDuration(t.latencyEventRecentSec)}.` : ''}`);
  });
  return group(c.id('latencymon'), 'Latency monitor', kids, plural(events.length, 'event'));
}

function replicationGroup(c: Ctx): HealthItem {
  const { info, t } = c;
  const kids: HealthItem[] = [];
  const role = infoStr(info, 'replication', 'role') ?? (c.node.role.ok ? c.node.role.value.role : undefined);
  if (!info && !c.node.role.ok) return group(c.id('replication'), 'Replication', [failed(c.id('replication.role'), 'Role', c.node.role, 'ROLE')]);
  if (role === 'slave') {
    const r = (k: string) => infoStr(info, 'replication', k);
    const link = r('master_link_status');
    const master = `${r('master_host') ?? '?'}:${r('master_port') ?? '?'}`;
    kids.push(item(c.id('replication.role'), 'Role', `replica of ${master}`, 'ok', 'From INFO replication.'));
    if (link !== undefined) {
      const downFor = infoNum(info, 'replication', 'master_link_down_since_seconds');
      kids.push(item(c.id('replication.link'), 'Link to primary', link, link === 'up' ? 'ok' : 'problem',
        link === 'up' ? 'master_link_status:up.' : `The replica is not connected to its primary${downFor !== undefined && downFor >= 0 ? ` for ${fmtDuration(downFor)}` : ''}: it serves stale data.`));
    }
    if (r('master_sync_in_progress') === '1') kids.push(item(c.id('replication.sync'), 'Full sync', 'in progress', 'warning', 'A full resynchronisation with the primary is running.'));
    const io = infoNum(info, 'replication', 'master_last_io_seconds_ago');
    if (io !== undefined && io >= 0) {
      kids.push(item(c.id('replication.lag'), 'Last contact with primary', `${io} s ago`, level(io, t.replicaLagWarnSec),
        io > t.replicaLagWarnSec ? `No data from the primary for more than ${t.replicaLagWarnSec} s.` : `Warning above ${t.replicaLagWarnSec} s.`));
    }
  } else if (role === 'master') {
    const reps = replicasOf(info);
    const masterOffset = infoNum(info, 'replication', 'master_repl_offset');
    kids.push(item(c.id('replication.role'), 'Role', `primary with ${plural(reps.length, 'replica')}`, 'ok', 'From INFO replication.'));
    for (const rep of reps) {
      const syncing = /^(wait_bgsave|send_bulk)$/.test(rep.state);
      let st: HealthStatus = rep.state === 'online' ? 'ok' : syncing ? 'warning' : 'problem';
      if (st === 'ok' && rep.lagSec !== undefined && rep.lagSec > t.replicaLagWarnSec) st = 'warning';
      const behind = masterOffset !== undefined ? masterOffset - rep.offset : undefined;
      kids.push(item(c.id(`replication.replica.${rep.ip}:${rep.port}`), `Replica ${rep.ip}:${rep.port}`,
        `${rep.state}, lag ${rep.lagSec ?? '?'} s, offset ${rep.offset}`, st,
        rep.state !== 'online' ? (syncing ? 'The replica is doing a full sync.' : `Replica state ${rep.state}: the link is down.`)
          : st === 'warning' ? `Lag above ${t.replicaLagWarnSec} s.` : `Online; ${behind !== undefined ? `${behind} bytes behind the primary` : ''}.`));
    }
  } else if (role) {
    kids.push(item(c.id('replication.role'), 'Role', role, 'ok', 'From INFO replication.'));
  }
  return group(c.id('replication'), 'Replication', kids, kids[0]?.value);
}

/** The health groups for one data node. */
export function evaluateNode(node: NodeSnapshot, thresholds: Partial<Thresholds> = {}, now = Date.now(), idPrefix = ''): HealthItem[] {
  const t = resolveThresholds(thresholds);
  const c: Ctx = {
    id: s => idPrefix + s, t, now, node,
    info: node.info.ok ? node.info.value : undefined,
    cfg: node.config.ok ? node.config.value : undefined,
  };
  const nothing = !node.ping.ok && !node.info.ok && !node.role.ok;
  if (nothing) return [serverGroup(c)];
  return [serverGroup(c), latencyGroup(c), memoryGroup(c), clientsGroup(c), persistenceGroup(c), throughputGroup(c), slowlogGroup(c), latencyMonitorGroup(c), replicationGroup(c)];
}

// ---------------------------------------------------------------------------
// sentinel

const flagsOf = (f: Record<string, string>) => (f.flags ?? '').split(',').filter(Boolean);
const isDown = (f: Record<string, string>) => flagsOf(f).some(x => x === 's_down' || x === 'o_down' || x === 'disconnected');

function sentinelMasterItem(m: SentinelMasterSnapshot, id: (s: string) => string): HealthItem {
  const f = m.fields;
  const base = `sentinel.master.${m.name}`;
  const kids: HealthItem[] = [];
  const flags = flagsOf(f);
  const down = flags.filter(x => x === 's_down' || x === 'o_down');
  kids.push(item(id(`${base}.status`), 'Primary', `${f.ip}:${f.port} (${flags.join(',')})`, down.length ? 'problem' : 'ok',
    down.length ? `The sentinel sees the primary as ${down.includes('o_down') ? 'objectively down (quorum agrees)' : 'subjectively down'}.` : 'The sentinel sees the primary up.'));
  const failover = flags.includes('failover_in_progress') || (f['failover-state'] !== undefined && f['failover-state'] !== 'none' && f['failover-state'] !== '');
  kids.push(item(id(`${base}.failover`), 'Failover', failover ? `in progress (${f['failover-state'] ?? '?'})` : 'none', failover ? 'warning' : 'ok',
    failover ? 'A failover is running: the primary address is about to change.' : 'No failover in progress.'));
  const quorum = Number(f.quorum ?? 0);
  if (m.ckquorum.ok) kids.push(item(id(`${base}.quorum`), 'Quorum', `${quorum} (${m.ckquorum.value.replace(/^OK\s*/, '')})`, 'ok', 'SENTINEL CKQUORUM: enough sentinels to reach quorum and authorise a failover.'));
  else if (m.ckquorum.notPermitted) kids.push(failed(id(`${base}.quorum`), 'Quorum', m.ckquorum, 'SENTINEL CKQUORUM'));
  else kids.push(item(id(`${base}.quorum`), 'Quorum', String(quorum), /^NOQUORUM/.test(m.ckquorum.error) ? 'problem' : 'unknown',
    /^NOQUORUM/.test(m.ckquorum.error) ? `SENTINEL CKQUORUM: ${m.ckquorum.error}` : `SENTINEL CKQUORUM failed: ${m.ckquorum.error}`));
  if (m.replicas.ok) {
    const ok = m.replicas.value.filter(r => !isDown(r)).length;
    const n = m.replicas.value.length;
    kids.push(item(id(`${base}.replicas`), 'Replicas', `${ok} of ${n} ok`, ok < n ? 'warning' : 'ok',
      ok < n ? `${n - ok} replica(s) flagged down: ${m.replicas.value.filter(isDown).map(r => `${r.ip}:${r.port}`).join(', ')}.` : n ? 'Every replica known to the sentinel is up.' : 'The sentinel knows no replica: a failover would have no candidate.'));
  } else kids.push(failed(id(`${base}.replicas`), 'Replicas', m.replicas, 'SENTINEL REPLICAS'));
  if (m.sentinels.ok) {
    const okOthers = m.sentinels.value.filter(s => !isDown(s)).length;
    const ok = okOthers + 1; // this sentinel
    const n = m.sentinels.value.length + 1;
    const st: HealthStatus = ok < quorum ? 'problem' : ok < n ? 'warning' : 'ok';
    kids.push(item(id(`${base}.sentinels`), 'Sentinels', `${ok} of ${n} ok (quorum ${quorum})`, st,
      st === 'problem' ? `Only ${ok} sentinel(s) up, fewer than the quorum of ${quorum}: no failover possible.` : st === 'warning' ? `${n - ok} sentinel(s) flagged down.` : 'Every sentinel is up.'));
  } else kids.push(failed(id(`${base}.sentinels`), 'Sentinels', m.sentinels, 'SENTINEL SENTINELS'));
  return group(id(base), `Master ${m.name}`, kids, `${f.ip}:${f.port}`);
}

function sentinelGroup(s: SentinelSnapshot | undefined, masterName: string | undefined, id: (x: string) => string): HealthItem {
  if (!s) return group(id('sentinel'), 'Sentinel', [item(id('sentinel.connection'), 'Sentinel', 'unreachable', 'problem', 'No sentinel answered.')]);
  const kids: HealthItem[] = [];
  kids.push(s.ping.ok
    ? item(id('sentinel.connection'), 'Sentinel', s.address, 'ok', `Answering${s.rttMs !== undefined ? ` (${fmtMs(s.rttMs)} round trip)` : ''}.`)
    : item(id('sentinel.connection'), 'Sentinel', s.address, s.ping.notPermitted ? 'not-permitted' : 'problem', s.stateMessage ?? s.ping.error));
  if (!s.masters.ok) kids.push(failed(id('sentinel.masters'), 'Masters', s.masters, 'SENTINEL MASTERS'));
  else {
    if (masterName && !s.masters.value.some(m => m.name === masterName)) kids.push(item(id('sentinel.masters'), 'Masters', 'missing', 'problem', `The sentinel does not monitor a master named "${masterName}".`));
    for (const m of s.masters.value) kids.push(sentinelMasterItem(m, id));
  }
  return group(id('sentinel'), 'Sentinel', kids, s.address);
}

// ---------------------------------------------------------------------------
// cluster

function clusterGroup(members: Array<{ node: ClusterNode; snapshot: NodeSnapshot | undefined }>, t: Thresholds, now: number): HealthItem {
  const kids: HealthItem[] = [];
  const withInfo = members.find(m => m.node.myself && m.snapshot?.clusterInfo?.ok) ?? members.find(m => m.snapshot?.clusterInfo?.ok);
  const ci = withInfo?.snapshot?.clusterInfo?.ok ? withInfo.snapshot.clusterInfo.value : undefined;
  if (ci) {
    const state = ci.cluster_state;
    kids.push(item('cluster.state', 'State', state ?? '?', state === 'ok' ? 'ok' : 'problem',
      state === 'ok' ? `cluster_state:ok (as seen by ${withInfo!.snapshot!.address}).` : `cluster_state:${state}: the cluster refuses queries for some or all keys.`));
    const assigned = Number(ci.cluster_slots_assigned ?? 0);
    const okSlots = Number(ci.cluster_slots_ok ?? 0);
    const pfail = Number(ci.cluster_slots_pfail ?? 0);
    const failSlots = Number(ci.cluster_slots_fail ?? 0);
    const full = assigned === 16384 && okSlots === 16384;
    kids.push(item('cluster.slots', 'Slots', `${okSlots} of 16384 ok`, full ? 'ok' : 'problem',
      full ? 'Every hash slot is assigned to a working primary.' : `${16384 - assigned} unassigned, ${pfail} possibly failing, ${failSlots} failing: keys in those slots cannot be served.`));
    kids.push(item('cluster.size', 'Shards', `${ci.cluster_size ?? '?'} primaries serving slots, ${ci.cluster_known_nodes ?? '?'} nodes known`, 'ok', 'cluster_size / cluster_known_nodes.'));
  } else {
    const r = members.map(m => m.snapshot?.clusterInfo).find(x => x && !x.ok) as Failed | undefined;
    kids.push(r ? failed('cluster.state', 'State', r, 'CLUSTER INFO') : item('cluster.state', 'State', 'unknown', 'unknown', 'No node answered CLUSTER INFO.'));
  }
  const nodeItems = members.map(({ node, snapshot }) => {
    const short = node.id.slice(0, 8);
    const prefix = `cluster.node.${short}.`;
    const childGroups = snapshot ? evaluateNode(snapshot, t, now, prefix) : [];
    const info = snapshot?.info.ok ? snapshot.info.value : undefined;
    const keys = keyspaceOf(info).reduce((a, k) => a + k.keys, 0);
    const mem = infoNum(info, 'memory', 'used_memory');
    let st: HealthStatus = 'ok';
    let why = `${node.role === 'master' ? 'Primary' : 'Replica'}; flags ${node.flags.join(',')}; link ${node.linkState}.`;
    if (node.failing === 'fail') { st = 'problem'; why = `Flagged fail by the cluster. ${why}`; }
    else if (node.failing === 'pfail') { st = 'warning'; why = `Flagged fail? (possibly failing) by ${members.find(m => m.node.myself)?.node.host ?? 'the seed'}. ${why}`; }
    else if (node.linkState !== 'connected' && !node.myself) { st = 'warning'; why = `Cluster bus link ${node.linkState}. ${why}`; }
    if (!snapshot) { st = st === 'ok' ? 'unknown' : st; why = `No connection to this node (no address). ${why}`; }
    else if (snapshot.state && snapshot.state !== 'ready') { st = 'problem'; why = `Our connection: ${snapshot.state}${snapshot.stateMessage ? ` — ${snapshot.stateMessage}` : ''}. ${why}`; }
    const inner = groupStatus(childGroups);
    if (STATUS_RANK[inner] > STATUS_RANK[st] && (inner === 'warning' || inner === 'problem')) { st = inner; why = `${why} See the node's checks.`; }
    const role = node.role === 'master' ? 'primary' : node.role === 'replica' ? `replica of ${members.find(m => m.node.id === node.masterId)?.node.host ?? '?'}:${members.find(m => m.node.id === node.masterId)?.node.port ?? '?'}` : 'unknown role';
    const value = [role, node.role === 'master' ? `${node.slotCount} slots` : undefined, info ? `${keys} keys` : undefined, mem !== undefined ? fmtBytes(mem) : undefined].filter(Boolean).join(' · ');
    return { id: `cluster.node.${short}`, label: `${node.host}:${node.port}`, value, status: st, why, children: childGroups } as HealthItem;
  });
  const nodesGroup: HealthItem = {
    id: 'cluster.nodes', label: 'Nodes', value: `${members.length} nodes`, status: groupStatus(nodeItems),
    why: 'Every node from CLUSTER NODES, each checked over its own connection.', children: nodeItems,
  };
  kids.push(nodesGroup);
  return group('cluster', 'Cluster', kids, ci?.cluster_state ? `state ${ci.cluster_state}` : undefined);
}

// ---------------------------------------------------------------------------
// what the round trip managed to check

export interface Coverage {
  /** PING and INFO answered on every data node. */
  essential: boolean;
  /** At least one command was answered. */
  any: boolean;
  /** Why the round trip was cut short (connection lost, timeout, reply too large), when it was. */
  cutShort?: string;
}

export function coverage(snapshot: Snapshot): Coverage {
  const nodes: NodeSnapshot[] = snapshot.kind === 'cluster'
    ? (snapshot.cluster?.members ?? []).flatMap(m => (m.snapshot ? [m.snapshot] : []))
    : snapshot.node ? [snapshot.node] : [];
  const results = (n: NodeSnapshot): Array<Result<unknown> | undefined> => [n.ping, n.info, n.slowlogLen, n.slowlog, n.latency, n.config, n.role, n.clusterInfo, n.clusterNodes];
  const s = snapshot.sentinel;
  const any = nodes.some(n => results(n).some(r => r?.ok)) || !!(s && (s.ping.ok || s.info.ok || s.masters.ok));
  const cut = nodes.find(n => n.cutShort !== undefined);
  return {
    essential: nodes.length > 0 && nodes.every(n => n.ping.ok && n.info.ok),
    any,
    ...(cut ? { cutShort: `${cut.address}: ${cut.cutShort}` } : {}),
  };
}

// ---------------------------------------------------------------------------

/** Snapshot → tree items. `thresholds` override the defaults; `now` (epoch ms) is used for ages. */
export function evaluate(snapshot: Snapshot, thresholds: Partial<Thresholds> = {}, now = Date.now()): HealthItem[] {
  const t = resolveThresholds(thresholds);
  const id = (s: string) => s;
  if (snapshot.kind === 'cluster') {
    const members = snapshot.cluster?.members ?? [];
    if (!members.length) return [group('cluster', 'Cluster', [item('cluster.state', 'State', snapshot.state, 'problem', snapshot.stateMessage ?? 'No cluster node answered.')])];
    return [clusterGroup(members, t, now)];
  }
  const out: HealthItem[] = [];
  if (snapshot.node) out.push(...evaluateNode(snapshot.node, t, now));
  else out.push(group('server', 'Server', [item('server.ping', 'Responding', snapshot.state, 'problem', snapshot.stateMessage ?? 'Not connected.')], snapshot.state));
  if (snapshot.kind === 'sentinel') out.push(sentinelGroup(snapshot.sentinel, snapshot.masterName, id));
  return out;
}
