/**
 * sentinel.conf as every real server build reads it in Sentinel mode: the sentinel lines are kept
 * until the rest of the file (and its log file check) has been read, then read in three rounds
 * (Sentinel's own settings, monitor lines, the rest), so the first failing line is not always the
 * first in the file; host names are refused without `sentinel resolve-hostnames yes`, even
 * localhost. The engine's verdict (with host checks) must be the build's on every case.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText, verdictOf } from '../../server/src/engine/lint';
import { probeConfig, ServerVerdict } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf } from '../helpers/servers';

const builds = serverBuilds();
const M = 'sentinel monitor m 127.0.0.1 6390 2';

const CASES: Array<[string, string]> = [
  ['an IP address', M],
  ['inet_aton short form 127.1', 'sentinel monitor m 127.1 6390 2'],
  ['localhost without resolve-hostnames', 'sentinel monitor m localhost 6390 2'],
  ['localhost, resolve-hostnames before', 'sentinel resolve-hostnames yes\nsentinel monitor m localhost 6390 2'],
  ['localhost, resolve-hostnames after', 'sentinel monitor m localhost 6390 2\nsentinel resolve-hostnames yes'],
  ['resolve-hostnames maybe', 'sentinel resolve-hostnames maybe\n' + M],
  ['a bad quorum, then a bad ordinary line', 'sentinel monitor m 127.0.0.1 6390 0\nmaxclients x'],
  ['a host name, then a missing log folder', 'sentinel monitor m localhost 6390 2\nlogfile /nonexistent-rg/dir/x.log'],
  ['settings of a primary before its monitor line', 'sentinel down-after-milliseconds m 1000\nsentinel failover-timeout m 5000\n' + M],
  ['settings of a primary no line monitors', `${M}\nsentinel down-after-milliseconds other 1000`],
  ['a primary monitored twice', `${M}\nsentinel monitor m 127.0.0.1 6391 2`],
  ['down-after-milliseconds 0', `${M}\nsentinel down-after-milliseconds m 0`],
  ['a short myid after a failing monitor line (myid is read first)', 'sentinel monitor m localhost 6390 2\nsentinel myid abc'],
  ['a port out of range', 'sentinel monitor m 127.0.0.1 70000 2'],
  ['a known replica by host name', `${M}\nsentinel known-replica m replica-host 6391`],
  ['an unknown sentinel setting after a failing monitor line', 'sentinel monitor m localhost 6390 2\nsentinel bogus 1'],
  ['too many arguments', 'sentinel monitor m 127.0.0.1 6390 2 extra'],
];

test('the builds to check against are there', () => {
  assert.equal(missingBuilds(builds), undefined);
});

const same = (server: ServerVerdict, engine: ReturnType<typeof verdictOf>) =>
  server.kind === engine.kind && (server.kind !== 'refused' || engine.kind !== 'refused' || server.line === engine.line);

for (const build of builds) {
  test(`${build.id}: sentinel.conf verdicts agree with Sentinel mode`, async t => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-sentinel-'));
    try {
      for (const [i, [name, text]] of CASES.entries()) {
        await t.test(name, async () => {
          const file = path.join(dir, `sentinel-${i}.conf`);
          fs.writeFileSync(file, text + '\n'); // Sentinel rewrites its file when it starts: lint the text first
          const engine = verdictOf(lintText(text + '\n', { server: targetOf(build), sentinel: true, hostChecks: true, profile: false, filePath: file }));
          // the harness's --logfile "" would replace the file's own log file, which this case is about
          const server = await probeConfig(file, { binary: build.server, extraArgs: ['--sentinel'], cwd: dir, keepLogfile: /logfile/.test(text) });
          assert.ok(same(server, engine), `server ${JSON.stringify(server).slice(0, 300)}, engine ${JSON.stringify(engine)}`);
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
