/** What a cross-file rule is: metadata like a file rule's, and a check over a whole deployment. */
import type { Setting } from '../../config-view';
import type { Family, Level, Profile, Where } from '../../rules/types';
import type { Deployment, DeploymentMember } from '../types';
import type { FileView } from '../view';

/** A member and its file. */
export interface MemberFile { member: DeploymentMember; view: FileView }

export interface DeploymentRuleMeta {
  code: string;
  name: string;
  family: Family;
  summary: string;
  severity: Record<Profile, Level>;
}

export interface DeploymentReport {
  /** The member whose file gets the finding. */
  in: MemberFile;
  at: Where;
  message: string;
  details?: string;
  /** The other files' lines involved. */
  related: Array<{ in: MemberFile; at: Where; message: string }>;
}

export interface DeploymentContext {
  deployment: Deployment;
  members: MemberFile[];
  primaries: MemberFile[];
  replicas: MemberFile[];
  sentinels: MemberFile[];
  nodes: MemberFile[];
  /** The primary a replica or Sentinel address points at (else the only primary, when there is one). */
  primaryOf(host: string, port: number): MemberFile | undefined;
  report(r: DeploymentReport): void;
}

export interface DeploymentRule {
  meta: DeploymentRuleMeta;
  check(ctx: DeploymentContext): void;
}

/** Where a setting is, or (for a missing one) the file's first directive line. */
export function placeOf(view: FileView, s?: Setting): Where {
  const d = s?.directive ?? view.file.directives[0];
  if (!d) return { line: 0, character: 0, endLine: 0, endCharacter: 0 };
  return { line: d.line.index, character: d.line.start, endLine: d.line.index, endCharacter: d.line.end };
}

/** "primary.conf" for messages: the file's name. */
export function nameOf(m: MemberFile): string {
  return m.view.path.split(/[\\/]/).pop() ?? m.view.path;
}
