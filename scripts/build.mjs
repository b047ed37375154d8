// Bundles the extension client, the language server (and its check worker) and the CLI with esbuild.
//
// The CLI is two bundles: dist/cli.js (lint, and the entry) and dist/cli-health.js (health,
// with the live-monitoring code and ioredis), which cli.js loads only for `redis-guard health`.
import { build } from 'esbuild';
import { checkLayout } from './check-layout.mjs';

const production = process.argv.includes('--production');
const problems = checkLayout();
if (problems.length) {
  console.error(`Layout: ${problems.length} import(s) against the direction of the rooms (docs/layout.md):\n${problems.join('\n')}`);
  process.exit(1);
}
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/** The CLI entry's `import('./health.js')` stays a separate file. */
const healthApart = {
  name: 'health-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/health(\.js)?$/ }, args =>
      args.importer.endsWith('cli/main.ts') ? { path: './cli-health.js', external: true } : undefined);
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js' }),
  // the language server's checks run in this worker thread (lsp/checker.ts)
  build({ ...common, entryPoints: ['server/src/lsp/check-worker.ts'], outfile: 'dist/check-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [healthApart] }),
  build({ ...common, entryPoints: ['server/src/cli/health.ts'], outfile: 'dist/cli-health.js' }),
]);
