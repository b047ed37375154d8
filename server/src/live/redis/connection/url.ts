/** Redis URLs and host:port for messages (scrubbing secrets is ../../redact.ts). */
import { ConnectionConfigError } from './errors';

export interface ParsedRedisUrl {
  host: string;
  port: number;
  username: string | undefined;
  password: string | undefined;
  db: number | undefined;
  tls: boolean;
  /** scheme://host:port[/db] without username or password, for display. */
  display: string;
}

/** Parses redis://[user[:pass]@]host[:port][/db] and rediss://… (also ?db=N). Errors never echo the URL. */
export function parseRedisUrl(url: string): ParsedRedisUrl {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ConnectionConfigError('not a valid redis:// or rediss:// URL');
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  if (scheme !== 'redis' && scheme !== 'rediss') throw new ConnectionConfigError(`unsupported URL scheme "${scheme}" (use redis:// or rediss://)`);
  let host = u.hostname || '127.0.0.1';
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = u.port ? Number(u.port) : 6379;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new ConnectionConfigError('invalid port in URL');
  const dec = (s: string) => { try { return decodeURIComponent(s); } catch { return s; } };
  const username = u.username ? dec(u.username) : undefined;
  const password = u.password ? dec(u.password) : undefined;
  let db: number | undefined;
  const path = u.pathname.replace(/^\/+/, '');
  const dbText = path || u.searchParams.get('db') || '';
  if (dbText) {
    if (!/^\d+$/.test(dbText)) throw new ConnectionConfigError('invalid database number in URL');
    db = Number(dbText);
  }
  const hostShown = host.includes(':') ? `[${host}]` : host;
  return { host, port, username, password, db, tls: scheme === 'rediss', display: `${scheme}://${hostShown}:${port}${db ? `/${db}` : ''}` };
}

/** host:port for messages; an IPv6 host goes in brackets. */
export function fmtAddress(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
