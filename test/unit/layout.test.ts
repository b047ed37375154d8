/** The direction of dependencies between the rooms (scripts/check-layout.mjs, run by every build). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

const root = path.resolve(__dirname, '..', '..', '..');
type Check = (root?: string) => string[];
const load = async (): Promise<Check> => (await import(pathToFileURL(path.join(root, 'scripts', 'check-layout.mjs')).href)).checkLayout;

test('every import in server/src and client/src goes the way docs/layout.md says', async () => {
  assert.deepEqual((await load())(root), []);
});

test('the check catches each kind of wrong import', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-layout-'));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
  };
  try {
    write('client/src/extension.ts', "import * as vscode from 'vscode';\n");
    write('server/src/engine/index.ts', "export { parse } from './parse';\n");
    write('server/src/engine/parse.ts', 'export const parse = 1;\n');
    write('server/src/engine/file-access.ts', "import * as fs from 'fs';\n");
    write('server/src/engine/bad.ts', [
      "import { x } from '../../../client/src/extension';",
      "import * as fs from 'node:fs';",
      "import Redis from 'ioredis';",
      "// import { y } from '../live/z';  (a comment is no import)",
      "const later = () => import('../live/probe');",
    ].join('\n'));
    write('server/src/live/probe.ts', "import { parse } from '../engine/parse';\nimport { parse as p } from '../engine';\n");
    write('server/src/lsp/server.ts', "import { probe } from '../live/probe';\nimport * as vscode from 'vscode';\n");
    write('server/src/cli/main.ts', "const h = require('../lsp/server');\n");
    const problems = (await load())(tmp);
    const has = (file: string, spec: string, why: RegExp) =>
      assert.ok(problems.some(p => p.startsWith(`${file}: import "${spec}"`) && why.test(p)), `${file} ${spec}: ${problems.join('\n')}`);
    has('server/src/engine/bad.ts', '../../../client/src/extension', /nothing under server\/ imports client\//);
    has('server/src/engine/bad.ts', 'node:fs', /I\/O only through/);
    has('server/src/engine/bad.ts', 'ioredis', /package ioredis/);
    has('server/src/engine/bad.ts', '../live/probe', /engine may not depend on live/);
    has('server/src/live/probe.ts', '../engine/parse', /engine\/index\.ts/);
    has('server/src/lsp/server.ts', '../live/probe', /lsp may not depend on live/);
    has('server/src/lsp/server.ts', 'vscode', /package vscode/);
    has('server/src/cli/main.ts', '../lsp/server', /cli may not depend on lsp/);
    assert.equal(problems.filter(p => p.includes('../live/z')).length, 0, 'comments are not imports');
    assert.equal(problems.filter(p => p.startsWith('server/src/engine/file-access.ts')).length, 0, 'the file-access module may use fs');
    assert.equal(problems.filter(p => p.startsWith('client/src/')).length, 0, 'the client may import vscode');
    assert.equal(problems.filter(p => p.includes('import "../engine"')).length, 0, 'the engine entry is open to live');
    assert.equal(problems.length, 8, problems.join('\n'));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
