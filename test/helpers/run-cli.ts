/**
 * Runs the built CLI (dist/cli.js, what users run) as a child process, asynchronously, so a
 * fake server in the test's own process can answer it. Reports the child's peak RSS, read by a
 * tiny preload module from process.resourceUsage() at exit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');

export interface CliRun { code: number | null; out: string; err: string; maxRssMb: number }

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, limitMs = 60_000): Promise<CliRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rg-cli-'));
  const hook = path.join(dir, 'rss.js');
  const rssFile = path.join(dir, 'rss');
  writeFileSync(hook, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  try {
    const child = spawn(process.execPath, ['-r', hook, CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', d => { out += d; });
    child.stderr.setEncoding('utf8').on('data', d => { err += d; });
    // a safety net only (a hung child must not hang the suite); no assertion is based on time
    const guard = setTimeout(() => child.kill('SIGKILL'), limitMs);
    const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)));
    clearTimeout(guard);
    let maxRssMb = NaN;
    try { maxRssMb = Number(readFileSync(rssFile, 'utf8')) / 1024; } catch { /* killed before exit */ }
    return { code, out, err, maxRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** No JavaScript stack trace in the text ("    at fn (file:1:2)"). */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+[(:]\d+|Error: .*\n\s+at /m.test(text);
}
