/**
 * docker-compose files, Dockerfiles and Kubernetes YAML in the language server: diagnostics on
 * the text of the arguments a server is started with, in the file's own language; nothing at
 * all for such files that start no server.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { startLanguageServer, LanguageServer } from '../helpers/lsp-client';
import { HOURLY_COMPOSE, KUBERNETES } from '../helpers/command-line-fixtures';

let ls: LanguageServer;
let tmp: string;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-lsp-containers-'));
  ls = await startLanguageServer({ settings: { server: 'redis@7.0' } });
});

after(() => {
  ls?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const fatal = (ds: any[]) => ds.filter(d => d.data?.fatal).map(d => ({ code: d.code, range: d.range }));

test('a docker-compose.yml gets the fatal finding on the "#" that reaches the server, in the quoted and the list form only', async () => {
  const uri = ls.open(path.join(tmp, 'docker-compose.yml'), HOURLY_COMPOSE, true, 'dockercompose');
  const ds = await ls.waitForDiagnostics(uri, d => d.length > 0);
  assert.deepEqual(fatal(ds), [
    { code: 'RG108', range: { start: { line: 6, character: 40 }, end: { line: 6, character: 41 } } },
    { code: 'RG108', range: { start: { line: 9, character: 52 }, end: { line: 9, character: 55 } } },
  ]);
  assert.match(ds.find(d => d.data?.fatal).message, /the server refuses to start/);
});

test('a Dockerfile CMD with a bad value', async () => {
  const uri = ls.open(path.join(tmp, 'Dockerfile'), 'FROM redis:7.0\nCMD ["redis-server", "--maxmemory", "2x"]\n', true, 'dockerfile');
  const ds = await ls.waitForDiagnostics(uri, d => d.length > 0);
  assert.deepEqual(fatal(ds), [{ code: 'RG107', range: { start: { line: 1, character: 36 }, end: { line: 1, character: 40 } } }]);
});

test('a Kubernetes manifest opened as YAML: the fatal value after $$ expansion', async () => {
  const uri = ls.open(path.join(tmp, 'redis-statefulset.yaml'), KUBERNETES, true, 'yaml');
  const ds = await ls.waitForDiagnostics(uri, d => d.length > 0);
  assert.deepEqual(fatal(ds).map(d => d.code), ['RG105']);
});

test('YAML and Dockerfiles that start no server get no diagnostics', async () => {
  const files: Array<[string, string, string]> = [
    ['values.yaml', 'image: redis\nreplicas: 3\n# redis-server is mentioned only here\n', 'yaml'],
    ['compose.yaml', 'services:\n  web:\n    image: nginx\n    command: nginx -g "daemon off;"\n', 'dockercompose'],
    ['Dockerfile.web', 'FROM nginx\nCMD ["nginx"]\n', 'dockerfile'],
  ];
  for (const [name, text, lang] of files) {
    const uri = ls.open(path.join(tmp, name), text, true, lang);
    const ds = await ls.waitForDiagnostics(uri);
    assert.deepEqual(ds, [], name);
  }
});
