/**
 * What every real server build does when an include names something that is not a regular
 * file, against what the engine says about it (RG116): a FIFO makes it wait, /dev/zero is read
 * forever, /dev/urandom until memory runs out, a socket cannot be opened, /dev/null and a
 * directory read as empty.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { lintText, verdictOf } from '../../server/src/engine/lint';
import { probeConfig, ServerVerdict } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf } from '../helpers/servers';

const builds = serverBuilds();
let tmp: string;
let socketServer: net.Server;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-special-'));
  cp.execFileSync('mkfifo', [path.join(tmp, 'pipe')]);
  fs.mkdirSync(path.join(tmp, 'folder'));
  socketServer = net.createServer();
  await new Promise<void>(resolve => socketServer.listen(path.join(tmp, 'sock'), resolve));
});
after(() => { socketServer?.close(); fs.rmSync(tmp, { recursive: true, force: true }); });

test('the builds to check against are there', () => {
  assert.equal(missingBuilds(builds), undefined);
});

interface Case {
  name: string;
  include: () => string;
  /** What the server does. */
  server: (v: ServerVerdict) => boolean;
  /** What the engine says, with host checks. */
  engine: RegExp | 'nothing';
  fatal: boolean;
  /** Run the server under a memory limit (bash ulimit -v, in KB). */
  memoryKb?: number;
}

const CASES: Case[] = [
  { name: 'a FIFO: the server waits at the include', include: () => path.join(tmp, 'pipe'), server: v => v.kind === 'timeout', engine: /is a FIFO/, fatal: false },
  { name: '/dev/zero: the server reads it forever', include: () => '/dev/zero', server: v => v.kind === 'timeout', engine: /is a device/, fatal: false },
  { name: '/dev/urandom: the server runs out of memory', include: () => '/dev/urandom', server: v => v.kind !== 'starts' && v.kind !== 'timeout', engine: /is a device/, fatal: false, memoryKb: 600_000 },
  { name: 'a socket: the server cannot open it and stops', include: () => path.join(tmp, 'sock'), server: v => v.kind === 'refused-startup' && /can't open config file/.test(v.message), engine: /is a socket/, fatal: true },
  { name: '/dev/null: reads as empty', include: () => '/dev/null', server: v => v.kind === 'starts', engine: 'nothing', fatal: false },
  { name: 'a directory: reads as empty', include: () => path.join(tmp, 'folder'), server: v => v.kind === 'starts', engine: 'nothing', fatal: false },
];

for (const build of builds) {
  test(`${build.id}: includes of FIFOs, devices, sockets and directories`, async t => {
    for (const c of CASES) {
      await t.test(c.name, async () => {
        const file = path.join(tmp, `${build.id}-${CASES.indexOf(c)}.conf`);
        const text = `maxclients 100\ninclude ${c.include()}\n`;
        fs.writeFileSync(file, text);
        let binary = build.server;
        if (c.memoryKb) {
          binary = path.join(tmp, `${build.id}-limited.sh`);
          fs.writeFileSync(binary, `#!/bin/bash\nulimit -v ${c.memoryKb}\nexec ${JSON.stringify(build.server)} "$@"\n`, { mode: 0o755 });
        }
        const v = await probeConfig(file, { binary, timeoutMs: 3000 });
        assert.ok(c.server(v), `the server: ${JSON.stringify(v).slice(0, 400)}`);
        const findings = lintText(text, { server: targetOf(build), filePath: file, hostChecks: true, profile: false });
        const inc = findings.filter(f => f.code === 'RG116');
        if (c.engine === 'nothing') assert.deepEqual(inc, []);
        else assert.ok(inc.some(f => (c.engine as RegExp).test(f.message)), `engine: ${inc.map(f => f.message).join(' | ') || 'no RG116'}`);
        assert.equal(verdictOf(findings).kind === 'refused-startup', c.fatal, `engine verdict ${JSON.stringify(verdictOf(findings))}`);
      });
    }
  });
}
