/**
 * `redis-guard health <redis://…|rediss://…> [options]`: one read-only health check of a
 * standalone server, printed like the production guide's health-check script.
 *
 *   --format text|json      output format (default text)
 *   --password-env VAR      read the password from environment variable VAR (overrides the URL's)
 *   --timeout MS            connect and command timeout in ms (default 5000)
 *   --ca FILE, --cert FILE, --key FILE, --servername NAME   TLS settings for rediss://
 * Exit status: 0 all ok; 1 warnings, items not checked, or PING or INFO not answered; 2 problems,
 * connection failure, a round trip cut short (connection lost, timeout, reply too large), no
 * command answered at all, or a usage error.
 * The password is never printed: every line goes through live/redact.ts. A password in the URL
 * draws a warning on stderr (other users see it in `ps`).
 *
 * Public API: healthCommand(argv, io): Promise<number>; HEALTH_USAGE
 */
import { Io, parseCommandLine } from './args';
import { ConnectionConfigError, openStandalone, parseRedisUrl, Secrets } from '../live/redis/connection';
import { errorText, redact } from '../live/redact';
import { collect } from '../live/health/collect';
import { coverage, evaluate } from '../live/health/evaluate';
import { Thresholds } from '../live/health/thresholds';
import { exitCodeFor, formatJson, formatText } from '../live/health/report';

export const HEALTH_USAGE = `Usage: redis-guard health <redis://[user[:password]@]host[:port][/db] | rediss://…> [options]

  --format text|json      output format (default text)
  --password-env VAR      read the password from environment variable VAR
  --timeout MS            connect and command timeout in milliseconds (default 5000)
  --ca FILE               CA certificate for rediss:// (PEM)
  --cert FILE, --key FILE client certificate and key for rediss:// (PEM)
  --servername NAME       TLS server name (SNI and certificate check)
Only read-only, allowlisted commands are sent. Exit status: 0 ok; 1 warnings or something not checked;
2 problems, connection failure, a check cut short, or nothing answered.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
  format: { type: 'string', default: 'text' },
  'password-env': { type: 'string' },
  timeout: { type: 'string', default: '5000' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  servername: { type: 'string' },
} as const;

export async function healthCommand(argv: string[], io: Io, thresholds: Partial<Thresholds> = {}): Promise<number> {
  const secrets: Secrets = {};
  const usage = (msg: string) => { io.err(`redis-guard health: ${redact(msg, secrets)}`); io.err(HEALTH_USAGE); return 2; };
  const args = parseCommandLine(argv, OPTIONS);
  if ('error' in args) return usage(args.error);
  if (args.values.help) { io.out(HEALTH_USAGE); return 0; }
  const { format } = args.values;
  const passwordEnv = args.values['password-env'];
  if (passwordEnv === '') return usage('--password-env needs a variable name');
  if (!/^\d+$/.test(args.values.timeout) || Number(args.values.timeout) < 1) return usage('--timeout takes a number of milliseconds');
  const timeout = Number(args.values.timeout);
  const tls = { caFile: args.values.ca, certFile: args.values.cert, keyFile: args.values.key, servername: args.values.servername };
  if (args.positionals.length > 1) return usage('only one URL can be checked at a time');
  const url = args.positionals[0];
  if (format !== 'text' && format !== 'json') return usage(`unknown format "${format}" (text or json)`);
  if (!url) return usage('no URL given');

  let parsed;
  try {
    parsed = parseRedisUrl(url);
  } catch (e) {
    return usage((e as Error).message);
  }
  secrets.password = parsed.password;
  if (parsed.password !== undefined) {
    io.err('redis-guard health: warning: the password in the URL is visible to other users of this machine (ps, /proc); pass it with --password-env VAR instead');
  }
  if (passwordEnv !== undefined) {
    const v = process.env[passwordEnv];
    if (v === undefined) return usage(`environment variable ${passwordEnv} is not set`);
    secrets.password = v;
  }
  const target = parsed.display;
  const fail = (message: string) => {
    const m = redact(message, secrets);
    if (format === 'json') io.out(JSON.stringify({ target, status: 'problem', exitCode: 2, error: m, items: [] }, null, 2));
    io.err(`redis-guard health: ${m}`);
    return 2;
  };

  let live;
  try {
    live = openStandalone({
      id: 'cli', name: target, kind: 'standalone', url,
      tls: parsed.tls || tls.caFile || tls.certFile ? { enabled: parsed.tls, ...tls } : undefined,
      connectTimeoutMs: timeout, commandTimeoutMs: timeout,
    }, secrets, { retry: false, heartbeatMs: 0 });
  } catch (e) {
    return e instanceof ConnectionConfigError ? fail(e.message) : fail(`cannot check ${target}: ${errorText(e)}`);
  }
  try {
    const state = await live.whenSettled(2 * timeout + 1000);
    if (state !== 'ready') {
      return fail(live.message ?? (state === 'connecting' ? `no answer from ${live.address} within ${timeout} ms` : `${live.address}: ${state}`));
    }
    // two more PINGs so the latency item is a median, not a single (cold) sample
    await live.probe();
    await live.probe();
    const snapshot = await collect(live);
    const items = evaluate(snapshot, thresholds);
    const opts = { target, at: snapshot.at, coverage: coverage(snapshot) };
    io.out(redact(format === 'json' ? formatJson(items, opts) : formatText(items, opts), secrets));
    return exitCodeFor(items, opts.coverage);
  } catch (e) {
    return fail(`health check of ${target} failed: ${errorText(e)}`);
  } finally {
    await live.close();
  }
}
