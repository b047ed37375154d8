/**
 * Errors the connections throw on purpose, and the sorting of everything else (the server's
 * or the network's errors) into a connection state with a readable message.
 */

/** Thrown synchronously for a profile that cannot be used (no URL, unreadable TLS file, …). */
export class ConnectionConfigError extends Error {
  constructor(message: string) { super(message); this.name = 'ConnectionConfigError'; }
}

/** Thrown by `client` calls that got no answer within the command timeout. */
export class CommandTimeoutError extends Error {
  constructor(readonly address: string, readonly timeoutMs: number) {
    super(`${address} did not answer within ${timeoutMs} ms (server stalled or overloaded)`);
    this.name = 'CommandTimeoutError';
  }
}

/** The connection was closed on purpose because one reply passed the size cap (it is never read whole). */
export class ReplyTooLargeError extends Error {
  constructor(readonly address: string, readonly capBytes: number) {
    super(`reply too large: ${address} sent a reply larger than ${Math.round(capBytes / (1024 * 1024))} MB, refused without reading it (connection closed)`);
    this.name = 'ReplyTooLargeError';
  }
}

/** The states an error can explain: part of LiveState, spelled out so that this file (which tls.ts imports) imports nothing. */
export interface Classified { state: 'auth-failed' | 'tls-error' | 'loading' | 'down'; message: string }

const AUTH_RE = /WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH.*(failed|not possible)|ERR AUTH/i;
const TLS_CODE_RE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH|EPROTO$)/;
const TLS_MSG_RE = /certificate|SSL routines|\bTLS\b|tlsv1|wrong version number|handshake|self.signed/i;
const DOWN_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset by the server',
  EPIPE: 'connection closed by the server',
};

/** What an ioredis or socket error means for the connection to `address`; undefined when it says nothing about it. */
export function classifyError(e: unknown, address: string, tls: boolean): Classified | undefined {
  const err = e as NodeJS.ErrnoException;
  const msg = String(err?.message ?? e);
  const code = typeof err?.code === 'string' ? err.code : '';
  if (AUTH_RE.test(msg)) return { state: 'auth-failed', message: `authentication failed for ${address}: ${msg.replace(/\.$/, '')}` };
  if (TLS_CODE_RE.test(code) || (TLS_MSG_RE.test(msg) && !/^(ERR|WRONGTYPE)/.test(msg))) {
    const hint = /self.signed|unable to (get|verify)|issuer|UNABLE_TO|SELF_SIGNED/i.test(msg + code) ? ' (is the CA file set?)'
      : /altname|hostname|HOSTNAME/i.test(msg + code) ? ' (does the certificate name match? set tls.servername)'
        : /wrong version number/i.test(msg) ? ' (is this port speaking TLS?)' : '';
    return { state: 'tls-error', message: `TLS handshake with ${address} failed: ${msg}${hint}` };
  }
  if (/^Protocol error/i.test(msg)) {
    const got = /got "([^"]{0,20})" as reply type byte/.exec(msg)?.[1];
    return { state: 'down', message: `${address} does not speak the Redis protocol${got !== undefined ? ` (its reply starts with "${got}")` : ''}` };
  }
  if (/^LOADING/.test(msg)) return { state: 'loading', message: `${address} is loading its dataset into memory` };
  if (code && DOWN_CODES[code]) {
    const hint = code === 'ECONNRESET' && !tls ? ' (TLS-only port? try rediss://)' : '';
    return { state: 'down', message: `cannot connect to ${address}: ${DOWN_CODES[code]}${hint}` };
  }
  if (/connect ETIMEDOUT/i.test(msg)) return { state: 'down', message: `cannot connect to ${address}: connection timed out` };
  return undefined;
}
