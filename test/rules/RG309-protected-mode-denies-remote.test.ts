/** Spec for RG309 protected-mode-denies-remote, with the server's behaviour checked on real builds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'os';
import { findingsOf } from './helpers';
import { startRedis } from '../helpers/redis-server';
import { serverBuilds } from '../helpers/servers';
import * as net from 'net';

const PW = '5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4';

test('RG309 fires at the non-loopback bind address when protected mode is on and the default user has no password', () => {
  const f = findingsOf('RG309', 'bind 127.0.0.1 0.0.0.0\nport 6379\n', { server: 'redis@7.0' });
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 15]]);
  assert.match(f[0].message, /answers them DENIED/);
  assert.equal(findingsOf('RG309', 'bind 10.0.0.5\n', { server: 'valkey@8.1' }).length, 1);
  assert.equal(findingsOf('RG309', 'bind * -::*\n', { server: 'memurai@4.1' }).length, 1);
});

test('RG309 is quiet with a password, with protected mode off, on loopback, without a bind line, before 7.0 and in sentinel.conf', () => {
  assert.equal(findingsOf('RG309', `bind 0.0.0.0\nrequirepass ${PW}\n`, { server: 'redis@7.0' }).length, 0);
  assert.equal(findingsOf('RG309', `bind 0.0.0.0\nuser default on #${PW} ~* +@all\n`, { server: 'redis@7.0' }).length, 0);
  assert.equal(findingsOf('RG309', 'bind 0.0.0.0\nprotected-mode no\n', { server: 'redis@7.0' }).length, 0, 'RG306 covers that');
  assert.equal(findingsOf('RG309', 'bind 127.0.0.1 -::1\n', { server: 'redis@7.0' }).length, 0);
  assert.equal(findingsOf('RG309', 'port 6379\n', { server: 'redis@7.0' }).length, 0);
  assert.equal(findingsOf('RG309', 'bind 0.0.0.0\n', { server: 'redis@6.2' }).length, 0, 'before 7.0 an explicit bind lets remote clients in');
  assert.equal(findingsOf('RG309', 'bind 0.0.0.0\nsentinel monitor m 127.0.0.1 6379 2\n', { server: 'redis@7.0', sentinel: true }).length, 0);
});

/** A non-loopback IPv4 address of this machine, to connect from "another host". */
function ownAddress(): string {
  const a = Object.values(os.networkInterfaces()).flat().find(i => i && i.family === 'IPv4' && !i.internal);
  if (!a) throw new Error('this machine has no non-loopback IPv4 address to test protected mode with');
  return a.address;
}

/** The first reply line to PING (after AUTH when a password is given), over a plain socket: the server sends -DENIED and closes. */
function pingFrom(host: string, port: number, password?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host, port });
    let got = '';
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no reply from ${host}:${port}`)); }, 5000);
    sock.on('connect', () => sock.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    sock.on('data', d => {
      got += d.toString('utf8');
      const lines = got.split('\r\n').filter(Boolean);
      if (lines.length >= (password ? 2 : 1)) { clearTimeout(timer); sock.destroy(); resolve(lines[lines.length - 1]); }
    });
    sock.on('close', () => { clearTimeout(timer); resolve(got.split('\r\n').filter(Boolean).pop() ?? '(closed)'); });
    sock.on('error', e => { clearTimeout(timer); reject(e); });
  });
}

for (const build of serverBuilds().filter(b => ['redis-7.0', 'redis-8.0', 'valkey-8.1'].some(p => b.id.startsWith(p)))) {
  test(`${build.id}: bind 0.0.0.0 with protected mode and no password answers other hosts DENIED; with a password they get in; RG301 words who gets in the way the server behaves`, async () => {
    const host = ownAddress();
    const open = await startRedis({ binary: build.server, cliBinary: build.cli, config: 'bind 0.0.0.0\nprotected-mode yes\n' });
    try {
      assert.match(await pingFrom(host, open.port), /DENIED/);
      assert.equal(await pingFrom('127.0.0.1', open.port), '+PONG', 'loopback is served');
    } finally {
      await open.stop();
    }
    const locked = await startRedis({ binary: build.server, cliBinary: build.cli, config: `bind 0.0.0.0\nprotected-mode yes\nrequirepass ${PW}\n` });
    try {
      assert.equal(await pingFrom(host, locked.port, PW), '+PONG');
    } finally {
      await locked.stop();
    }
    // RG301's two wordings: with the default bind (written out: the harness binds loopback otherwise) other
    // hosts are turned away; with protected mode off they get full access
    const target = build.id.startsWith('valkey') ? 'valkey@8.1' : build.id.startsWith('redis-8') ? 'redis@8.0' : 'redis@7.0';
    for (const [config, reply, wording] of [['bind * -::*\n', /DENIED/, /protected mode answers all others DENIED/], ['bind * -::*\nprotected-mode no\n', /^\+PONG$/, /anyone who can reach the port/]] as const) {
      const s = await startRedis({ binary: build.server, cliBinary: build.cli, config });
      try {
        assert.match(await pingFrom(host, s.port), reply, config);
      } finally {
        await s.stop();
      }
      assert.match(findingsOf('RG301', config, { server: target })[0].message, wording, config);
    }
    assert.equal(findingsOf('RG309', 'bind 0.0.0.0\nprotected-mode yes\n', { server: build.id.startsWith('valkey') ? 'valkey@8.1' : build.id.startsWith('redis-8') ? 'redis@8.0' : 'redis@7.0' }).length, 1);
  });
}
