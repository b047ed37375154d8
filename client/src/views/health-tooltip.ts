/**
 * What the tooltip of a health row says besides the row itself: the threshold that decides its
 * status (with the current values from `redisGuard.thresholds`) and why the figure matters.
 * Plain module (no `vscode`): the tree renders these lines as Markdown.
 */
import type { HealthItem } from '../../../server/src/live/health/evaluate';
import type { Thresholds } from '../../../server/src/live/health/thresholds';
import { fmtBytes, fmtDuration } from '../../../server/src/live/health/evaluate';

interface Explanation {
  /** The threshold in words, with the keys of `redisGuard.thresholds` that set it. */
  threshold?: (t: Thresholds) => string;
  matters: string;
}

/** By item id (without a cluster node's prefix); the longest matching prefix wins. */
const EXPLAINED: Record<string, Explanation> = {
  'server.ping': { matters: 'A server that does not answer PING serves no client.' },
  'server.uptime': { matters: 'A restart you did not plan can be a crash or the operating system killing the server for memory.' },
  'server.role': { matters: 'Clients that write must reach the primary; a replica refuses writes.' },
  'latency.ping': {
    threshold: t => `warning above ${t.pingWarnMs} ms (\`pingWarnMs\`)`,
    matters: 'Every command waits at least one round trip: a slow PING points at the network, an overloaded server or swapping.',
  },
  'latency.roundtrip': { matters: 'How long one pipelined health check took; informational.' },
  'memory.used': {
    threshold: t => `with maxmemory: warning above ${t.memoryWarnPct} %, problem above ${t.memoryProblemPct} % of it (\`memoryWarnPct\`, \`memoryProblemPct\`); without maxmemory: warning above ${t.memorySystemWarnPct} % of the machine's memory (\`memorySystemWarnPct\`)`,
    matters: 'At maxmemory the server evicts keys (token revocations among them under allkeys-*) or refuses writes; without a limit the machine runs out of memory and the server is killed.',
  },
  'memory.fragmentation': {
    threshold: t => `warning above ${t.fragmentationHigh} when more than ${fmtBytes(t.fragmentationMinUsedBytes)} is used (\`fragmentationHigh\`, \`fragmentationMinUsedBytes\`), or below ${t.fragmentationLow} (\`fragmentationLow\`)`,
    matters: 'High: memory the server holds but cannot use. Low: part of the data is swapped out, and commands wait for the disk.',
  },
  'memory.policy': { matters: 'Decides which keys go when memory is full: allkeys-* may delete token revocations and rate limits, noeviction refuses writes instead.' },
  'memory.evicted': { matters: 'Every evicted key is data the application wrote and can no longer read.' },
  'clients.connected': {
    threshold: t => `warning above ${t.clientsWarnPct} % of maxclients (\`clientsWarnPct\`)`,
    matters: 'At maxclients the server refuses new connections: applications fail to connect.',
  },
  'clients.blocked': { matters: 'Clients waiting in BLPOP, XREAD BLOCK or WAIT; informational.' },
  'clients.rejected': {
    threshold: t => `warning above ${t.rejectedConnectionsWarn} (\`rejectedConnectionsWarn\`)`,
    matters: 'Each one is a client that could not connect because maxclients was reached.',
  },
  'persistence.aof': {
    threshold: t => `status when AOF is off: ${t.aofOffStatus} (\`aofOffStatus\`)`,
    matters: 'Without AOF, every write since the last RDB snapshot is lost when the server stops.',
  },
  'persistence.rdb': {
    threshold: t => `warning when older than ${fmtDuration(t.rdbMaxAgeSec)} while save points are configured (\`rdbMaxAgeSec\`, seconds)`,
    matters: 'An old snapshot despite save points means snapshots fail; a restart loses everything since.',
  },
  'persistence.bgsave': { matters: 'After a failed background save the server refuses writes (stop-writes-on-bgsave-error).' },
  'persistence.save': {
    threshold: t => `status when neither AOF nor save points are configured: ${t.noPersistenceStatus} (\`noPersistenceStatus\`)`,
    matters: 'With no save points and no AOF, a restart loses all data.',
  },
  'throughput': { matters: 'The load the server carries; informational.' },
  'slowlog': {
    threshold: t => (t.slowlogRecentSec > 0 ? `warning for a slow log entry from the last ${fmtDuration(t.slowlogRecentSec)} (\`slowlogRecentSec\`, seconds)` : 'never warns (`slowlogRecentSec` is 0)'),
    matters: 'The server runs one command at a time: a slow command makes every other client wait.',
  },
  'latencymon': {
    threshold: t => (t.latencyEventRecentSec > 0 ? `warning for a latency event from the last ${fmtDuration(t.latencyEventRecentSec)} (\`latencyEventRecentSec\`, seconds)` : 'never warns (`latencyEventRecentSec` is 0)'),
    matters: 'A latency spike (fork, fsync, expiry, eviction) stalls all clients at once.',
  },
  'replication.link': { matters: 'A replica cut off from its primary serves stale data.' },
  'replication.sync': { matters: 'During a full sync the primary forks and sends its whole dataset; the replica is not usable yet.' },
  'replication.lag': {
    threshold: t => `warning above ${t.replicaLagWarnSec} s (\`replicaLagWarnSec\`)`,
    matters: 'A lagging replica serves stale data, and a failover to it loses the writes it has not received.',
  },
  'replication.replica': {
    threshold: t => `warning when a replica lags more than ${t.replicaLagWarnSec} s (\`replicaLagWarnSec\`)`,
    matters: 'A lagging or disconnected replica serves stale data, and a failover to it loses writes.',
  },
  'sentinel': { matters: 'Sentinels decide failovers: too few healthy ones and the primary cannot be replaced when it fails.' },
  'cluster': { matters: 'A cluster refuses keys whose hash slots have no working primary.' },
};

/** The item id without a cluster node's prefix (`cluster.node.3f2a91c0.memory.used` → `memory.used`). */
function baseId(id: string): string {
  return id.replace(/^cluster\.node\.[^.]+\.(?=.)/, '');
}

export function explanationOf(item: HealthItem): Explanation | undefined {
  const id = baseId(item.id);
  let best: string | undefined;
  for (const key of Object.keys(EXPLAINED)) {
    if ((id === key || id.startsWith(`${key}.`)) && (!best || key.length > best.length)) best = key;
  }
  return best ? EXPLAINED[best] : undefined;
}

/** The tooltip's lines about the threshold and why it matters, in plain text (the tree escapes and formats them). */
export function thresholdLines(item: HealthItem, t: Thresholds): { threshold: string; matters?: string } {
  const e = explanationOf(item);
  if (item.children?.length) return { threshold: 'see the rows below', matters: e?.matters };
  return { threshold: e?.threshold ? `${e.threshold(t)} in redisGuard.thresholds` : 'none (informational)', matters: e?.matters };
}
