/**
 * Which config files make one deployment (docs/deployments.md):
 *
 * - a manifest (`redis-guard.json`, or `.redis-guard.yaml` with the same fields) names a deployment and its members outright: file (relative
 *   to the manifest), and optionally role, host and port;
 * - otherwise the files of one folder are one candidate, and a file alone in its folder joins the
 *   candidate whose member its `replicaof` or `sentinel monitor` address points at (when exactly
 *   one does);
 * - a candidate is a deployment when it holds a replica, a Sentinel or a cluster node. Its members
 *   are those files and the files they point at; any other file in it (a standalone server nobody
 *   replicates from) belongs to no deployment and is checked on its own, as before.
 *
 * Roles: a Sentinel file (named *sentinel*.conf or holding `sentinel monitor`), a cluster node
 * (`cluster-enabled yes`), a replica (`replicaof HOST PORT`), a primary (a file a replica or
 * Sentinel points at, or the one data file left when replicas point at a name no file binds).
 */
import { parseDocument } from 'yaml';
import * as nodePath from 'path';
import type { Deployment, DeploymentMember, MemberRole } from './types';
import { FileView, viewOf, hostOf, listensAt, folderOf } from './view';

export interface DeploymentInput { path: string; text: string }

export interface GroupOptions {
  /** A `redis-guard.json` or `.redis-guard.yaml`; member files are relative to its folder. */
  manifest?: DeploymentInput;
  /** The configured target (e.g. "redis@7.2"); a file's own server= comment or name wins. */
  server?: string;
}

interface ManifestMember { file: string; role?: MemberRole; host?: string; port?: number }
interface Manifest { name?: string; kind?: Deployment['kind']; members: ManifestMember[] }

const ROLES: MemberRole[] = ['primary', 'replica', 'sentinel', 'cluster-node', 'standalone'];
const KINDS: Array<Deployment['kind']> = ['sentinel', 'replication', 'cluster'];

/** The manifest's file names: JSON, or the same fields in YAML. */
export const MANIFEST_NAMES = ['redis-guard.json', '.redis-guard.yaml', '.redis-guard.yml'] as const;

export const isManifestName = (name: string): boolean => (MANIFEST_NAMES as readonly string[]).includes(name);

/** A manifest's text, JSON or YAML by its name (YAML without aliases: a manifest needs none). */
function parseManifest(text: string, path: string): { raw: unknown } | { error: string } {
  const name = nodePath.basename(path);
  if (!/\.ya?ml$/i.test(name)) {
    try { return { raw: JSON.parse(text) }; } catch (e) { return { error: `${name} is not valid JSON: ${(e as Error).message}` }; }
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) return { error: `${name} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` };
  try { return { raw: doc.toJS({ maxAliasCount: 0 }) }; } catch { return { error: `${name} uses YAML aliases (*name), which a manifest may not: write each member out` }; }
}

/** A manifest's text read into its deployment, or what is wrong with it. */
function readManifest(text: string, path: string): { manifest: Manifest; problems: string[] } | { error: string } {
  const parsed = parseManifest(text, path);
  if ('error' in parsed) return parsed;
  const raw = parsed.raw;
  if (typeof raw !== 'object' || raw === null || !Array.isArray((raw as { members?: unknown }).members)) {
    return { error: `${nodePath.basename(path)} needs a "members" list: [{ "file": "primary.conf", "role": "primary", "host": "10.0.0.11", "port": 6379 }, …]` };
  }
  const r = raw as { name?: unknown; kind?: unknown; members: unknown[] };
  const problems: string[] = [];
  const members: ManifestMember[] = [];
  r.members.slice(0, 1000).forEach((m, i) => {
    const o = (typeof m === 'object' && m !== null ? m : {}) as Record<string, unknown>;
    if (typeof o.file !== 'string' || !o.file) { problems.push(`members[${i}] has no "file".`); return; }
    const member: ManifestMember = { file: o.file };
    if (o.role !== undefined) {
      if (ROLES.includes(o.role as MemberRole)) member.role = o.role as MemberRole;
      else problems.push(`members[${i}] ("${o.file}"): unknown role "${String(o.role)}"; use one of ${ROLES.join(', ')}.`);
    }
    if (typeof o.host === 'string' && o.host) member.host = o.host.toLowerCase();
    if (o.port !== undefined) {
      if (Number.isInteger(o.port) && (o.port as number) > 0 && (o.port as number) < 65536) member.port = o.port as number;
      else problems.push(`members[${i}] ("${o.file}"): "port" must be a number from 1 to 65535.`);
    }
    members.push(member);
  });
  const kind = KINDS.includes(r.kind as Deployment['kind']) ? r.kind as Deployment['kind'] : undefined;
  if (r.kind !== undefined && !kind) problems.push(`unknown "kind" "${String(r.kind)}"; use one of ${KINDS.join(', ')}.`);
  return { manifest: { name: typeof r.name === 'string' && r.name ? r.name : undefined, kind, members }, problems };
}

function roleOf(v: FileView): MemberRole {
  if (v.sentinel) return 'sentinel';
  if (v.cluster) return 'cluster-node';
  if (v.replicaof) return 'replica';
  return 'standalone';
}

function kindOf(members: DeploymentMember[]): Deployment['kind'] {
  if (members.some(m => m.role === 'cluster-node')) return 'cluster';
  return members.some(m => m.role === 'sentinel') ? 'sentinel' : 'replication';
}

function memberOf(v: FileView, role: MemberRole, host?: string, port?: number): DeploymentMember {
  const m: DeploymentMember = { path: v.path, role, host: host ?? hostOf(v), port: port ?? v.port };
  if (v.replicaof) m.follows = { host: v.replicaof.host, port: v.replicaof.port };
  if (v.monitors.length) { m.follows = { host: v.monitors[0].host, port: v.monitors[0].port }; m.monitorName = v.monitors[0].name; }
  return m;
}

/** Members of one candidate group of files: replicas, Sentinels and cluster nodes, and the files they point at. */
function membersOf(views: FileView[], hosts: Map<string, string[]>): DeploymentMember[] {
  const pointedAt = new Set<FileView>();
  const dataFiles = views.filter(v => !v.sentinel && !v.cluster);
  let unmatched = false;
  for (const v of views) {
    const targets = v.replicaof ? [v.replicaof] : v.monitors;
    for (const t of targets) {
      const hit = dataFiles.filter(d => d !== v && listensAt(d, t.host, t.port, hosts.get(d.path)));
      hit.forEach(h => pointedAt.add(h));
      if (!hit.length) unmatched = true;
    }
  }
  // replicas that point at a name no file binds (a container's service name): the one data file that follows nobody is the primary
  const roots = dataFiles.filter(d => !d.replicaof);
  if (unmatched && !pointedAt.size && roots.length === 1) pointedAt.add(roots[0]);
  const out: DeploymentMember[] = [];
  for (const v of views) {
    const role = roleOf(v);
    if (role === 'standalone' && !pointedAt.has(v)) continue;
    out.push(memberOf(v, role === 'standalone' ? 'primary' : role, hosts.get(v.path)?.[0]));
  }
  return out;
}

/** Files one grouping looks at (the matching is quadratic in the files of a folder); the rest are left out. */
export const MAX_GROUPED_FILES = 1000;

/** Groups config files into deployments; a file that belongs to none is not in the result. */
export function groupDeployments(files: DeploymentInput[], options: GroupOptions = {}): Deployment[] {
  const views = new Map<string, FileView>();
  for (const f of files.slice(0, MAX_GROUPED_FILES)) {
    const v = viewOf(nodePath.resolve(f.path), f.text, options.server);
    if (v && !views.has(v.path)) views.set(v.path, v);
  }
  const out: Deployment[] = [];
  const claimed = new Set<string>();

  if (options.manifest) {
    const manifestPath = nodePath.resolve(options.manifest.path);
    const base = nodePath.dirname(manifestPath);
    const folderName = nodePath.basename(base);
    const read = readManifest(options.manifest.text, manifestPath);
    if ('error' in read) {
      out.push({ name: folderName, kind: 'replication', members: [], source: 'manifest', manifestPath, problems: [read.error] });
    } else {
      const problems = [...read.problems];
      const members: DeploymentMember[] = [];
      const hosts = new Map<string, string[]>();
      for (const m of read.manifest.members) if (m.host) hosts.set(nodePath.resolve(base, m.file), [m.host]);
      for (const m of read.manifest.members) {
        const path = nodePath.resolve(base, m.file);
        const v = views.get(path);
        if (!v) { problems.push(`"${m.file}" is not among the config files that were read (missing, unreadable or too large).`); continue; }
        if (claimed.has(path)) { problems.push(`"${m.file}" is named twice.`); continue; }
        claimed.add(path);
        members.push(memberOf(v, m.role ?? roleOf(v), m.host, m.port));
      }
      // a data file that a replica or Sentinel of the manifest points at is its primary, unless the manifest says otherwise
      const named = read.manifest.members.map(m => ({ m, v: views.get(nodePath.resolve(base, m.file)) }));
      for (const member of members) {
        if (member.role !== 'standalone' || named.find(n => n.v?.path === member.path)?.m.role) continue;
        const v = views.get(member.path)!;
        if (members.some(o => o.follows && listensAt(v, o.follows.host, o.follows.port, hosts.get(v.path)))) member.role = 'primary';
      }
      out.push({ name: read.manifest.name ?? folderName, kind: read.manifest.kind ?? kindOf(members), members, source: 'manifest', manifestPath, ...(problems.length ? { problems } : {}) });
    }
  }

  // the files of one folder are one candidate; a file alone in its folder joins the candidate its replicaof / monitor address points at
  const byFolder = new Map<string, FileView[]>();
  for (const v of views.values()) {
    if (claimed.has(v.path)) continue;
    const list = byFolder.get(folderOf(v.path));
    if (list) list.push(v); else byFolder.set(folderOf(v.path), [v]);
  }
  const groups = [...byFolder.values()].filter(g => g.length > 1);
  const singles = [...byFolder.values()].filter(g => g.length === 1).map(g => g[0]);
  // singles among themselves: each joins what it points at, transitively, when exactly one file listens there
  const parent = new Map<FileView, FileView>();
  const find = (v: FileView): FileView => { let r = v; while (parent.has(r)) r = parent.get(r)!; return r; };
  const candidates = [...groups.flat(), ...singles];
  for (const v of singles) {
    for (const t of v.replicaof ? [v.replicaof] : v.monitors) {
      const hit = candidates.filter(d => d !== v && !d.sentinel && listensAt(d, t.host, t.port));
      if (hit.length === 1) { const a = find(v), b = find(hit[0]); if (a !== b) parent.set(a, b); }
    }
  }
  const merged = new Map<FileView, FileView[]>();
  for (const g of groups) for (const v of g.slice(1)) parent.set(v, g[0]);
  for (const v of candidates) {
    const r = find(v);
    const list = merged.get(r);
    if (list) list.push(v); else merged.set(r, [v]);
  }
  for (const group of merged.values()) {
    group.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const members = membersOf(group, new Map());
    if (!members.some(m => m.role !== 'primary' && m.role !== 'standalone')) continue;
    // cluster nodes and a Sentinel set in one folder are two deployments
    const cluster = members.filter(m => m.role === 'cluster-node');
    const rest = members.filter(m => m.role !== 'cluster-node');
    const folders = [...new Set(group.map(v => folderOf(v.path)))];
    const name = nodePath.basename(folders.length === 1 ? folders[0] : commonFolder(folders));
    if (cluster.length) out.push({ name, kind: 'cluster', members: cluster, source: 'inferred' });
    if (rest.some(m => m.role === 'replica' || m.role === 'sentinel')) out.push({ name, kind: kindOf(rest), members: rest, source: 'inferred' });
  }
  return out;
}

function commonFolder(folders: string[]): string {
  let common = folders[0];
  while (!folders.every(f => f === common || f.startsWith(common + nodePath.sep))) {
    const up = nodePath.dirname(common);
    if (up === common) break;
    common = up;
  }
  return common;
}
