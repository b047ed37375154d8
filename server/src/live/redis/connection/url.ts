/** Redis URLs, host:port for messages, and scrubbing secrets out of text. */
import { ConnectionConfigError } from './errors';
import type { Secrets } from './types';

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

/**
 * Replaces every secret in `text` (and any URL userinfo) by ***. Secrets shorter than 4
 * characters are left alone (they would mangle ordinary words; nothing here prints them anyway).
 */
export function redact(text: string, secrets: Secrets = {}): string {
  let out = text.replace(/(rediss?:\/\/)[^@\s/]*@/gi, '$1***@');
  for (const s of [secrets.password, secrets.sentinelPassword]) {
    if (s && s.length >= 4) out = out.split(s).join('***');
  }
  return out;
}

/** host:port for messages; an IPv6 host goes in brackets. */
export function fmtAddress(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
