/**
 * `redis-guard health` (the built CLI) against hostile fake servers on loopback: garbage bytes,
 * a server that never answers, one that trickles, a 500 MB INFO, a close in the middle of a
 * reply, NOPERM for everything. Each run must end with exit status 0/1/2, JSON that parses
 * (`--format json`) or a single error line, and no stack trace.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { error, FakeClient, healthyReply, startFakeResp, streamHugeBulk, trickler, FakeResp } from '../helpers/fake-resp';
import { CliRun, hasStackTrace, runCli } from '../helpers/run-cli';

const servers: FakeResp[] = [];
after(async () => { for (const s of servers) await s.close(); });

async function fake(b: Parameters<typeof startFakeResp>[0]): Promise<FakeResp> {
  const s = await startFakeResp(b);
  servers.push(s);
  return s;
}

interface Item { id: string; status: string; value: string; why: string; children?: Item[] }
const flat = (items: Item[]): Item[] => items.flatMap(i => [i, ...flat(i.children ?? [])]);

/** Runs health twice (text and JSON) and checks the shape every hostile run must have. */
async function health(port: number, extra: string[] = []): Promise<{ text: CliRun; json: CliRun; report: { exitCode: number; status: string; error?: string; items: Item[] } }> {
  const url = `redis://127.0.0.1:${port}`;
  const text = await runCli(['health', url, '--timeout', '500', ...extra]);
  const json = await runCli(['health', url, '--timeout', '500', '--format', 'json', ...extra]);
  for (const r of [text, json]) {
    assert.ok(r.code === 0 || r.code === 1 || r.code === 2, `exit status ${r.code}\n${r.out}\n${r.err}`);
    assert.ok(!hasStackTrace(r.out + r.err), `no stack trace:\n${r.out}\n${r.err}`);
    assert.ok(r.err.trim().split('\n').length <= 1, `at most one line on stderr:\n${r.err}`);
  }
  const report = JSON.parse(json.out);
  assert.equal(report.exitCode, json.code, 'the JSON exit code is the process exit status');
  assert.equal(text.code, json.code, 'text and JSON agree on the exit status');
  return { text, json, report };
}

test('garbage bytes instead of RESP: exit 2, one line saying it is no Redis protocol', async () => {
  const s = await fake((_argv, c) => c.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  const { text, report } = await health(s.port);
  assert.equal(text.code, 2);
  assert.match(text.err, /^redis-guard health: .*protocol/i);
  assert.match(report.error ?? '', /protocol/i);
});

test('a server that accepts and never answers: exit 2 with a timeout message', async () => {
  const s = await fake(() => { /* silence */ });
  const { text, report } = await health(s.port);
  assert.equal(text.code, 2);
  assert.match(text.err, /^redis-guard health: .*within 500 ms/);
  assert.match(report.error ?? '', /within 500 ms/);
});

test('a server that trickles one byte every 20 ms: cut off by the timeout, exit 2', async () => {
  const senders = new WeakMap<FakeClient, (d: string) => void>();
  const s = await fake((argv, c) => {
    if (!senders.has(c)) senders.set(c, trickler(c, 20));
    senders.get(c)!(healthyReply(argv));
  });
  const { text, json, report } = await health(s.port);
  assert.equal(text.code, 2);
  assert.match(text.out + text.err, /within 500 ms/);
  assert.match(json.out, /within 500 ms/);
  assert.notEqual(report.status, 'ok');
});

test('INFO of 500 MB: refused as too large without reading it, RSS stays small, exit 2', async () => {
  const s = await fake((argv, c) => {
    if (argv[0] === 'info') streamHugeBulk(c, 500 * 1024 * 1024);
    else c.write(healthyReply(argv));
  });
  const { text, json, report } = await health(s.port, ['--timeout', '20000']);
  assert.equal(text.code, 2);
  for (const r of [text, json]) assert.ok(r.maxRssMb < 300, `peak RSS ${r.maxRssMb.toFixed(0)} MB`);
  assert.match(text.out, /^\[NOT CHECKED\] Server › Version: .*reply too large/m);
  const version = flat(report.items).find(i => i.id === 'server.version');
  assert.equal(version?.status, 'not-checked');
  assert.match(version!.why, /larger than 8 MB/);
});

test('the connection closes in the middle of the INFO reply: INFO is "not checked", exit 2', async () => {
  const s = await fake((argv, c) => {
    if (argv[0] === 'info') { c.write(`$100000\r\n${'# Server\r\nredis_version:7.0.15\r\n'.repeat(20)}`); c.socket.destroy(); }
    else c.write(healthyReply(argv));
  });
  const { text, report } = await health(s.port);
  assert.equal(text.code, 2);
  assert.match(text.out, /^\[NOT CHECKED\] Server › Version: .*connection (was )?lost/m);
  assert.doesNotMatch(text.out, /— OK \(exit 0\)$/m);
  const version = flat(report.items).find(i => i.id === 'server.version');
  assert.equal(version?.status, 'not-checked');
});

test('NOPERM for every command, PING included: nothing was checked, exit 2', async () => {
  const s = await fake((argv, c) => c.write(error(`NOPERM this user has no permissions to run the '${argv[0]}' command`)));
  const { text, report } = await health(s.port);
  assert.equal(text.code, 2);
  assert.match(text.out, /nothing could be checked/i);
  assert.notEqual(report.status, 'ok');
  assert.ok(flat(report.items).some(i => i.id === 'server.ping' && i.status === 'not-permitted'));
});
