// Which way the code may depend (docs/layout.md), checked on every build and by a unit test.
//
//   engine  pure: only itself; fs/os only in engine/file-access.ts
//   lsp     the engine's public entry (engine/index.ts) and itself
//   live    the engine's public entry and itself; ioredis
//   cli     the engine's public entry, live, and itself
//   client  the engine's public entry, live, and itself; the only room that may import vscode
//
// Nothing under server/ may import client/. Imports are read with TypeScript's own
// pre-processor, so `import()` and `require()` count too and comments do not.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOMS = {
  engine: { dir: 'server/src/engine', rooms: ['engine'], packages: ['ipaddr.js', 'yaml'] },
  lsp: { dir: 'server/src/lsp', rooms: ['lsp', 'engine-entry'], packages: ['vscode-languageserver', 'vscode-languageserver-textdocument'] },
  live: { dir: 'server/src/live', rooms: ['live', 'engine-entry'], packages: ['ioredis', 'redis-parser'] },
  cli: { dir: 'server/src/cli', rooms: ['cli', 'engine-entry', 'live'], packages: [] },
  client: { dir: 'client/src', rooms: ['client', 'engine-entry', 'live'], packages: ['vscode', 'vscode-languageclient'] },
};
const ENGINE_ENTRY = 'server/src/engine/index.ts';
const ENGINE_IO = 'server/src/engine/file-access.ts';
const BUILTINS = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));
/** Node modules the engine may use anywhere (no I/O), and those only its file-access module may use. */
const ENGINE_BUILTINS = new Set(['path', 'crypto', 'net', 'url', 'util']);
const ENGINE_IO_BUILTINS = new Set(['fs', 'os']);

function roomOf(rel) {
  for (const [name, r] of Object.entries(ROOMS)) if (rel === r.dir || rel.startsWith(r.dir + '/')) return name;
  return undefined;
}

function resolveRelative(root, from, spec) {
  const base = path.join(path.dirname(path.join(root, from)), spec.replace(/\.js$/, ''));
  for (const c of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return path.relative(root, c).split(path.sep).join('/');
  }
  return undefined;
}

function* sources(root, dir) {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return;
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) yield* sources(root, rel);
    else if (e.name.endsWith('.ts')) yield rel;
  }
}

/** Every import that goes against the layout, as `file: import "spec" (why)`. */
export function checkLayout(root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')) {
  const problems = [];
  for (const top of ['server/src', 'client/src']) {
    for (const file of sources(root, top)) {
      const room = roomOf(file);
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const { importedFiles } = ts.preProcessFile(text, true, true);
      for (const { fileName: spec } of importedFiles) {
        const bad = why => problems.push(`${file}: import "${spec}" (${why})`);
        if (!room) { bad(`${path.dirname(file)} is no room of the layout`); continue; }
        const rule = ROOMS[room];
        if (spec.startsWith('.')) {
          const target = resolveRelative(root, file, spec);
          if (!target) continue; // JSON data and the like; the compiler reports missing files
          if (target.startsWith('client/') && room !== 'client') { bad('nothing under server/ imports client/'); continue; }
          const to = roomOf(target);
          if (to === room) continue;
          if (to === 'engine' && target === ENGINE_ENTRY && rule.rooms.includes('engine-entry')) continue;
          if (to === 'engine' && rule.rooms.includes('engine-entry')) { bad('use the engine through server/src/engine/index.ts'); continue; }
          if (!rule.rooms.includes(to)) bad(`${room} may not depend on ${to ?? target}`);
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
        if (BUILTINS.has(spec)) {
          const name = spec.replace(/^node:/, '');
          if (room === 'engine' && !ENGINE_BUILTINS.has(name) && !(file === ENGINE_IO && ENGINE_IO_BUILTINS.has(name))) {
            bad(`the engine does I/O only through ${ENGINE_IO}`);
          }
          continue;
        }
        if (!rule.packages.includes(pkg)) bad(`package ${pkg} is not one the ${room} room may use`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkLayout();
  for (const p of problems) console.error(p);
  console.error(problems.length ? `${problems.length} layout problem(s)` : 'layout: every import goes the right way');
  process.exit(problems.length ? 1 : 0);
}
