/**
 * A fake RESP server on 127.0.0.1 (port 0) for hostile-server tests: it reads the client's
 * commands (RESP arrays of bulk strings) and hands each one to a scripted behaviour, which
 * answers, stalls, trickles, closes mid-reply or streams a huge reply.
 *
 *   const srv = await startFakeResp((argv, c) => c.write(healthyReply(argv)));
 *   … redis://127.0.0.1:${srv.port} …
 *   await srv.close();
 */
import * as net from 'node:net';

export interface FakeClient {
  readonly socket: net.Socket;
  write(data: string | Buffer): void;
}

/** Called once per command; argv[0] is lower-cased. */
export type Behaviour = (argv: string[], client: FakeClient) => void;

export interface FakeResp {
  port: number;
  /** Every command received so far (argv, command lower-cased). */
  commands: string[][];
  close(): Promise<void>;
}

export const simple = (s: string) => `+${s}\r\n`;
export const error = (s: string) => `-${s}\r\n`;
export const bulk = (s: string) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
export const int = (n: number) => `:${n}\r\n`;
export const array = (items: string[]) => `*${items.length}\r\n${items.join('')}`;

/** A small INFO that parses as a Redis 7.0 standalone primary. */
export const SMALL_INFO = [
  '# Server', 'redis_version:7.0.15', 'redis_mode:standalone', 'uptime_in_seconds:86400', '',
  '# Clients', 'connected_clients:1', 'blocked_clients:0', 'maxclients:10000', '',
  '# Memory', 'used_memory:1000000', 'maxmemory:100000000', 'maxmemory_policy:volatile-ttl', 'mem_fragmentation_ratio:1.10', '',
  '# Persistence', 'aof_enabled:1', 'aof_last_write_status:ok', 'rdb_last_save_time:0', 'rdb_last_bgsave_status:ok', '',
  '# Stats', 'instantaneous_ops_per_sec:1', 'rejected_connections:0', 'evicted_keys:0', 'keyspace_hits:1', 'keyspace_misses:1', '',
  '# Replication', 'role:master', 'connected_slaves:0', 'master_repl_offset:0', '',
].join('\r\n');

/** What a healthy, read-only-friendly server answers to the commands Redis Guard sends. */
export function healthyReply(argv: string[]): string {
  const [cmd, sub] = [argv[0], (argv[1] ?? '').toLowerCase()];
  switch (cmd) {
    case 'ping': return simple('PONG');
    case 'auth': case 'select': return simple('OK');
    case 'client': return simple('OK');
    case 'info': return bulk(SMALL_INFO);
    case 'slowlog': return sub === 'len' ? int(0) : array([]);
    case 'latency': return array([]);
    case 'config': return array(['maxmemory', '100000000', 'maxclients', '10000', 'save', '', 'appendonly', 'yes', 'maxmemory-policy', 'volatile-ttl'].map(bulk));
    case 'role': return array([bulk('master'), int(0), array([])]);
    default: return error(`ERR unknown command '${argv[0]}'`);
  }
}

/** Splits RESP arrays of bulk strings off the front of `buf`; returns the commands and the rest. */
function parseCommands(buf: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let at = 0;
  for (;;) {
    const start = at;
    const line = (from: number) => { const e = buf.indexOf('\r\n', from); return e < 0 ? undefined : { text: buf.toString('latin1', from, e), next: e + 2 }; };
    const head = line(at);
    if (!head || head.text[0] !== '*') return { commands, rest: buf.subarray(start) };
    const n = Number(head.text.slice(1));
    at = head.next;
    const argv: string[] = [];
    let complete = true;
    for (let i = 0; i < n; i++) {
      const len = line(at);
      if (!len) { complete = false; break; }
      const l = Number(len.text.slice(1));
      if (buf.length < len.next + l + 2) { complete = false; break; }
      argv.push(buf.toString('utf8', len.next, len.next + l));
      at = len.next + l + 2;
    }
    if (!complete) return { commands, rest: buf.subarray(start) };
    if (argv.length) argv[0] = argv[0].toLowerCase();
    commands.push(argv);
  }
}

export async function startFakeResp(behaviour: Behaviour): Promise<FakeResp> {
  const sockets = new Set<net.Socket>();
  const commands: string[][] = [];
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => { /* the client went away */ });
    let pending: Buffer = Buffer.alloc(0);
    const client: FakeClient = { socket, write: d => { if (!socket.destroyed) socket.write(d); } };
    socket.on('data', chunk => {
      pending = Buffer.concat([pending, chunk]);
      const { commands: got, rest } = parseCommands(pending);
      pending = rest;
      for (const argv of got) {
        commands.push(argv);
        behaviour(argv, client);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    commands,
    close: () => new Promise<void>(resolve => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/**
 * Writes a bulk string of `size` bytes generated lazily (never held in memory), honouring
 * back-pressure; stops when the client goes away.
 */
export function streamHugeBulk(client: FakeClient, size: number, fill = 'x'): void {
  const sock = client.socket;
  const chunk = Buffer.alloc(64 * 1024, fill);
  let left = size;
  sock.write(`$${size}\r\n`);
  const pump = () => {
    while (left > 0 && !sock.destroyed) {
      const n = Math.min(left, chunk.length);
      left -= n;
      if (!sock.write(n === chunk.length ? chunk : chunk.subarray(0, n))) { sock.once('drain', pump); return; }
    }
    if (!sock.destroyed) sock.write('\r\n');
  };
  pump();
}

/**
 * A sender that writes everything given to it one byte every `everyMs` ms, in order (replies
 * to pipelined commands queue up behind each other), until the client goes away.
 */
export function trickler(client: FakeClient, everyMs: number): (data: string) => void {
  let queue = Buffer.alloc(0);
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    if (client.socket.destroyed || !queue.length) { clearInterval(timer); timer = undefined; return; }
    client.socket.write(queue.subarray(0, 1));
    queue = queue.subarray(1);
  };
  client.socket.once('close', () => { clearInterval(timer); timer = undefined; });
  return data => {
    queue = Buffer.concat([queue, Buffer.from(data)]);
    timer ??= setInterval(tick, everyMs);
  };
}
