/**
 * Parsers for the text replies Redis Guard reads: INFO, CLUSTER INFO, CLUSTER NODES,
 * plus server identity (Redis / Valkey / Memurai, standalone / sentinel / cluster).
 * Pure functions, no I/O.
 *
 * Public API (kept stable; other modules and engineers rely on it):
 *   parseInfo(text): Info                         section (lower case) → field → value
 *       plain values stay strings; structured lines (`db0:keys=1,expires=0,avg_ttl=0`,
 *       `slave0:ip=…,port=…,state=online,offset=…,lag=…`, sentinel `master0:name=…`,
 *       commandstats / errorstats / latencystats / modules lines) become objects.
 *   infoStr(info, section, key) / infoNum(info, section, key)   typed lookups
 *   keyspaceOf(info): KeyspaceEntry[]             per-db keys / expires / avg_ttl
 *   replicasOf(info): ReplicaLine[]               a primary's `slaveN` lines
 *   detectServer(info): ServerIdentity            flavour, version, mode, role
 *   parseKeyValueLines(text)                      `key:value` lines (CLUSTER INFO)
 *   parseClusterNodes(text): ClusterNode[]        CLUSTER NODES
 *   parseFlatPairs(reply)                         [k, v, k, v, …] replies (CONFIG GET, SENTINEL MASTERS items)
 */

export type InfoValue = string | Record<string, string>;
/** section name (lower case, e.g. "server", "keyspace") → field → value. Lines before any `# Header` go to section "". */
export type Info = Record<string, Record<string, InfoValue>>;

/** Sections whose `k=v,k=v` values are split into objects. */
const STRUCTURED_SECTIONS = new Set(['keyspace', 'commandstats', 'errorstats', 'latencystats', 'modules', 'keysizes']);
/** Fields of other sections that are structured. */
const STRUCTURED_FIELDS: Record<string, RegExp> = {
  replication: /^slave\d+$/,
  sentinel: /^master\d+$/,
};
const KV_LIST = /^[A-Za-z0-9_.\-]+=[^,]*(,[A-Za-z0-9_.\-]+=[^,]*)*$/;

function splitKv(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Parses the reply of INFO (any sections). Tolerates \r\n or \n, blank lines and unknown sections. */
export function parseInfo(text: string): Info {
  const info: Info = {};
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (!line) continue;
    if (line.startsWith('#')) {
      section = line.replace(/^#+\s*/, '').trim().toLowerCase();
      info[section] ??= {};
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const fields = (info[section] ??= {});
    const structured = (STRUCTURED_SECTIONS.has(section) || STRUCTURED_FIELDS[section]?.test(key)) && KV_LIST.test(value);
    let k = key;
    for (let n = 1; k in fields; n++) k = `${key}_${n}`; // repeated keys (e.g. `module:` lines)
    fields[k] = structured ? splitKv(value) : value;
  }
  return info;
}

/** A plain string field, or undefined (missing, or structured). */
export function infoStr(info: Info | undefined, section: string, key: string): string | undefined {
  const v = info?.[section]?.[key];
  return typeof v === 'string' ? v : undefined;
}

/** A numeric field, or undefined when missing / not a number. */
export function infoNum(info: Info | undefined, section: string, key: string): number | undefined {
  const s = infoStr(info, section, key);
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

export interface KeyspaceEntry { db: number; keys: number; expires: number; avgTtlMs: number }

/** `db0:keys=1,expires=0,avg_ttl=0` lines of the keyspace section, sorted by db. */
export function keyspaceOf(info: Info | undefined): KeyspaceEntry[] {
  const out: KeyspaceEntry[] = [];
  for (const [key, v] of Object.entries(info?.keyspace ?? {})) {
    const m = /^db(\d+)$/.exec(key);
    if (!m || typeof v === 'string') continue;
    out.push({ db: Number(m[1]), keys: Number(v.keys ?? 0), expires: Number(v.expires ?? 0), avgTtlMs: Number(v.avg_ttl ?? 0) });
  }
  return out.sort((a, b) => a.db - b.db);
}

export interface ReplicaLine { name: string; ip: string; port: number; state: string; offset: number; lagSec: number | undefined }

/** The `slaveN:ip=…,port=…,state=…,offset=…,lag=…` lines of a primary's replication section. */
export function replicasOf(info: Info | undefined): ReplicaLine[] {
  const out: ReplicaLine[] = [];
  for (const [key, v] of Object.entries(info?.replication ?? {})) {
    if (!/^slave\d+$/.test(key) || typeof v === 'string') continue;
    out.push({
      name: key, ip: v.ip ?? '', port: Number(v.port ?? 0), state: v.state ?? 'unknown', offset: Number(v.offset ?? 0),
      lagSec: v.lag === undefined ? undefined : Number(v.lag),
    });
  }
  return out.sort((a, b) => Number(a.name.slice(5)) - Number(b.name.slice(5)));
}

export type Flavour = 'redis' | 'valkey' | 'memurai' | 'unknown';
export type ServerMode = 'standalone' | 'sentinel' | 'cluster';

export interface ServerIdentity {
  flavour: Flavour;
  /** The flavour's own version (valkey_version, memurai_version, or redis_version). */
  version: string | undefined;
  /** The Redis compatibility version every flavour reports (redis_version). */
  redisVersion: string | undefined;
  /** Memurai edition (e.g. "Memurai Developer") when reported. */
  edition: string | undefined;
  mode: ServerMode | undefined;
  /** role from the replication section: master / slave (sentinel has none). */
  role: string | undefined;
  /** e.g. "Redis 7.0.15", "Valkey 8.0.1 (Redis 7.2.4 compatible)". */
  display: string;
}

/** Tells Redis, Valkey and Memurai apart, and the mode the server runs in. */
export function detectServer(info: Info | undefined): ServerIdentity {
  const s = (k: string) => infoStr(info, 'server', k);
  const redisVersion = s('redis_version');
  const serverName = s('server_name')?.toLowerCase();
  const executable = (s('executable') ?? '').toLowerCase();
  let flavour: Flavour = 'unknown';
  let version: string | undefined;
  if (s('valkey_version') !== undefined || serverName === 'valkey') {
    flavour = 'valkey';
    version = s('valkey_version') ?? redisVersion;
  } else if (s('memurai_version') !== undefined || s('memurai_edition') !== undefined || /memurai(-sentinel)?(\.exe)?$/.test(executable)) {
    flavour = 'memurai';
    version = s('memurai_version') ?? redisVersion;
  } else if (redisVersion !== undefined) {
    flavour = 'redis';
    version = redisVersion;
  }
  const modeRaw = (s('server_mode') ?? s('redis_mode'))?.toLowerCase();
  const mode: ServerMode | undefined = modeRaw === 'standalone' || modeRaw === 'sentinel' || modeRaw === 'cluster' ? modeRaw : undefined;
  const name = { redis: 'Redis', valkey: 'Valkey', memurai: s('memurai_edition') ?? 'Memurai', unknown: 'Unknown server' }[flavour];
  let display = version ? `${name} ${version}` : name;
  if (flavour !== 'redis' && redisVersion && redisVersion !== version) display += ` (Redis ${redisVersion} compatible)`;
  return { flavour, version, redisVersion, edition: s('memurai_edition'), mode, role: infoStr(info, 'replication', 'role'), display };
}

/** `key:value` lines without sections (CLUSTER INFO). */
export function parseKeyValueLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) out[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return out;
}

/** [k1, v1, k2, v2, …] (RESP2 maps: CONFIG GET, SENTINEL MASTERS entries) → object. Also accepts a Map/object (RESP3). */
export function parseFlatPairs(reply: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  } else if (reply instanceof Map) {
    for (const [k, v] of reply) out[String(k)] = String(v);
  } else if (reply && typeof reply === 'object') {
    for (const [k, v] of Object.entries(reply)) out[k] = String(v);
  }
  return out;
}

export interface ClusterNode {
  id: string;
  /** Address other nodes and clients use ("" when the node has none yet). */
  host: string;
  port: number;
  busPort: number;
  hostname: string | undefined;
  flags: string[];
  role: 'master' | 'replica' | 'unknown';
  myself: boolean;
  /** Primary's id for a replica. */
  masterId: string | undefined;
  pingSent: number;
  pongReceived: number;
  configEpoch: number;
  linkState: 'connected' | 'disconnected' | string;
  /** Inclusive slot ranges served (migrating/importing markers are left out). */
  slots: Array<[number, number]>;
  slotCount: number;
  /** fail or fail? flag, or handshake/noaddr. */
  failing: 'fail' | 'pfail' | undefined;
}

/** Parses CLUSTER NODES: `<id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>…`. */
export function parseClusterNodes(text: string): ClusterNode[] {
  const out: ClusterNode[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [id, addr, flagText, master, ping, pong, epoch, link, ...slotText] = f;
    const m = /^(.*):(\d+)(?:@(\d+))?(?:,(.*))?$/.exec(addr);
    let host = m ? m[1] : '';
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    const flags = flagText.split(',');
    const slots: Array<[number, number]> = [];
    for (const s of slotText) {
      if (s.startsWith('[')) continue;
      const r = /^(\d+)(?:-(\d+))?$/.exec(s);
      if (r) slots.push([Number(r[1]), Number(r[2] ?? r[1])]);
    }
    out.push({
      id, host, port: m ? Number(m[2]) : 0, busPort: m && m[3] ? Number(m[3]) : 0, hostname: m?.[4] || undefined,
      flags,
      role: flags.includes('master') ? 'master' : flags.includes('slave') ? 'replica' : 'unknown',
      myself: flags.includes('myself'),
      masterId: master === '-' ? undefined : master,
      pingSent: Number(ping), pongReceived: Number(pong), configEpoch: Number(epoch), linkState: link,
      slots, slotCount: slots.reduce((n, [a, b]) => n + b - a + 1, 0),
      failing: flags.includes('fail') ? 'fail' : flags.includes('fail?') ? 'pfail' : undefined,
    });
  }
  return out;
}
