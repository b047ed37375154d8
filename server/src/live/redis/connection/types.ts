/** The shapes shared by every kind of live connection, and the default timeouts. */
import type Redis from 'ioredis';
import type { ReadOnlyClient, RenameMap } from '../allowlist';
import type { TlsProfile } from '../tls';
import type { MemberRole } from '../../../engine';

export interface HostPort { host: string; port: number }

/** What a connection added from a deployment's config files remembers of it (no secrets). */
export interface DeploymentMembership {
  /** Stable key of the deployment (its manifest, else its name and folder): adding it again updates these connections. */
  deployment: string;
  /** The deployment's name, the tree's group. */
  deploymentName: string;
  role: MemberRole;
  /** Absolute path of the member's own config file, which its drift is compared with. */
  configFile: string;
}

/** Everything needed to reach a deployment, except secrets. Safe to store in settings. */
export interface ConnectionProfile {
  id: string;
  name: string;
  kind: 'standalone' | 'sentinel' | 'cluster';
  /** redis:// or rediss:// URL (standalone). Credentials in it are honoured but never shown. */
  url?: string;
  sentinels?: HostPort[];
  masterName?: string;
  sentinelUsername?: string;
  /** Cluster seed nodes. */
  nodes?: HostPort[];
  username?: string;
  db?: number;
  /** Applies to data nodes and to sentinels. */
  tls?: TlsProfile;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
  /** Real command name → name on the server ("" = disabled), e.g. { config: 'CONFIG_xyz123', keys: '' }. */
  renames?: RenameMap;
  /** Set for a member of a deployment added from config files (Add Deployment from Config Files). */
  member?: DeploymentMembership;
}

export interface Secrets { password?: string; sentinelPassword?: string }

export type LiveState =
  | 'connecting'   // first connect or reconnect in progress, nothing known yet
  | 'ready'        // last PING answered
  | 'loading'      // server answers -LOADING (dataset being loaded)
  | 'stalled'      // connected, but a command got no answer within the command timeout
  | 'down'         // cannot connect / connection lost (reconnecting with backoff)
  | 'auth-failed'  // WRONGPASS / NOAUTH / invalid password
  | 'tls-error'    // TLS handshake or certificate verification failed
  | 'closed';      // close() was called

export interface LiveStatus { state: LiveState; message: string | undefined; since: number }

export interface LiveOptions {
  /** PING every this many ms to keep `state` current (default 5000; 0 = only on connect). */
  heartbeatMs?: number;
  /** Reconnect backoff (default 500 ms doubling to 30 s, ±20% jitter); false = never reconnect. */
  retry?: false | { baseMs?: number; maxMs?: number };
  /** Force a reconnect after being stalled this long (default 60000; 0 = never). */
  stallReconnectMs?: number;
}

/** A live read-only connection to one server. */
export interface Live {
  readonly kind: 'standalone';
  /** host:port (never credentials). */
  readonly address: string;
  readonly host: string;
  readonly port: number;
  /** The only way to send commands: allowlisted, renamed per profile, with the command timeout. */
  readonly client: ReadOnlyClient;
  /** The ioredis instance (non-enumerable). Do not send commands on it; use `client`. */
  readonly raw: Redis;
  readonly state: LiveState;
  /** Why the state is what it is (no secrets). */
  readonly message: string | undefined;
  /** Median of the last PING round trips (ms), when known. */
  readonly pingMs: number | undefined;
  readonly commandTimeoutMs: number;
  status(): LiveStatus;
  /** Called on every state change; returns an unsubscribe function. */
  onState(cb: (s: LiveStatus) => void): () => void;
  /** Resolves with the first state other than 'connecting' (or 'connecting' after timeoutMs). */
  whenSettled(timeoutMs?: number): Promise<LiveState>;
  /** Sends one PING now (through the allowlist); resolves with its round trip in ms, or undefined on failure. */
  probe(): Promise<number | undefined>;
  close(): Promise<void>;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 3000;
/** Below this the command timeout is raised: tiny timeouts only produce false "stalled" states. */
export const MIN_COMMAND_TIMEOUT_MS = 100;
