/**
 * The only way Redis Guard talks to a server: a read-only command allowlist.
 * Every module that reads from Redis goes through a ReadOnlyClient, so nothing
 * outside this list can ever be sent, and renamed or forbidden commands degrade
 * one item ("not permitted") instead of the whole view.
 */

/** Allowed commands, with the subcommands allowed for container commands. */
export const ALLOWLIST: Readonly<Record<string, readonly string[] | true>> = {
  ping: true,
  info: true,
  slowlog: ['get', 'len'],
  latency: ['latest'],
  role: true,
  client: ['setname'],
  scan: true,
  type: true,
  ttl: true,
  pttl: true,
  memory: ['usage'],
  dbsize: true,
  config: ['get'],
  cluster: ['info', 'nodes', 'shards'],
  sentinel: ['masters', 'master', 'replicas', 'slaves', 'sentinels', 'ckquorum', 'get-master-addr-by-name'],
  select: true, // choosing the configured database index on connect; reads nothing, writes nothing
  hello: true, // protocol handshake (auth happens in it); ioredis may send it
  auth: true,
};

export class NotAllowedError extends Error {
  constructor(readonly command: string) {
    super(`"${command}" is not on Redis Guard's read-only allowlist`);
    this.name = 'NotAllowedError';
  }
}

/** Thrown (or returned as an item state) when the server refuses a command: renamed, disabled, or NOPERM. */
export class NotPermittedError extends Error {
  constructor(readonly command: string, readonly reason: string) {
    super(`${command}: not permitted (${reason})`);
    this.name = 'NotPermittedError';
  }
}

/** Is `command [sub]` allowed? Names are compared case-insensitively. */
export function isAllowed(command: string, sub?: string): boolean {
  const entry = ALLOWLIST[command.toLowerCase()];
  if (entry === undefined) return false;
  if (entry === true) return true;
  return sub !== undefined && entry.includes(sub.toLowerCase());
}

/** Checks a full argument vector (command first) against the allowlist. */
export function assertAllowed(argv: readonly string[]): void {
  const [command, sub] = argv;
  if (!command || !isAllowed(command, sub)) throw new NotAllowedError([command, sub].filter(Boolean).join(' '));
}

/**
 * Map from a command's real name to the name the server knows it by
 * (the guide renames CONFIG to CONFIG_xyz123); "" = disabled.
 */
export type RenameMap = Record<string, string>;

/** The name to send for a command under a rename map, or undefined when it is disabled there. */
export function wireName(command: string, renames: RenameMap = {}): string | undefined {
  const key = Object.keys(renames).find(k => k.toLowerCase() === command.toLowerCase());
  if (key === undefined) return command.toUpperCase();
  return renames[key] === '' ? undefined : renames[key];
}

/** Does an error reply mean "this command is not available to us" rather than a failure of the server? */
export function isNotPermittedReply(message: string): boolean {
  return /^(NOPERM|ERR unknown command|ERR unknown subcommand|ERR DEBUG command not allowed|ERR This instance has cluster support disabled)/i.test(message)
    || /\bunknown command\b/i.test(message);
}

/** The part of an ioredis connection the wrapper needs (keeps this module free of ioredis types). */
export interface RawConnection {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  pipeline(): { call(command: string, ...args: Array<string | number>): unknown; exec(): Promise<Array<[Error | null, unknown]> | null> };
}

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: Error };

/** A connection that can only send allowlisted commands (under their renamed names). */
export interface ReadOnlyClient {
  call(argv: readonly string[]): Promise<unknown>;
  /** One round trip for several commands; each result succeeds or fails on its own. */
  pipeline(commands: ReadonlyArray<readonly string[]>): Promise<Outcome[]>;
}

function classify(argv: readonly string[], e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  return isNotPermittedReply(msg) ? new NotPermittedError(argv.slice(0, 2).join(' ').toUpperCase(), msg) : (e instanceof Error ? e : new Error(msg));
}

export function readOnly(conn: RawConnection, renames: RenameMap = {}): ReadOnlyClient {
  const prepare = (argv: readonly string[]): { name?: string; rest: string[] } => {
    assertAllowed(argv);
    return { name: wireName(argv[0], renames), rest: argv.slice(1) as string[] };
  };
  return {
    async call(argv) {
      const { name, rest } = prepare(argv);
      if (!name) throw new NotPermittedError(argv[0].toUpperCase(), 'disabled by rename-command');
      try {
        return await conn.call(name, ...rest);
      } catch (e) {
        throw classify(argv, e);
      }
    },
    async pipeline(commands) {
      const prepared = commands.map(prepare);
      const p = conn.pipeline();
      const sent: number[] = [];
      prepared.forEach((c, i) => { if (c.name) { p.call(c.name, ...c.rest); sent.push(i); } });
      // errors are only built for commands that are really disabled (building one per command is costly in big batches)
      const results: Outcome[] = new Array(prepared.length);
      prepared.forEach((c, i) => { if (!c.name) results[i] = { ok: false, error: new NotPermittedError(commands[i][0].toUpperCase(), 'disabled by rename-command') }; });
      if (!sent.length) return results;
      const replies = (await p.exec()) ?? [];
      sent.forEach((idx, k) => {
        const [err, value] = replies[k] ?? [new Error('no reply'), undefined];
        results[idx] = err ? { ok: false, error: classify(commands[idx], err) } : { ok: true, value };
      });
      return results;
    },
  };
}
