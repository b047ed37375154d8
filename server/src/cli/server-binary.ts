/**
 * `--server-binary PATH`: the facts of the server that will run the file, asked of the binary
 * itself. Its version picks the catalog target; its build says whether active defragmentation
 * is there (Debian's packages, built without the bundled jemalloc, refuse `activedefrag yes`).
 * No server is started: the probe is a config the binary stops reading at line 1 or line 2.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveTarget, Target } from '../engine';

export interface BinaryFacts {
  target: Target;
  /** What the binary calls itself, e.g. "Valkey 8.1.1". */
  label: string;
  build: { activeDefrag: boolean };
}

const PROBE_TIMEOUT_MS = 10_000;

export function askServerBinary(binary: string): BinaryFacts | { error: string } {
  const v = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS });
  if (v.error) return { error: `cannot run ${binary}: ${(v.error as NodeJS.ErrnoException).code ?? v.error.message}` };
  const m = /\b(Redis|Valkey) server v=(\d+)\.(\d+)\.(\d+)/.exec(v.stdout ?? '');
  if (!m) return { error: `${binary} --version did not say which Redis or Valkey it is: "${(v.stdout || v.stderr || '').trim().slice(0, 120)}"` };
  const flavour = m[1].toLowerCase();
  const label = `${m[1]} ${m[2]}.${m[3]}.${m[4]}`;
  const target = resolveTarget(`${flavour}@${m[2]}.${m[3]}`);
  if ('error' in target) return { error: `${label} (${binary}): ${target.error}` };

  // line 1 is refused by builds without active defrag; line 2 is refused by every build
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-binary-'));
  try {
    const probe = spawnSync(binary, ['-', '--port', '0', '--unixsocket', path.join(dir, 'probe.sock'), '--dir', dir, '--daemonize', 'no', '--logfile', ''], {
      input: 'activedefrag yes\nmaxmemory-policy redis-guard-probe\n', encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, cwd: dir,
    });
    const at = /Reading the configuration file, at line (\d+)/.exec(`${probe.stdout}\n${probe.stderr}`)?.[1];
    if (at !== '1' && at !== '2') return { error: `${label} (${binary}) did not answer the build probe as expected (exit ${probe.status ?? probe.signal})` };
    return { target, label, build: { activeDefrag: at === '2' } };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
