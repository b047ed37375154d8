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

/** Container commands: their first argument is a subcommand name, never data. */
const CONTAINERS = new Set(['acl', 'client', 'cluster', 'command', 'config', 'debug', 'function', 'latency', 'memory', 'module', 'object', 'pubsub', 'script', 'sentinel', 'slowlog', 'xgroup', 'xinfo']);

/**
 * The name of a command for messages: `AUTH`, `CONFIG GET`. Never its arguments (they can be
 * passwords or keys): only a container's subcommand is named, and only when it is a plain word.
 */
export function commandName(argv: readonly string[]): string {
  const [command = '?', sub] = argv;
  const name = command.toUpperCase();
  return CONTAINERS.has(command.toLowerCase()) && sub !== undefined && /^[A-Za-z][A-Za-z-]{0,30}$/.test(sub) ? `${name} ${sub.toUpperCase()}` : name;
}

/** Checks a full argument vector (command first) against the allowlist. */
export function assertAllowed(argv: readonly string[]): void {
  const [command, sub] = argv;
  if (!command || !isAllowed(command, sub)) throw new NotAllowedError(command ? commandName(argv) : '(empty command)');
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

/**
 * One command sent for each key of a batch: `argv… key tail…`. A key-pattern
 * scan batch is two or three of these (TYPE, PTTL, MEMORY USAGE … SAMPLES n)
 * over up to COUNT keys, so the allowlist check and the rename lookup happen
 * once per column, not once per key.
 */
export interface KeyColumn {
  /** The command and the arguments before the key: ['TYPE'], ['MEMORY', 'USAGE']. */
  readonly argv: readonly string[];
  /** Arguments after the key: ['SAMPLES', '0']. */
  readonly tail?: readonly string[];
  /** Only the keys i with only[i] !== 0 get this command (all keys when absent). */
  readonly only?: Uint8Array;
}

/**
 * The replies of one column by key index (an Error in place of a failed reply,
 * undefined for a key the column skipped), or a single NotPermittedError when
 * the whole column was not sent (disabled by rename-command).
 */
export type ColumnReplies = unknown[] | NotPermittedError;

/** The part of an ioredis connection the wrapper needs (keeps this module free of ioredis types). */
export interface RawConnection {
  call(command: string, ...args: Array<string | number>): Promise<unknown>;
  pipeline(): { call(command: string, ...args: Array<string | number>): unknown; exec(): Promise<Array<[Error | null, unknown]> | null> };
  /**
   * Optional fast path for ReadOnlyClient.perKey, called only by readOnly() with
   * columns already checked and renamed: sends every column's command for every
   * key in one write, key by key (the columns of one key together), and resolves
   * to the replies in that order, an Error in place of an error reply.
   */
  perKey?(columns: ReadonlyArray<KeyColumn>, keys: readonly string[]): Promise<unknown[]>;
}

export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: Error };

/** A connection that can only send allowlisted commands (under their renamed names). */
export interface ReadOnlyClient {
  call(argv: readonly string[]): Promise<unknown>;
  /** One round trip for several commands; each result succeeds or fails on its own. */
  pipeline(commands: ReadonlyArray<readonly string[]>): Promise<Outcome[]>;
  /**
   * One round trip for the same few commands over many keys (see KeyColumn);
   * each column's command is checked against the allowlist once. Optional:
   * use the perKey() function below, which falls back to pipeline().
   */
  perKey?(columns: ReadonlyArray<KeyColumn>, keys: readonly string[]): Promise<ColumnReplies[]>;
}

function classify(argv: readonly string[], e: unknown): Error {
  // Redis 7 echoes the first arguments of an unknown command ("with args beginning with: 'pw'"): not kept
  const msg = (e instanceof Error ? e.message : String(e)).replace(/,? with args beginning with:.*$/is, '');
  return isNotPermittedReply(msg) ? new NotPermittedError(commandName(argv), msg) : (e instanceof Error ? e : new Error(msg));
}

/** Is column `col` sent for key i? */
const sends = (col: KeyColumn, i: number) => col.only === undefined || col.only[i] !== 0;

/** The full argument vector of one column's command for one key (the slow paths only). */
const argvOf = (col: KeyColumn, key: string): string[] => [...col.argv, key, ...(col.tail ?? [])];

/**
 * client.perKey(columns, keys), or the same through client.pipeline() (one
 * argv per command) for a ReadOnlyClient without perKey. Either way every
 * command goes through the client's allowlist.
 */
export async function perKey(client: ReadOnlyClient, columns: ReadonlyArray<KeyColumn>, keys: readonly string[]): Promise<ColumnReplies[]> {
  if (client.perKey) return client.perKey(columns, keys);
  const cmds: string[][] = [];
  for (let i = 0; i < keys.length; i++) for (const col of columns) if (sends(col, i)) cmds.push(argvOf(col, keys[i]));
  const out = cmds.length ? await client.pipeline(cmds) : [];
  const result = columns.map(() => new Array<unknown>(keys.length));
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let c = 0; c < columns.length; c++) {
      if (!sends(columns[c], i)) continue;
      const o = out[at++];
      result[c][i] = o === undefined ? new Error('no reply') : o.ok ? o.value : o.error;
    }
  }
  return result;
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
    async perKey(columns, keys) {
      const out: ColumnReplies[] = new Array(columns.length);
      const wire: KeyColumn[] = [];
      const at: number[] = [];
      for (let c = 0; c < columns.length; c++) {
        const col = columns[c];
        // The check sees argv[0] and argv[1]. With two or more fixed arguments these are the same
        // for every key, so one check covers the column. With only a command name the per-command
        // check would see the key as "subcommand": containers (CONFIG, MEMORY, …) are refused here
        // (no subcommand), commands allowed whole (TYPE, PTTL) are allowed whatever follows.
        assertAllowed(col.argv);
        const name = wireName(col.argv[0], renames);
        if (!name) { out[c] = new NotPermittedError(col.argv[0].toUpperCase(), 'disabled by rename-command'); continue; }
        wire.push({ argv: [name, ...col.argv.slice(1)], tail: col.tail, only: col.only });
        at.push(c);
      }
      if (!wire.length || !keys.length) {
        for (const c of at) out[c] = new Array(keys.length);
        return out;
      }
      let flat: unknown[];
      if (conn.perKey) flat = await conn.perKey(wire, keys);
      else {
        const p = conn.pipeline();
        for (let i = 0; i < keys.length; i++) {
          for (const col of wire) if (sends(col, i)) { const [name, ...rest] = argvOf(col, keys[i]); p.call(name, ...rest); }
        }
        flat = ((await p.exec()) ?? []).map(([err, value]) => err ?? value);
      }
      const cols = at.map(c => (out[c] = new Array<unknown>(keys.length)) as unknown[]);
      let s = 0;
      for (let i = 0; i < keys.length; i++) {
        for (let w = 0; w < wire.length; w++) {
          if (!sends(wire[w], i)) continue;
          let v = s < flat.length ? flat[s] : new Error('no reply');
          s++;
          if (v instanceof Error) v = classify(argvOf(columns[at[w]], keys[i]), v);
          cols[w][i] = v;
        }
      }
      return out;
    },
  };
}
