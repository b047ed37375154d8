/**
 * Language-server round trips over stdio, as an editor sees them: didChange until
 * publishDiagnostics, hover and completion latency, against the floor of a request
 * answered without work, and the same didChange round trip of a peer server
 * (dockerfile-language-server-nodejs) on a Dockerfile with the same number of lines.
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, MessageConnection } from 'vscode-jsonrpc/node';
import { timeAsync, Stats } from './stats';
import { SERVER_EXEC_ARGV } from '../client/src/server-launch';

interface Server { proc: cp.ChildProcess; conn: MessageConnection; next(uri: string): Promise<any[]> }

async function start(command: string, args: string[]): Promise<Server> {
  const proc = cp.spawn(command, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, Array<(d: any[]) => void>>();
  conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
    const list = waiting.get(p.uri);
    const w = list?.shift();
    if (w) w(p.diagnostics);
  });
  conn.onRequest('workspace/configuration', (p: any) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  conn.sendNotification('initialized', {});
  return {
    proc, conn,
    next: uri => new Promise(resolve => { const l = waiting.get(uri) ?? []; l.push(resolve); waiting.set(uri, l); }),
  };
}

function stop(s: Server): void { s.conn.dispose(); s.proc.kill(); }

/** Resident memory of a process, MB: all of it, the anonymous part (heaps) and the file-backed part (mostly the node binary's code pages, shared with every other Node process). */
export interface Rss { total: number; anon: number; file: number }

function rssOf(pid: number): Rss {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { total: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
}

/** The memory floor: a bare Node process with the same options, doing nothing. */
async function bareNodeRss(): Promise<Rss> {
  const proc = cp.spawn(process.execPath, [...SERVER_EXEC_ARGV, '-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  try {
    await new Promise(resolve => setTimeout(resolve, 500));
    return rssOf(proc.pid!);
  } finally {
    proc.kill();
  }
}

/** A Dockerfile with `lines` lines: instructions, comments and blank lines in a mix like a real one. */
export function dockerfile(lines: number): string {
  const out = ['FROM debian:bookworm-slim'];
  const body = ['# install the build tools', 'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl', 'ENV APP_HOME=/srv/app', 'LABEL org.opencontainers.image.title="demo"', '', 'WORKDIR /srv/app', 'COPY . /srv/app', 'EXPOSE 8080', 'USER nobody'];
  for (let i = 0; out.length < lines; i++) out.push(body[i % body.length]);
  return out.join('\n');
}

export interface LspResult {
  didChange: Stats; hover: Stats; completion: Stats; floor: Stats; peerDidChange: Stats;
  lines: number;
  /** The server's memory after opening 20 large configs, and that of a bare Node process. */
  rssAfter20: Rss; bareNode: Rss;
}

async function changeRoundTrip(s: Server, uri: string, text: string, runs: number): Promise<Stats> {
  let version = 1;
  const first = s.next(uri);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'x', version, text } });
  await first;
  let flip = false;
  return timeAsync(async () => {
    version++;
    flip = !flip;
    const got = s.next(uri);
    // one character typed and removed at the end of the first line: a real incremental change
    s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [flip ? { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' } : { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }],
    });
    await got;
  }, runs);
}

export async function runLsp(smoke: boolean): Promise<LspResult> {
  const root = path.resolve(__dirname, '..', '..');
  const stock = fs.readFileSync('/etc/redis/redis.conf', 'utf8');
  const lines = stock.split('\n').length;
  const runs = smoke ? 3 : 200;
  // started with the same Node options the extension's language client uses
  const ours = await start(process.execPath, [...SERVER_EXEC_ARGV, path.join(root, 'dist', 'server.js'), '--stdio']);
  try {
    const uri = 'file:///bench/redis.conf';
    const didChange = await changeRoundTrip(ours, uri, stock, runs);
    const directiveLine = stock.split('\n').findIndex(l => l.startsWith('maxmemory-policy') || l.startsWith('port '));
    const hover = await timeAsync(() => ours.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: directiveLine, character: 1 } }), runs);
    const completion = await timeAsync(() => ours.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: directiveLine, character: 1 } }), runs);
    const empty = 'file:///bench/empty.conf';
    const e = ours.next(empty);
    ours.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: empty, languageId: 'redis-conf', version: 1, text: '' } });
    await e;
    const floor = await timeAsync(() => ours.conn.sendRequest('textDocument/hover', { textDocument: { uri: empty }, position: { line: 0, character: 0 } }), runs);
    const opened: Promise<any[]>[] = [];
    for (let i = 0; i < 20; i++) {
      const u = `file:///bench/many-${i}/redis.conf`;
      opened.push(ours.next(u));
      ours.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'redis-conf', version: 1, text: stock } });
    }
    await Promise.all(opened);
    const rssAfter20 = rssOf(ours.proc.pid!);
    const bareNode = await bareNodeRss();
    const peer = await start(process.execPath, [path.join(root, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio']);
    try {
      const peerDidChange = await changeRoundTrip(peer, 'file:///bench/Dockerfile', dockerfile(lines), runs);
      return { didChange, hover, completion, floor, peerDidChange, lines, rssAfter20, bareNode };
    } finally {
      stop(peer);
    }
  } finally {
    stop(ours);
  }
}
