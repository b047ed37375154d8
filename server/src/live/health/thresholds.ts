/**
 * Health thresholds: the defaults follow the production guide and common alert rules;
 * every value can be overridden by a (partial) settings object.
 *
 * Public API: interface Thresholds, DEFAULT_THRESHOLDS, resolveThresholds(overrides?)
 */

export interface Thresholds {
  /** used_memory above this % of maxmemory → warning. */
  memoryWarnPct: number;
  /** used_memory above this % of maxmemory → problem. */
  memoryProblemPct: number;
  /** Without maxmemory: used_memory above this % of total_system_memory → warning. */
  memorySystemWarnPct: number;
  /** mem_fragmentation_ratio above this → warning … */
  fragmentationHigh: number;
  /** … but only when used_memory is above this many bytes (small instances always look fragmented). */
  fragmentationMinUsedBytes: number;
  /** mem_fragmentation_ratio below this → warning (memory swapped out). */
  fragmentationLow: number;
  /** rejected_connections above this → warning. */
  rejectedConnectionsWarn: number;
  /** connected_clients above this % of maxclients → warning. */
  clientsWarnPct: number;
  /** Last successful RDB save older than this many seconds → warning (only when save points are configured). */
  rdbMaxAgeSec: number;
  /** Status when AOF is off. */
  aofOffStatus: 'ok' | 'warning' | 'problem';
  /** Status when neither AOF nor RDB save points are configured. */
  noPersistenceStatus: 'ok' | 'warning' | 'problem';
  /** Replica lag above this many seconds → warning. */
  replicaLagWarnSec: number;
  /** PING round trip above this many ms → warning. */
  pingWarnMs: number;
  /** A slow log entry newer than this many seconds → warning (0 = never warn). */
  slowlogRecentSec: number;
  /** A latency-monitor event newer than this many seconds → warning (0 = never warn). */
  latencyEventRecentSec: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  memoryWarnPct: 80,
  memoryProblemPct: 90,
  memorySystemWarnPct: 80,
  fragmentationHigh: 1.5,
  fragmentationMinUsedBytes: 100 * 1024 * 1024,
  fragmentationLow: 1,
  rejectedConnectionsWarn: 0,
  clientsWarnPct: 90,
  rdbMaxAgeSec: 24 * 3600,
  aofOffStatus: 'warning',
  noPersistenceStatus: 'warning',
  replicaLagWarnSec: 10,
  pingWarnMs: 10,
  slowlogRecentSec: 3600,
  latencyEventRecentSec: 900,
});

/** Defaults with the given overrides applied (unknown keys and wrongly typed values are ignored). */
export function resolveThresholds(overrides: Partial<Thresholds> | Record<string, unknown> = {}): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (!(k in DEFAULT_THRESHOLDS)) continue;
    const def = (DEFAULT_THRESHOLDS as unknown as Record<string, unknown>)[k];
    if (typeof def === 'number' && typeof v === 'number' && Number.isFinite(v)) (out as unknown as Record<string, unknown>)[k] = v;
    if (typeof def === 'string' && (v === 'ok' || v === 'warning' || v === 'problem')) (out as unknown as Record<string, unknown>)[k] = v;
  }
  return out;
}
