/**
 * Runs a key-pattern scan over a monitor's read-only connection(s) and turns the
 * result into rows for the tree (count, types, TTL share, memory, warnings).
 * Plain module, no `vscode`.
 */
import { scanKeyspace, scanPatterns, ScanResult, NodeConnector, ScanOptions } from './scan';
import { parseRedisUrl } from '../redis/connection';
import { openScanConnection } from '../redis/resp';
import { tlsFor, tlsOptionsFor } from '../redis/tls';
import { patternWarnings, PatternStats } from './infer';
import { fmtBytes, fmtMs, HealthStatus } from '../health/evaluate';
import type { Monitor } from '../health/monitor';
import { errorText } from '../redact';

export interface PatternScanOptions {
  keyBudget: number;
  timeBudgetMs: number;
  delimiters?: string[];
  pinned: string[];
  signal?: AbortSignal;
  onProgress?: (scanned: number, total?: number) => void;
}

export interface PatternRowData { label: string; description: string; tooltip: string; status: HealthStatus }

export async function runScan(monitor: Monitor, o: PatternScanOptions): Promise<ScanResult> {
  const live = monitor.connection();
  if (live.state === 'connecting') await live.whenSettled();
  const options: ScanOptions = {
    keyBudget: o.keyBudget, timeBudgetMs: o.timeBudgetMs, signal: o.signal,
    index: { delimiters: o.delimiters, pinned: o.pinned },
    onProgress: (p: { scanned: number; dbsize?: number }) => o.onProgress?.(p.scanned, p.dbsize),
  };
  if (live.kind === 'cluster') {
    // every primary through the cluster's own read-only node connections
    const connect: NodeConnector = async node => {
      const member = live.members().find(m => m.live && m.live.host === node.host && m.live.port === node.port);
      if (!member?.live) throw new Error(`no connection to ${node.host}:${node.port}`);
      return { client: member.live.client, close() { /* owned by the cluster link */ } };
    };
    return scanKeyspace(live.client, { ...options, connect });
  }
  if (live.kind === 'standalone' && monitor.profile.url) {
    // the scanner's own RESP connection: about a fifth of ioredis' client CPU for SCAN + TYPE + PTTL (BENCHMARKS.md)
    const u = parseRedisUrl(monitor.profile.url);
    const t = tlsFor(monitor.profile, u.tls);
    const tls = t ? tlsOptionsFor(t, u.host) : undefined;
    const conn = await openScanConnection({
      host: u.host, port: u.port, tls, username: monitor.profile.username ?? u.username, password: monitor.secretsForScan().password ?? u.password,
      db: monitor.profile.db ?? u.db, renames: monitor.profile.renames,
    });
    try {
      return await scanPatterns(conn.client, options);
    } finally {
      await conn.close();
    }
  }
  return scanPatterns(live.client, options);
}

export function rowsOf(result: ScanResult, evictionPolicy: string | undefined): PatternRowData[] {
  const warnings = evictionPolicy ? patternWarnings(result.patterns, evictionPolicy) : [];
  const approx = (s: PatternStats) => (s.approximate ? '~' : '');
  return result.patterns.map(s => {
    const w = warnings.filter(x => x.pattern === s.pattern);
    const types = Object.entries(s.types).sort((a, b) => b[1] - a[1]).map(([t, n]) => `${t} ${n}`).join(', ');
    // withTtl is extrapolated together with count, so the share is their ratio
    const ttlShare = s.count ? Math.round((100 * s.withTtl) / s.count) : 0;
    const ttl = s.withTtl ? `TTL ${fmtMs(s.ttlMin)}–${fmtMs(s.ttlMax)} (avg ${fmtMs(s.ttlAvg)})` : 'no TTL';
    const memory = s.sampled ? `${approx(s)}${fmtBytes(s.estimatedBytes)}` : 'memory not sampled';
    return {
      label: s.pattern,
      description: `${approx(s)}${s.count.toLocaleString('en-US')} keys · ${ttlShare}% with TTL · ${memory}`,
      tooltip: [`${s.pattern}: ${approx(s)}${s.count.toLocaleString('en-US')} keys${s.approximate ? ' (extrapolated to DBSIZE from a partial scan)' : ''}`,
        `types: ${types || 'none seen'}`, ttl, memory, ...w.map(x => `WARNING: ${x.message}. ${x.why}`)].join('\n\n'),
      status: w.length ? 'warning' : 'ok',
    };
  });
}

/** What the tree shows when a scan failed: the error's first line, redacted (servers echo arguments). */
export function scanFailureText(monitor: Monitor, e: unknown): string {
  return `scan failed: ${monitor.redact(errorText(e))}`;
}

/** The tree's entry point: scan, then rows with warnings against the server's eviction policy. */
export async function patternRowsFor(monitor: Monitor, o: PatternScanOptions): Promise<PatternRowData[]> {
  const result = await runScan(monitor, o);
  const cfg = monitor.state.snapshot?.node?.config;
  const policy = cfg && cfg.ok ? cfg.value['maxmemory-policy'] : undefined;
  return rowsOf(result, policy);
}
