/**
 * `redis-guard health <redis://…|rediss://…> [options]`: one read-only health check of a
 * standalone server, printed like the production guide's health-check script.
 *
 *   --format text|json      output format (default text)
 *   --password-env VAR      read the password from environment variable VAR (overrides the URL's)
 *   --timeout MS            connect and command timeout in ms (default 5000)
 *   --ca FILE, --cert FILE, --key FILE, --servername NAME   TLS settings for rediss://
 * Exit status: 0 all ok, 1 warnings, 2 problems, connection failure or usage error.
 * The password is never printed (it is scrubbed from every message).
 *
 * Public API: healthCommand(argv, io): Promise<number>; HEALTH_USAGE
 */
import { ConnectionConfigError, openStandalone, parseRedisUrl, redact, Secrets } from '../redis/connection';
import { collect } from './collect';
import { evaluate } from './evaluate';
import { Thresholds } from './thresholds';
import { exitCodeFor, formatJson, formatText } from './report';

export interface HealthIo { out: (s: string) => void; err: (s: string) => void }

export const HEALTH_USAGE = `Usage: redis-guard health <redis://[user[:password]@]host[:port][/db] | rediss://…> [options]

  --format text|json      output format (default text)
  --password-env VAR      read the password from environment variable VAR
  --timeout MS            connect and command timeout in milliseconds (default 5000)
  --ca FILE               CA certificate for rediss:// (PEM)
  --cert FILE, --key FILE client certificate and key for rediss:// (PEM)
  --servername NAME       TLS server name (SNI and certificate check)
Only read-only, allowlisted commands are sent. Exit status: 0 ok, 1 warnings, 2 problems or connection failure.`;

export async function healthCommand(argv: string[], io: HealthIo, thresholds: Partial<Thresholds> = {}): Promise<number> {
  let url: string | undefined;
  let format = 'text';
  let passwordEnv: string | undefined;
  let timeout = 5000;
  const tls: { caFile?: string; certFile?: string; keyFile?: string; servername?: string } = {};
  const secrets: Secrets = {};
  const usage = (msg: string) => { io.err(`redis-guard health: ${redact(msg, secrets)}`); io.err(HEALTH_USAGE); return 2; };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | undefined => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    switch (name) {
      case '--help': case '-h': io.out(HEALTH_USAGE); return 0;
      case '--format': format = value() ?? ''; break;
      case '--password-env': passwordEnv = value(); if (!passwordEnv) return usage('--password-env needs a variable name'); break;
      case '--timeout': {
        const v = value();
        if (!v || !/^\d+$/.test(v) || Number(v) < 1) return usage('--timeout takes a number of milliseconds');
        timeout = Number(v);
        break;
      }
      case '--ca': tls.caFile = value(); break;
      case '--cert': tls.certFile = value(); break;
      case '--key': tls.keyFile = value(); break;
      case '--servername': tls.servername = value(); break;
      default:
        if (a.startsWith('-')) return usage(`unknown option "${a}"`);
        if (url !== undefined) return usage('only one URL can be checked at a time');
        url = a;
    }
  }
  if (format !== 'text' && format !== 'json') return usage(`unknown format "${format}" (text or json)`);
  if (!url) return usage('no URL given');

  let parsed;
  try {
    parsed = parseRedisUrl(url);
  } catch (e) {
    return usage((e as Error).message);
  }
  secrets.password = parsed.password;
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
    return e instanceof ConnectionConfigError ? fail(e.message) : fail(`cannot check ${target}: ${(e as Error).message}`);
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
    const text = format === 'json' ? formatJson(items, { target, at: snapshot.at }) : formatText(items, { target, at: snapshot.at });
    io.out(redact(text, secrets));
    return exitCodeFor(items);
  } catch (e) {
    return fail(`health check of ${target} failed: ${(e as Error).message}`);
  } finally {
    await live.close();
  }
}
