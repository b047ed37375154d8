/**
 * TEMPORARY stand-in for the engine's groupDeployments (issue14-deploy), with its signature:
 * one deployment per folder with more than one file. Deleted once that branch is merged.
 */
import * as nodePath from 'path';
import type { DeploymentLike, MemberLike } from './deployment-model';

export function groupInFolders(files: Array<{ path: string; text: string }>, _options?: { manifest?: { path: string; text: string }; server?: string }): DeploymentLike[] {
  const byFolder = new Map<string, MemberLike[]>();
  for (const f of files) {
    const word = (name: string) => new RegExp(`^[ \\t]*${name}[ \\t]+(.*)$`, 'mi').exec(f.text)?.[1].trim().split(/\s+/);
    const monitor = word('sentinel[ \\t]+monitor');
    const replicaof = word('(?:replicaof|slaveof)');
    const role: MemberLike['role'] = monitor ? 'sentinel' : replicaof ? 'replica' : 'primary';
    const port = Number(word('port')?.[0] ?? (role === 'sentinel' ? 26379 : 6379));
    const m: MemberLike = { path: f.path, role, host: '127.0.0.1', port };
    if (monitor) { m.monitorName = monitor[0]; m.follows = { host: monitor[1], port: Number(monitor[2]) }; }
    if (replicaof) m.follows = { host: replicaof[0], port: Number(replicaof[1]) };
    const dir = nodePath.dirname(f.path);
    byFolder.set(dir, [...(byFolder.get(dir) ?? []), m]);
  }
  return [...byFolder.entries()].filter(([, ms]) => ms.length > 1).map(([dir, members]) => ({
    name: nodePath.basename(dir), kind: members.some(m => m.role === 'sentinel') ? 'sentinel' : 'replication', members, source: 'inferred',
  }));
}
