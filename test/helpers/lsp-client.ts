/**
 * The language server (dist/server.js) over stdio, driven by a real JSON-RPC client as an
 * editor drives it: initialize, the settings it asks for, didOpen, and the diagnostics it
 * publishes.
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, MessageConnection } from 'vscode-jsonrpc/node';

const serverJs = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export interface LanguageServer {
  proc: cp.ChildProcess;
  conn: MessageConnection;
  /** The `redisGuard` settings the server gets when it asks (change, then send didChangeConfiguration). */
  settings: { server: string; [k: string]: unknown };
  /** Writes `text` to `dir/name` (unless `onDisk` is false) and opens it (as `languageId`, default redis-conf); returns its URI. */
  open(file: string, text: string, onDisk?: boolean, languageId?: string): string;
  /** The next published diagnostics of `uri` that satisfy `pred` (or the current ones, if they do). */
  waitForDiagnostics(uri: string, pred?: (d: any[]) => boolean, timeoutMs?: number): Promise<any[]>;
  /** The diagnostics last published for `uri`. */
  published(uri: string): any[] | undefined;
  stop(): void;
}

export async function startLanguageServer(options: { settings?: { server: string }; env?: NodeJS.ProcessEnv } = {}): Promise<LanguageServer> {
  const diagnostics = new Map<string, any[]>();
  const waiters: Array<() => void> = [];
  const proc = cp.spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...options.env } });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const ls: LanguageServer = {
    proc, conn,
    settings: options.settings ?? { server: 'redis@7.0' },
    open(file, text, onDisk = true, languageId = 'redis-conf') {
      if (onDisk) fs.writeFileSync(file, text);
      const uri = pathToFileURL(file).href;
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      return uri;
    },
    waitForDiagnostics(uri, pred = () => true, timeoutMs = 10000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), timeoutMs);
        const check = () => {
          const d = diagnostics.get(uri);
          if (d && pred(d)) { clearTimeout(timer); resolve(d); return true; }
          return false;
        };
        if (check()) return;
        const w = () => { if (!check()) waiters.push(w); };
        waiters.push(w);
      });
    },
    published: uri => diagnostics.get(uri),
    stop() { conn.dispose(); proc.kill(); },
  };
  conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
    diagnostics.set(p.uri, p.diagnostics);
    waiters.splice(0).forEach(w => w());
  });
  conn.onRequest('workspace/configuration', (p: any) => p.items.map(() => ls.settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const init: any = await conn.sendRequest('initialize', {
    processId: process.pid, rootUri: null,
    capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
  });
  if (!init.capabilities.hoverProvider) throw new Error('the language server did not offer hover');
  conn.sendNotification('initialized', {});
  return ls;
}
