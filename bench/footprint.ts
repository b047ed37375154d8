/**
 * Extension footprint: production bundle sizes, the .vsix size, and activation time to
 * "language client ready" measured inside real VS Code (code-server) by the e2e harness.
 */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Footprint {
  bundles: Record<string, number>;
  vsixBytes: number;
  /** Undefined in smoke mode (it needs the whole real-VS-Code run). */
  activation?: { activateToReadyMs: number; loadToReadyMs: number };
}

export function runFootprint(smoke: boolean): Footprint {
  const root = path.resolve(__dirname, '..', '..');
  const r = cp.spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed: ${r.stderr}`);
  const vsix = path.join(root, 'redis-guard.vsix');
  // sizes of the minified bundles as packaged: unpack them from the .vsix listing
  const list = cp.spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' }).stdout;
  const bundles: Record<string, number> = {};
  for (const name of ['client.js', 'server.js', 'check-worker.js', 'cli.js', 'cli-health.js']) {
    const m = new RegExp(`^\\s*(\\d+)\\s+\\S+\\s+\\S+\\s+extension/dist/${name.replace('.', '\\.')}$`, 'm').exec(list);
    bundles[name] = m ? Number(m[1]) : NaN;
  }
  const result: Footprint = { bundles, vsixBytes: fs.statSync(vsix).size };
  if (!smoke) {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-activation-')), 'activation.json');
    const e2e = cp.spawnSync(process.execPath, [path.join(root, 'test', 'e2e', 'run.mjs')], { cwd: root, encoding: 'utf8', env: { ...process.env, RG_E2E_ACTIVATION_OUT: out }, timeout: 15 * 60_000 });
    if (fs.existsSync(out)) result.activation = JSON.parse(fs.readFileSync(out, 'utf8'));
    else console.error(`activation not measured (e2e exit ${e2e.status}):\n${(e2e.stdout ?? '').split('\n').slice(-15).join('\n')}`);
  }
  return result;
}
