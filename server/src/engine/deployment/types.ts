/**
 * Deployments: the config files of one primary, its replicas and Sentinels (or of one
 * cluster), checked together. Shared by the cross-file checks (engine), the CLI, the
 * language server and the sidebar, so it is plain data.
 */
import type { Finding } from '../findings';

export type MemberRole = 'primary' | 'replica' | 'sentinel' | 'cluster-node' | 'standalone';

/** One server of a deployment and the config file it starts from. */
export interface DeploymentMember {
  /** Absolute path of the config file. */
  path: string;
  role: MemberRole;
  /** Where it runs, as clients and the other members reach it (manifest `host`, else announce-ip / first non-loopback bind, else 127.0.0.1). */
  host: string;
  /** Its port: the file's `port` (6379, or 26379 for a Sentinel, when the file has none), or the manifest's. */
  port: number;
  /** For a replica: the primary it follows (`replicaof`); for a Sentinel: the first primary it monitors. */
  follows?: { host: string; port: number };
  /** For a Sentinel: the primary's name in `sentinel monitor NAME …`. */
  monitorName?: string;
}

export interface Deployment {
  /** The manifest's name, else the folder's name. */
  name: string;
  kind: 'sentinel' | 'replication' | 'cluster';
  members: DeploymentMember[];
  /** 'manifest' when a redis-guard.json / .redis-guard.yaml named the members, 'inferred' otherwise. */
  source: 'manifest' | 'inferred';
  /** The manifest file, when there is one. */
  manifestPath?: string;
  /** What is wrong with the manifest (invalid JSON, a member naming a file that was not given, …); checkDeployment reports each as RG400 on the manifest. */
  problems?: string[];
}

/** Another file's line a cross-file finding points at (LSP related information). */
export interface RelatedPlace {
  path: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  message: string;
}

/** A finding of a cross-file check, placed in one member's file and pointing at the others involved. */
export interface DeploymentFinding extends Finding {
  /** The file the finding is in. */
  path: string;
  related: RelatedPlace[];
}
