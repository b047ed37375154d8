/**
 * Add Deployment from Config Files, the pure part (no `vscode`): how a deployment found in the
 * workspace's config files becomes connections (one per member, with its role and file), which
 * passwords to ask for (once per distinct auth), what adding it again changes, and the texts
 * the QuickPick and the tree show. Secrets read from files are held here only to be stored in
 * SecretStorage; no text built here contains one.
 */
import * as crypto from 'crypto';
import * as nodePath from 'path';
import type { ConnectionProfile, DeploymentMembership, Secrets } from '../../../server/src/live/redis/connection';
import { profileFromConfigText } from '../../../server/src/live/profile-from-config';
import { parse, ConfigView, resolveTarget, Target } from '../../../server/src/engine';
import type { Deployment, DeploymentMember, MemberRole } from '../../../server/src/engine';

/** Data nodes first (primary, replicas, cluster nodes), then the Sentinels; each group by port. */
const ROLE_ORDER: Record<MemberRole, number> = { primary: 0, standalone: 1, 'cluster-node': 2, replica: 3, sentinel: 4 };

export function orderedMembers(d: Deployment): DeploymentMember[] {
  return [...d.members].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.port - b.port || a.path.localeCompare(b.path));
}

export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** The folder all members' files are in (the longest common one). */
function commonFolder(paths: string[]): string {
  if (!paths.length) return '';
  const split = paths.map(p => nodePath.dirname(p).split(nodePath.sep));
  const out: string[] = [];
  for (let i = 0; split.every(s => i < s.length && s[i] === split[0][i]); i++) out.push(split[0][i]);
  return out.join(nodePath.sep) || nodePath.sep;
}

/**
 * Stable across runs: the manifest, else the name and the folder of the members. Adding the
 * deployment again finds its connections by it. A cluster and a Sentinel set in one folder are
 * two deployments of one name, so a cluster's key says so; replication and Sentinel share one
 * (adding a Sentinel's file to a replication deployment updates it).
 */
export function deploymentKey(d: Deployment): string {
  return d.manifestPath ? `manifest:${d.manifestPath}` : `folder:${commonFolder(d.members.map(m => m.path))}#${d.name}${d.kind === 'cluster' ? '#cluster' : ''}`;
}

/** One connection id per member file of a deployment, the same every time it is added. */
export function memberId(key: string, path: string): string {
  return `deployment-${crypto.createHash('sha256').update(`${key}\0${path}`).digest('hex').slice(0, 16)}`;
}

/** "primary 127.0.0.1:7001": the member's row in the tree, under its deployment. */
export function memberLabel(m: Pick<DeploymentMember, 'role' | 'host' | 'port'>): string {
  return `${m.role} ${hostPort(m.host, m.port)}`;
}

/** The connection's name (status bar, pickers, log): the deployment's name and the member's row. */
export function memberName(d: Deployment, m: DeploymentMember): string {
  return `${d.name}: ${memberLabel(m)}`;
}

/** The QuickPick item of a deployment: name, kind and size, and every member with its role and address. */
export function pickItem(d: Deployment, relative: (p: string) => string = p => p): { label: string; description: string; detail: string } {
  const n = d.members.length;
  const problems = d.problems?.length ? ` · ${d.problems.length} manifest problem${d.problems.length === 1 ? '' : 's'}` : '';
  return {
    label: d.name,
    description: `${d.kind} · ${n} member${n === 1 ? '' : 's'}${d.manifestPath ? ` · ${relative(d.manifestPath)}` : ''}${problems}`,
    detail: orderedMembers(d).map(m => `${memberLabel(m)} (${nodePath.basename(m.path)})`).join(', '),
  };
}

const target7 = (): Target => resolveTarget('redis@7.2') as Target;

function fileValue(text: string | undefined, name: string): string | undefined {
  if (text === undefined) return undefined;
  return new ConfigView(parse(text), target7()).get(name)?.values[0] || undefined;
}

/**
 * One password question: the members that share an auth. Data nodes share one when their files
 * set the same `requirepass` (or none); Sentinels likewise for their own `requirepass`.
 */
export interface AuthGroup {
  key: string;
  kind: 'data' | 'sentinel';
  /** "primary 127.0.0.1:7001, replica 127.0.0.1:7002": who uses this password. */
  label: string;
  paths: string[];
  /** Whether the files set a password (then "use the one in the files" is offered; the value stays in `fromFiles`). */
  inFiles: boolean;
  /** Whether the files define ACL users (`user` lines or an `aclfile`): then a user name is asked for too. */
  users: boolean;
}

/** The groups and, apart from them (never in a text), the passwords the files set. */
export function authGroups(d: Deployment, texts: ReadonlyMap<string, string>): { groups: AuthGroup[]; fromFiles: Map<string, string> } {
  const groups = new Map<string, AuthGroup & { members: DeploymentMember[] }>();
  const fromFiles = new Map<string, string>();
  for (const m of orderedMembers(d)) {
    const kind = m.role === 'sentinel' ? 'sentinel' : 'data';
    const text = texts.get(m.path);
    const pw = fileValue(text, 'requirepass');
    const users = text !== undefined && (fileValue(text, 'aclfile') !== undefined || new ConfigView(parse(text), target7()).all('user').length > 0);
    const key = `${kind}:${pw === undefined ? 'none' : crypto.createHash('sha256').update(pw).digest('hex').slice(0, 16)}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, kind, label: '', paths: [], inFiles: pw !== undefined, users: false, members: [] };
      groups.set(key, g);
      if (pw !== undefined) fromFiles.set(key, pw);
    }
    g.paths.push(m.path);
    g.members.push(m);
    g.users ||= users;
  }
  const out = [...groups.values()].map(({ members, ...g }) => ({ ...g, label: members.map(memberLabel).join(', ') }));
  return { groups: out, fromFiles };
}

/** The data group a Sentinel needs to reach its primary: the one of the member it monitors, else of the primary, else the first. */
function dataGroupOf(d: Deployment, sentinel: DeploymentMember, groups: AuthGroup[]): AuthGroup | undefined {
  const f = sentinel.follows;
  const target = (f && d.members.find(m => m.role !== 'sentinel' && m.port === f.port && (m.host === f.host || isLoopback(m.host) && isLoopback(f.host))))
    ?? d.members.find(m => m.role === 'primary');
  const data = groups.filter(g => g.kind === 'data');
  return (target && data.find(g => g.paths.includes(target.path))) ?? data[0];
}

const isLoopback = (h: string) => h === 'localhost' || h === '::1' || h.startsWith('127.');

/**
 * The answer to one password question: keep what is stored (password and user name), or store
 * this ('' = no password, which deletes a stored one), with an ACL user name or the default user.
 */
export type PasswordAnswer = { kind: 'keep' } | { kind: 'set'; value: string; username?: string };

/** What each member's connection stores, by connection id (a field left undefined keeps the stored secret). */
export function secretsFor(d: Deployment, key: string, groups: AuthGroup[], answers: ReadonlyMap<string, PasswordAnswer>): Map<string, Secrets> {
  const out = new Map<string, Secrets>();
  const value = (g: AuthGroup | undefined): string | undefined => {
    const a = g ? answers.get(g.key) : undefined;
    return a === undefined ? '' : a.kind === 'keep' ? undefined : a.value;
  };
  const groupOf = (m: DeploymentMember) => groups.find(g => g.paths.includes(m.path) && g.kind === (m.role === 'sentinel' ? 'sentinel' : 'data'));
  for (const m of d.members) {
    const id = memberId(key, m.path);
    if (m.role === 'sentinel') out.set(id, { password: value(dataGroupOf(d, m, groups)), sentinelPassword: value(groupOf(m)) });
    else out.set(id, { password: value(groupOf(m)) });
  }
  return out;
}

/**
 * The profiles with the ACL user names the answers give (not secret: they go to settings). A
 * Sentinel connection's `username` is the data nodes' (it reaches the primary with it), its
 * `sentinelUsername` its own; "keep" keeps the stored profile's.
 */
export function withUsers(d: Deployment, profiles: ConnectionProfile[], groups: AuthGroup[], answers: ReadonlyMap<string, PasswordAnswer>, existing: readonly ConnectionProfile[]): ConnectionProfile[] {
  const user = (g: AuthGroup | undefined, p: ConnectionProfile, field: 'username' | 'sentinelUsername'): string | undefined => {
    const a = g ? answers.get(g.key) : undefined;
    if (a?.kind === 'keep') return existing.find(e => e.id === p.id)?.[field];
    return a?.username || undefined;
  };
  return profiles.map(p => {
    const m = d.members.find(x => x.path === p.member?.configFile);
    if (!m) return p;
    const own = groups.find(g => g.paths.includes(m.path) && g.kind === (m.role === 'sentinel' ? 'sentinel' : 'data'));
    const { username: _u, sentinelUsername: _s, ...rest } = p;
    const out: ConnectionProfile = { ...rest };
    const data = m.role === 'sentinel' ? user(dataGroupOf(d, m, groups), p, 'username') : user(own, p, 'username');
    if (data) out.username = data;
    if (m.role === 'sentinel') { const su = user(own, p, 'sentinelUsername'); if (su) out.sentinelUsername = su; }
    return out;
  });
}

/** One connection per member: data nodes as standalone connections, Sentinels as sentinel connections to the primary they monitor. */
export function connectionsFor(d: Deployment, texts: ReadonlyMap<string, string>): ConnectionProfile[] {
  const key = deploymentKey(d);
  return orderedMembers(d).map(m => {
    const member: DeploymentMembership = { deployment: key, deploymentName: d.name, role: m.role, configFile: m.path };
    const base: ConnectionProfile = { id: memberId(key, m.path), name: memberName(d, m), kind: 'standalone', member };
    if (m.role === 'sentinel') {
      return { ...base, kind: 'sentinel', sentinels: [{ host: m.host, port: m.port }], masterName: m.monitorName ?? 'mymaster' };
    }
    const text = texts.get(m.path);
    // TLS and renamed commands (CONFIG GET for drift) as the file says; the address is the member's
    const fromFile = text !== undefined ? profileFromConfigText(text, m.path).profile : undefined;
    const tls = fromFile?.tls;
    const port = tls && fromFile?.url ? Number(new URL(fromFile.url).port) || m.port : m.port;
    return {
      ...base,
      url: `${tls ? 'rediss' : 'redis'}://${hostPort(m.host, port)}`,
      ...(tls ? { tls } : {}),
      ...(fromFile?.renames ? { renames: fromFile.renames } : {}),
    };
  });
}

/** What adding the deployment does to the stored connections: new ones, ones it updates, and members no longer in the files. */
export function plan(existing: readonly ConnectionProfile[], wanted: readonly ConnectionProfile[]): { added: ConnectionProfile[]; updated: ConnectionProfile[]; removed: ConnectionProfile[] } {
  const key = wanted[0]?.member?.deployment;
  const ids = new Set(existing.map(p => p.id));
  const wantedIds = new Set(wanted.map(p => p.id));
  return {
    added: wanted.filter(p => !ids.has(p.id)),
    updated: wanted.filter(p => ids.has(p.id)),
    removed: existing.filter(p => key !== undefined && p.member?.deployment === key && !wantedIds.has(p.id)),
  };
}

/** A member's connection state in a few words: "unreachable: connection refused", "authentication failed", … */
export function memberStateText(state: string, message: string | undefined): string {
  switch (state) {
    case 'down': {
      // "cannot connect to 127.0.0.1:7001: connection refused" → "connection refused"
      const why = message?.match(/: ([^:]+)$/)?.[1]?.trim();
      return `unreachable${why ? `: ${why}` : ''}`;
    }
    case 'auth-failed': return 'authentication failed';
    case 'tls-error': return 'TLS handshake failed';
    case 'stalled': return 'unreachable: no answer';
    case 'loading': return 'loading its dataset';
    case 'connecting': return 'connecting…';
    case 'idle': return 'not connected yet';
    default: return state;
  }
}
