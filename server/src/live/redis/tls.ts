/**
 * The one place that turns a connection's TLS settings into Node's TLS options, for the
 * ioredis connections and the scanner's own connection alike.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { ConnectionConfigError } from './connection/errors';

export interface TlsProfile {
  enabled: boolean;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  servername?: string;
  /** Verify the server certificate (default true). */
  rejectUnauthorized?: boolean;
}

/** What a connection uses: the profile's TLS settings, switched on by a rediss:// URL; undefined for plain TCP. */
export function tlsFor(profile: { tls?: TlsProfile }, urlTls: boolean): TlsProfile | undefined {
  if (urlTls) return { ...(profile.tls ?? {}), enabled: true };
  return profile.tls?.enabled ? profile.tls : undefined;
}

/**
 * Node TLS options for a connection to `host`. The certificate is checked unless the profile
 * says otherwise; the server name (SNI and the certificate check) is the profile's, else the
 * host when it is a name. An IP address is never sent as a server name (RFC 6066 forbids it).
 */
export function tlsOptionsFor(tls: TlsProfile, host: string): ConnectionOptions {
  const servername = tls.servername ?? (isIP(host) ? undefined : host);
  return {
    ca: readTlsFile(tls.caFile, 'CA'),
    cert: readTlsFile(tls.certFile, 'certificate'),
    key: readTlsFile(tls.keyFile, 'key'),
    ...(servername ? { servername } : {}),
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
  };
}

function readTlsFile(path: string | undefined, what: string): Buffer | undefined {
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (e) {
    throw new ConnectionConfigError(`cannot read TLS ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}
