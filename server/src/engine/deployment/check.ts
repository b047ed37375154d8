/**
 * Runs the cross-file rules over one deployment: each finding lands in one member's file, with
 * the level of its rule in that file's profile, unless a `# redis-guard-disable` comment there
 * turns it off, and points at the other files involved.
 */
import * as nodePath from 'path';
import { isIP } from 'net';
import type { Deployment, DeploymentFinding, RelatedPlace } from './types';
import type { Level, Profile } from '../rules/types';
import { LEVELS } from '../rules/types';
import { viewOf, listensAt } from './view';
import { DEPLOYMENT_RULES } from './rules';
import type { DeploymentContext, DeploymentReport, MemberFile } from './rules/types';
import { CODES } from '../messages';
import type { DeploymentInput } from './group';

export interface DeploymentCheckOptions {
  /** The configured target; a file's own server= comment or name wins. */
  server?: string;
  /** Default production; a file's `# redis-guard: profile=…` wins for the findings in it. */
  profile?: Profile;
  rules?: Record<string, Level>;
}

/** The cross-file findings of a deployment, given its members' texts (members whose text is missing are left out). */
export function checkDeployment(deployment: Deployment, files: DeploymentInput[], options: DeploymentCheckOptions = {}): DeploymentFinding[] {
  const out: DeploymentFinding[] = [];
  if (deployment.manifestPath) {
    for (const p of deployment.problems ?? []) {
      out.push({ path: deployment.manifestPath, line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'warning', code: CODES.badManifest, fatal: false, message: p, related: [] });
    }
  }
  const texts = new Map(files.map(f => [nodePath.resolve(f.path), f.text]));
  const members: MemberFile[] = [];
  for (const member of deployment.members) {
    const text = texts.get(nodePath.resolve(member.path));
    const view = text === undefined ? undefined : viewOf(nodePath.resolve(member.path), text, options.server);
    if (view) members.push({ member, view });
  }
  const primaries = members.filter(m => m.member.role === 'primary');
  const primaryOf = (host: string, port: number): MemberFile | undefined =>
    primaries.find(p => listensAt(p.view, host, port, [p.member.host]))
    // a host name no file binds (a container's service name, a DNS name): the only primary
    ?? (primaries.length === 1 && isIP(host) === 0 && host !== 'localhost' && !anyListens(members, host, port) ? primaries[0] : undefined);
  for (const rule of DEPLOYMENT_RULES) {
    const reports: DeploymentReport[] = [];
    const ctx: DeploymentContext = {
      deployment, members, primaries,
      replicas: members.filter(m => m.member.role === 'replica'),
      sentinels: members.filter(m => m.member.role === 'sentinel'),
      nodes: members.filter(m => m.member.role === 'cluster-node'),
      primaryOf,
      report: r => { if (reports.length < 1000) reports.push(r); },
    };
    try { rule.check(ctx); } catch { continue; }
    for (const r of reports) {
      const fd = r.in.view.directives;
      const profile = fd.profile ?? options.profile ?? 'production';
      const level = options.rules?.[rule.meta.code] ?? rule.meta.severity[profile];
      if (level === 'off' || !LEVELS.includes(level)) continue;
      if (fd.disabled.has(rule.meta.code) || fd.disabled.has('ALL')) continue;
      const off = fd.disabledLines.get(r.at.line);
      if (off && (off.has(rule.meta.code) || off.has('ALL'))) continue;
      const related: RelatedPlace[] = r.related.map(x => ({ path: x.in.view.path, ...x.at, message: x.message }));
      out.push({ path: r.in.view.path, ...r.at, severity: level, code: rule.meta.code, fatal: false, message: r.message, ...(r.details ? { details: r.details } : {}), related });
    }
  }
  return out;
}

/** Some data file (not only the primaries) listens at host:port. */
function anyListens(members: MemberFile[], host: string, port: number): boolean {
  return members.some(m => m.member.role !== 'sentinel' && listensAt(m.view, host, port, [m.member.host]));
}
