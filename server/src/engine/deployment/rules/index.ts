/** Every cross-file rule, in code order. */
import type { DeploymentRule } from './types';
import { replicaAuthMismatch } from './RG401-replica-auth-mismatch';
import { renameMismatch } from './RG402-rename-mismatch';
import { failoverWritableReplica } from './RG403-failover-writable-replica';
import { sentinelMonitorTarget } from './RG404-sentinel-monitor-target';
import { sentinelQuorumCount } from './RG405-sentinel-quorum-count';
import { sentinelAuthMismatch } from './RG406-sentinel-auth-mismatch';
import { announceInconsistent } from './RG407-announce-inconsistent';
import { portClash } from './RG408-port-clash';
import { tlsMixed } from './RG409-tls-mixed';
import { primaryWithoutPersistence } from './RG410-primary-without-persistence';
import { minReplicasUnreachable } from './RG411-min-replicas-unreachable';

export const DEPLOYMENT_RULES: DeploymentRule[] = [
  replicaAuthMismatch,
  renameMismatch,
  failoverWritableReplica,
  sentinelMonitorTarget,
  sentinelQuorumCount,
  sentinelAuthMismatch,
  announceInconsistent,
  portClash,
  tlsMixed,
  primaryWithoutPersistence,
  minReplicasUnreachable,
];
