/**
 * Connection profiles and live, read-only connections to Redis / Valkey / Memurai.
 * Plain Node module (no `vscode`). Every command goes through the allowlist (`readOnly`).
 *
 * Public API (kept stable; topology tests and the key-pattern code rely on it):
 *   interface ConnectionProfile, interface Secrets, type LiveState, interface LiveOptions
 *   parseRedisUrl(url): ParsedRedisUrl        host, port, username, password, db, tls, display (no credentials)
 *   openStandalone(profile, secrets, opts?): Live
 *       one ioredis connection (enableReadyCheck false, lazyConnect, offline queue off, capped
 *       exponential reconnect backoff, error listener, optional TLS) wrapped by the allowlist,
 *       with a per-command timeout that never applies to the handshake, and a PING heartbeat
 *       that drives `state`: connecting → ready | down | auth-failed | tls-error | stalled | loading.
 *   openSentinel(profile, secrets, opts?): SentinelLive
 *       asks the sentinels (one standalone connection at a time) for the primary with
 *       SENTINEL GET-MASTER-ADDR-BY-NAME, connects to it standalone, and re-resolves when it
 *       goes down/stalls or on every heartbeat (this is how a failover is followed).
 *       `client` always talks to the current primary; `sentinel` is the sentinel connection.
 *   openCluster(profile, secrets, opts?): ClusterLive
 *       reads CLUSTER NODES from a seed and opens one standalone read-only Live per node
 *       (no ioredis Cluster, no CLUSTER SLOTS, no MOVED following). `refresh()` re-reads it.
 *   openLive(profile, secrets, opts?)          dispatches on profile.kind
 *   class ConnectionConfigError                thrown synchronously for an unusable profile
 *
 * Secrets (`Secrets`) are passed separately and never appear in a message, a state, or an
 * enumerable property of a returned object (`raw` is non-enumerable: ioredis keeps the
 * password in `raw.options`).
 *
 * Importers use this index only. Beside it, each importing only files listed before it:
 * errors.ts (thrown errors, error → state), types.ts (shapes, timeouts), url.ts,
 * debug-output.ts (scrubbing ioredis' DEBUG output), standalone.ts, composite.ts (shared by
 * the two below), sentinel.ts, cluster.ts.
 */
import { ClusterLive, openCluster } from './cluster';
import { ConnectionConfigError } from './errors';
import { openSentinel, SentinelLive } from './sentinel';
import { openStandalone } from './standalone';
import { ConnectionProfile, Live, LiveOptions, Secrets } from './types';

export { CommandTimeoutError, ConnectionConfigError, ReplyTooLargeError } from './errors';
export type { ConnectionProfile, DeploymentMembership, Live, LiveOptions, LiveState, Secrets } from './types';
export { DEFAULT_CONNECT_TIMEOUT_MS } from './types';
export { parseRedisUrl } from './url';
export { openStandalone } from './standalone';
export type { SentinelLive } from './sentinel';
export { openSentinel } from './sentinel';
export type { ClusterLive } from './cluster';
export { openCluster } from './cluster';

export type AnyLive = Live | SentinelLive | ClusterLive;

/** Opens whatever profile.kind asks for. */
export function openLive(profile: ConnectionProfile, secrets: Secrets = {}, opts: LiveOptions = {}): AnyLive {
  switch (profile.kind) {
    case 'standalone': return openStandalone(profile, secrets, opts);
    case 'sentinel': return openSentinel(profile, secrets, opts);
    case 'cluster': return openCluster(profile, secrets, opts);
    default: throw new ConnectionConfigError(`unknown profile kind "${(profile as ConnectionProfile).kind}"`);
  }
}
