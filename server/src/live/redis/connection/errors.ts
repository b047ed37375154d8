/** Errors the connections throw on purpose (everything else is the server's or the network's). */

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
