/**
 * Add Deployment reads the workspace's config files within bounds: a FIFO is skipped without
 * being opened (nothing waits on it), a file over 4 MB is skipped, the first redis-guard.json is
 * the manifest, and an open editor's text wins over the file on disk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readConfigFiles, readMemberFile } from '../../client/src/views/read-bounded';

test('regular files only, 4 MB each: a FIFO and a huge file are skipped, never read', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-read-bounded-'));
  try {
    const p = (n: string) => path.join(dir, n);
    fs.writeFileSync(p('redis-primary.conf'), 'port 7001\n');
    fs.writeFileSync(p('redis-replica.conf'), 'port 7002\nreplicaof 127.0.0.1 7001\n');
    fs.writeFileSync(p('redis-big.conf'), Buffer.alloc(5 * 1024 * 1024, 0x23));
    fs.writeFileSync(p('redis-guard.json'), '{"deployments":[]}');
    execFileSync('mkfifo', [p('redis-fifo.conf')]);
    const names = ['redis-primary.conf', 'redis-replica.conf', 'redis-big.conf', 'redis-guard.json', 'redis-fifo.conf', 'redis-missing.conf'];
    const started = Date.now();
    const got = await readConfigFiles(names.map(p), f => (f.endsWith('replica.conf') ? 'port 7002\n# unsaved edit\n' : undefined), f => path.basename(f));
    assert.ok(Date.now() - started < 2000, 'nothing waited on the FIFO');
    assert.deepEqual(got.files.map(f => path.basename(f.path)), ['redis-primary.conf', 'redis-replica.conf']);
    assert.equal(got.files[1].text, 'port 7002\n# unsaved edit\n', 'the open editor\'s text');
    assert.equal(got.manifest?.path, p('redis-guard.json'));
    assert.deepEqual(got.skipped.sort(), ['redis-big.conf (too large)', 'redis-fifo.conf (not a regular file)', 'redis-missing.conf (unreadable)']);
    assert.equal(await readMemberFile(p('redis-fifo.conf')), undefined);
    assert.equal(await readMemberFile(p('redis-big.conf')), undefined);
    assert.equal(await readMemberFile(p('redis-primary.conf')), 'port 7001\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
