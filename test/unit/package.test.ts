/**
 * The packaged extension (scripts/package.mjs → .vsix): what goes in, what stays out,
 * and that package.json contributes exactly what the code registers and reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// ---------------------------------------------------------------------------
// a small zip reader (central directory + stored/deflated entries)

interface ZipEntry { name: string; method: number; compressedSize: number; size: number; offset: number }

function zipEntries(buf: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'not a zip file: no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, `central directory entry ${i}`);
    const nameLen = buf.readUInt16LE(p + 28), extraLen = buf.readUInt16LE(p + 30), commentLen = buf.readUInt16LE(p + 32);
    out.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function zipRead(buf: Buffer, e: ZipEntry): Buffer {
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (e.method === 0) return data;
  assert.equal(e.method, 8, `${e.name}: unsupported compression method ${e.method}`);
  return zlib.inflateRawSync(data);
}

// ---------------------------------------------------------------------------
// the package, built once into a temp folder (never touches dist/ or redis-guard.vsix)

interface Packaged { size: number; names: string[]; manifest: any }
let packaged: Packaged | undefined;

/** Packages once, on first use, so the contribution checks below do not depend on a build. */
function vsix(): Packaged {
  if (packaged) return packaged;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-vsix-test-'));
  try {
    const out = path.join(dir, 'redis-guard.vsix');
    const r = cp.spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);
    const buf = fs.readFileSync(out);
    const entries = zipEntries(buf);
    const pj = entries.find(e => e.name === 'extension/package.json');
    assert.ok(pj, 'extension/package.json is missing');
    packaged = { size: buf.length, names: entries.map(e => e.name), manifest: JSON.parse(zipRead(buf, pj).toString('utf8')) };
    return packaged;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the .vsix holds the five bundles, the grammar and the manifest', () => {
  const { names } = vsix();
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/check-worker.js', 'dist/cli.js', 'dist/cli-health.js', 'syntaxes/redis-conf.tmLanguage.json', 'package.json']) {
    assert.ok(names.includes(`extension/${f}`), `${f} is not in the .vsix`);
  }
});

test('the .vsix holds no dependencies, tests, TypeScript sources or source maps', () => {
  const { names } = vsix();
  const bad = names.filter(n => /(^|\/)node_modules\//.test(n) || n.startsWith('extension/test/') || /\.ts$/.test(n) || /\.map$/.test(n));
  assert.deepEqual(bad, []);
});

test('the .vsix is smaller than 1 MB', () => {
  const { size } = vsix();
  assert.ok(size < 1024 * 1024, `${size} bytes`);
});

test('every file the packaged manifest points at is in the .vsix', () => {
  const { names, manifest: packagedManifest } = vsix();
  const refs: string[] = [];
  const walk = (v: unknown, key: string) => {
    if (typeof v === 'string') {
      if (['main', 'path', 'configuration', 'icon', 'light', 'dark'].includes(key) && !v.startsWith('$(') && !/^[a-z]+:/i.test(v)) refs.push(v);
    } else if (Array.isArray(v)) v.forEach(x => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk({ main: packagedManifest.main, icon: packagedManifest.icon }, '');
  walk(packagedManifest.contributes, '');
  assert.ok(refs.includes('./dist/client.js'), `main: ${packagedManifest.main}`);
  const missing = refs.filter(r => !names.includes(`extension/${path.posix.normalize(r)}`));
  assert.deepEqual(missing, [], 'referenced by package.json but not packaged');
});

test('the docs pages that diagnostics link to are in the .vsix', () => {
  const { names } = vsix();
  const pages = ['docs/codes.md', ...fs.readdirSync(path.join(root, 'docs', 'rules')).filter(f => f.endsWith('.md')).map(f => `docs/rules/${f}`)];
  assert.deepEqual(pages.filter(p => !names.includes(`extension/${p}`)), []);
});

// ---------------------------------------------------------------------------
// contributions vs. code

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const clientSources = tsFiles(path.join(root, 'client', 'src')).map(f => ({ file: path.relative(root, f), text: fs.readFileSync(f, 'utf8') }));

/** String constants of the client: `const X = 'a'` and the string members of `const O = { k: 'a' }`. */
const constants = new Map<string, string>();
for (const { text } of clientSources) {
  for (const m of text.matchAll(/\b(?:const|let)\s+(\w+)\s*(?::[^=;\n]+)?=\s*(['"])([^'"\n]*)\2/g)) constants.set(m[1], m[3]);
  for (const m of text.matchAll(/\b(?:const|let)\s+(\w+)\s*(?::[^=;\n]+)?=\s*\{([^{}]*)\}/g)) {
    for (const e of m[2].matchAll(/(\w+)\s*:\s*(['"])([^'"\n]*)\2/g)) constants.set(`${m[1]}.${e[1]}`, e[3]);
  }
}

/** The string an argument expression stands for: a literal, a constant or a member of a constant object. */
function resolve(expr: string): string | undefined {
  const e = expr.trim();
  const lit = /^(['"`])([^'"`$]*)\1$/.exec(e);
  if (lit) return lit[2];
  return constants.get(e);
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

test('commands: every registerCommand in client/src is contributed, and every contributed command is registered', () => {
  const registered = new Set<string>();
  const unresolved: string[] = [];
  for (const { file, text } of clientSources) {
    for (const m of text.matchAll(/\bregisterCommand\(\s*([^,)]+)/g)) {
      const id = resolve(m[1]);
      if (id === undefined) unresolved.push(`${file}:${lineOf(text, m.index!)}: ${m[1].trim()}`);
      else registered.add(id);
    }
  }
  assert.deepEqual(unresolved, [], 'command ids this test cannot read (use a string literal or a const object of ids)');
  const contributed = new Set<string>((manifest.contributes?.commands ?? []).map((c: { command: string }) => c.command));
  // redisGuard.server.* are the language server's commands, registered by the language client
  const own = [...registered].filter(id => !id.startsWith('redisGuard.server.'));
  assert.ok(own.length > 0, 'found no registerCommand calls at all');
  assert.deepEqual(own.filter(id => !contributed.has(id)).sort(), [], 'registered but not in contributes.commands');
  assert.deepEqual([...contributed].filter(id => !registered.has(id)).sort(), [], 'contributed but never registered');
});

test('settings: every setting the client and the language server read is in contributes.configuration', () => {
  const properties = Object.keys(manifest.contributes?.configuration?.properties ?? {});
  const known = (key: string) => properties.some(p => p === key || p.startsWith(`${key}.`));
  const read = new Map<string, string>(); // key -> where
  const unresolved: string[] = [];
  const add = (section: string | undefined, key: string, where: string) => {
    if (section === undefined) { unresolved.push(where); return; }
    read.set(section ? `${section}.${key}` : key, where);
  };
  const access = String.raw`\.(?:get|update|inspect|has)\s*(?:<[^()]*?>)?\(\s*['"]([^'"]+)['"]`;
  for (const { file, text } of clientSources) {
    const where = (i: number) => `${file}:${lineOf(text, i)}`;
    // workspace.getConfiguration(S).get('k')
    for (const m of text.matchAll(new RegExp(String.raw`getConfiguration\(([^)]*)\)\s*` + access, 'g'))) {
      add(m[1].trim() ? resolve(m[1]) : '', m[2], where(m.index!));
    }
    // const cfg = workspace.getConfiguration(S); … cfg.get('k')   and   const cfg = () => workspace.getConfiguration(S); … cfg().get('k')
    for (const m of text.matchAll(/\b(?:const|let)\s+(\w+)\s*=\s*(\(\)\s*=>\s*)?(?:\w+\.)?getConfiguration\(([^)]*)\)/g)) {
      const section = m[3].trim() ? resolve(m[3]) : '';
      const call = m[2] ? String.raw`\(\)` : '';
      for (const g of text.matchAll(new RegExp(String.raw`\b${m[1]}${call}` + access, 'g'))) add(section, g[1], where(g.index!));
    }
    // e.affectsConfiguration('redisGuard.k')
    for (const m of text.matchAll(/affectsConfiguration\(\s*['"]([^'"]+)['"]/g)) add('', m[1], where(m.index!));
  }
  // the language server asks for the `redisGuard` section and reads the fields of its Settings interface
  const server = fs.readFileSync(path.join(root, 'server', 'src', 'lsp', 'settings.ts'), 'utf8');
  assert.match(server, /section:\s*'redisGuard'/);
  const settings = /interface Settings\s*\{([^}]*)\}/.exec(server);
  assert.ok(settings, 'server/src/lsp/settings.ts: interface Settings not found');
  const serverKeys = [...settings[1].matchAll(/(\w+)\??\s*:/g)].map(m => m[1]);
  assert.deepEqual([...serverKeys].sort(), ['profile', 'rules', 'server']);
  for (const k of serverKeys) read.set(`redisGuard.${k}`, 'server/src/lsp/settings.ts');

  assert.deepEqual(unresolved, [], 'getConfiguration sections this test cannot read');
  const missing = [...read].filter(([key]) => key.startsWith('redisGuard') && !known(key)).map(([key, where]) => `${key} (${where})`);
  assert.deepEqual(missing, [], 'read but not contributed');
  assert.ok(read.size >= 3);
});
