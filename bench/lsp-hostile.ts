/**
 * The language server on the hostile corpus (test/hostile/corpus.ts): for each hostile document,
 * how long until its diagnostics arrive, and the slowest answer to a hover on another document
 * sent every 20 ms meanwhile (the target: under 1 s whatever the input); then the server's peak
 * memory (VmHWM) over the whole corpus and its memory after the documents are closed.
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { buildHostileCorpus } from '../test/hostile/corpus';
import { SERVER_EXEC_ARGV } from '../client/src/server-launch';

export interface HostileCaseResult { name: string; bytes: number; diagnosticsMs: number; diagnostics: number; worstHoverMs: number; hovers: number }
export interface HostileLspResult { cases: HostileCaseResult[]; worstHoverMs: number; worstDiagnosticsMs: number; peakRssMb: number; rssAfterMb: number }

const statusKb = (pid: number, field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

export async function runHostileLsp(smoke: boolean): Promise<HostileLspResult> {
  const root = path.resolve(__dirname, '..', '..');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-bench-hostile-'));
  const corpus = await buildHostileCorpus(tmp);
  const proc = cp.spawn(process.execPath, [...SERVER_EXEC_ARGV, path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const waiting = new Map<string, (d: any[]) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: any) => { if (p.diagnostics.length) waiting.get(p.uri)?.(p.diagnostics); });
  conn.onRequest('workspace/configuration', (p: any) => p.items.map(() => null));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const opened = (uri: string, text: string) => {
    const got = new Promise<any[]>(resolve => waiting.set(uri, resolve));
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'redis-conf', version: 1, text } });
    return got;
  };
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    conn.sendNotification('initialized', {});
    const other = pathToFileURL(path.join(tmp, 'other.conf')).href;
    await opened(other, 'maxmemory-policy noeviction\n');
    const cases: HostileCaseResult[] = [];
    for (const c of smoke ? corpus.cases.slice(0, 3) : corpus.cases) {
      const text = fs.readFileSync(c.file, 'utf8');
      const uri = pathToFileURL(c.file).href;
      const start = process.hrtime.bigint();
      const since = () => Number(process.hrtime.bigint() - start) / 1e6;
      let done = false;
      const hovers: number[] = [];
      // hovers on the other document every 20 ms until the diagnostics of this one arrive
      const probing = (async () => {
        while (!done) {
          const t = process.hrtime.bigint();
          await conn.sendRequest('textDocument/hover', { textDocument: { uri: other }, position: { line: 0, character: 3 } });
          hovers.push(Number(process.hrtime.bigint() - t) / 1e6);
          await new Promise(r => setTimeout(r, 20));
        }
      })();
      const diags = await opened(uri, text);
      const diagnosticsMs = since();
      done = true;
      await probing;
      cases.push({ name: c.name, bytes: Buffer.byteLength(text), diagnosticsMs, diagnostics: diags.length, worstHoverMs: Math.max(...hovers), hovers: hovers.length });
      conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
    const peakRssMb = statusKb(proc.pid!, 'VmHWM') / 1024;
    await new Promise(r => setTimeout(r, 1000));
    const rssAfterMb = statusKb(proc.pid!, 'VmRSS') / 1024;
    return {
      cases, peakRssMb, rssAfterMb,
      worstHoverMs: Math.max(...cases.map(c => c.worstHoverMs)),
      worstDiagnosticsMs: Math.max(...cases.map(c => c.diagnosticsMs)),
    };
  } finally {
    conn.dispose();
    proc.kill();
    corpus.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
