/** One line per enum value, shown beside it in completion. */

const SHUTDOWN: Record<string, string> = {
  default: 'Save only if save points are configured, then exit',
  save: 'Save an RDB snapshot before exiting, even without save points',
  nosave: 'Exit without saving',
  now: 'Do not wait for lagging replicas',
  force: 'Exit even if the snapshot or the AOF cannot be written',
  safe: 'Refuse to shut down when that looks unsafe',
  failover: 'Hand over to a replica before exiting',
};

const VALUES: Record<string, Record<string, string>> = {
  'maxmemory-policy': {
    noeviction: 'Evict nothing; writes fail with OOM when memory is full',
    'allkeys-lru': 'Evict the least recently used keys, any key',
    'allkeys-lfu': 'Evict the least frequently used keys, any key',
    'allkeys-random': 'Evict random keys, any key',
    'volatile-lru': 'Evict the least recently used keys that have a TTL',
    'volatile-lfu': 'Evict the least frequently used keys that have a TTL',
    'volatile-random': 'Evict random keys that have a TTL',
    'volatile-ttl': 'Evict the keys with a TTL that expire soonest',
  },
  appendfsync: {
    always: 'fsync after every write: safest, slowest',
    everysec: 'fsync once a second: at most about a second of writes lost',
    no: 'Leave flushing to the OS: fastest, tens of seconds may be lost',
  },
  loglevel: {
    debug: 'Everything, for development',
    verbose: 'Much rarely useful information',
    notice: 'Moderately verbose, what production wants',
    warning: 'Only very important or critical messages',
    nothing: 'Log nothing',
  },
  'winlog-level': {
    debug: 'Everything, for development', verbose: 'Much rarely useful information',
    notice: 'Moderately verbose, what production wants', warning: 'Only very important or critical messages', off: 'Log nothing to the event log',
  },
  'acl-pubsub-default': {
    allchannels: 'New users may use every Pub/Sub channel',
    resetchannels: 'New users may use no Pub/Sub channel until granted',
  },
  'cluster-config-save-behavior': { sync: 'Stop when nodes.conf cannot be saved', 'best-effort': 'Log it and carry on when nodes.conf cannot be saved' },
  'cluster-preferred-endpoint-type': {
    ip: 'Clients are redirected to IP addresses',
    hostname: 'Clients are redirected to announced hostnames',
    'unknown-endpoint': 'Clients reconnect to the endpoint they used ("?")',
  },
  'log-format': { legacy: 'The classic "pid:role date level message" lines', logfmt: 'key=value pairs', json: 'One JSON object per line' },
  'log-timestamp-format': { legacy: 'The classic "dd Mon yyyy hh:mm:ss.mmm" stamp', iso8601: 'ISO 8601 date and time', milliseconds: 'Milliseconds since the epoch' },
  'oom-score-adj': {
    no: 'Leave the process\'s OOM score alone',
    yes: 'Same as relative',
    relative: 'oom-score-adj-values are added to the initial score',
    absolute: 'oom-score-adj-values are the scores themselves',
  },
  'propagation-error-behavior': {
    ignore: 'Ignore errors in commands from the primary or the AOF',
    panic: 'Exit on such an error',
    'panic-on-replicas': 'Exit on such an error only on replicas',
  },
  'rdb-version-check': { strict: 'Refuse RDB files of a newer format', relaxed: 'Try to load RDB files of a newer format' },
  'repl-diskless-load': {
    disabled: 'Save the RDB from the primary to disk, then load it',
    'on-empty-db': 'Load from the socket only when that is safe (the dataset is empty)',
    swapdb: 'Load from the socket, keeping the old data in memory until it succeeds',
    'flush-before-load': 'Flush the data, then load from the socket',
  },
  'sanitize-dump-payload': {
    no: 'Never check RESTORE payloads and RDB files deeply',
    yes: 'Always check them deeply',
    clients: 'Check deeply for clients, not for the primary',
  },
  'shutdown-on-sigint': SHUTDOWN,
  'shutdown-on-sigterm': SHUTDOWN,
  supervised: { no: 'No supervision interaction', upstart: 'Signal upstart (SIGSTOP)', systemd: 'Tell systemd READY=1', auto: 'Detect upstart or systemd from the environment' },
  'tls-auth-clients': { yes: 'Clients must present a valid certificate', no: 'Client certificates are neither required nor accepted', optional: 'A certificate is checked when a client sends one' },
  'tls-auth-clients-user': { off: 'Certificates do not log users in', cn: 'Log in as the user the certificate\'s CN names', uri: 'Log in as the user the certificate\'s URI names' },
};

const LOCAL = { no: 'Refused for every client', yes: 'Allowed for every client', local: 'Allowed only for connections from loopback or the Unix socket' };
for (const d of ['enable-debug-command', 'enable-module-command', 'enable-protected-configs']) VALUES[d] = LOCAL;

const BOOL: Record<string, string> = { yes: 'Turn it on', no: 'Turn it off' };

/** The one-line description of a value of a directive (enum or yes/no), or undefined. */
export function valueDoc(directive: string, value: string, bool: boolean): string | undefined {
  if (bool) return BOOL[value];
  if (directive === 'syslog-facility') return /^local[0-7]$/.test(value) ? `Syslog facility ${value.toUpperCase()}` : value === 'user' ? 'Syslog facility USER' : undefined;
  return VALUES[directive]?.[value];
}
