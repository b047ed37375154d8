// Packages the extension as redis-guard.vsix (repo root), offline.
//
// The bundles carry their dependencies, so vsce runs with --no-dependencies and
// .vscodeignore keeps only dist/*.js, the grammar, the language configuration,
// the docs pages (the server links diagnostics to docs/rules/*.md) and the
// top-level texts.
//
// The work happens in a temporary copy of the checkout, so the production build
// never overwrites the development bundles (and source maps) in dist/ that other
// tools and a concurrent `npm test` use.
//
//   node scripts/package.mjs [--out <file.vsix>]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync, statSync, symlinkSync, unlinkSync, copyFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = path.resolve(outArg > 0 ? process.argv[outArg + 1] : path.join(root, 'redis-guard.vsix'));

/** Top-level entries never copied into the staging folder. */
const SKIP = new Set(['.git', 'node_modules', 'dist', 'out', '.test-tmp']);

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${r.status}`);
}

const stage = mkdtempSync(path.join(os.tmpdir(), 'rg-package-'));
try {
  cpSync(root, stage, {
    recursive: true,
    filter: src => {
      const rel = path.relative(root, src);
      if (rel === '') return true;
      const top = rel.split(path.sep)[0];
      return !SKIP.has(top) && !rel.endsWith('.vsix');
    },
  });
  // esbuild resolves packages from the staged sources upwards: lend it the checkout's node_modules
  symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  run(process.execPath, [path.join(stage, 'scripts', 'build.mjs'), '--production'], stage);
  unlinkSync(path.join(stage, 'node_modules'));

  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package',
    '--no-dependencies',            // the bundles contain the dependencies
    '--allow-missing-repository',   // no repository URL yet; nothing is published from here
    '--no-rewrite-relative-links',  // README's relative links point into the package itself (docs/)
    '--out', path.join(stage, 'out.vsix')], stage);
  // copy then rename: a concurrent reader (an e2e run installing the .vsix) never sees half a file
  const partial = `${out}.${process.pid}.partial`;
  copyFileSync(path.join(stage, 'out.vsix'), partial);
  renameSync(partial, out);
  console.log(`${path.relative(process.cwd(), out) || out}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
