/** The target a file names for itself: the server= comment, then a flavour's file name, then the configured target. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetOfFile } from '../../server/src/engine/target-of-file';
import { lintText } from '../../server/src/engine/lint';

const pick = (text: string, file: string | undefined, configured?: string) => {
  const r = targetOfFile(text, file, configured);
  return 'error' in r ? r.error : `${r.target.id} (${r.source})`;
};

test('a server= comment wins over the file name and the setting', () => {
  assert.equal(pick('# redis-guard: server=valkey@8.1\nport 7000\n', '/x/memurai.conf', 'redis@7.0'), 'valkey@8.1 (comment)');
});

test('memurai.conf and valkey.conf are their flavour; the setting gives the version when it is the same flavour', () => {
  assert.equal(pick('port 7000\n', '/x/memurai.conf'), 'memurai@4.1 (file name)');
  assert.equal(pick('port 7000\n', '/x/memurai-prod.conf', 'redis@7.0'), 'memurai@4.1 (file name)');
  assert.equal(pick('port 7000\n', '/x/valkey.conf', 'redis@7.2'), 'valkey@9.1 (file name)');
  assert.equal(pick('port 7000\n', '/x/valkey.conf', 'valkey@8.0'), 'valkey@8.0 (setting)');
  assert.equal(pick('port 7000\n', '/x/redis.conf', 'valkey@8.0'), 'valkey@8.0 (setting)');
  assert.equal(pick('port 7000\n', undefined), 'redis@7.2 (setting)');
});

test('an unknown server= value is reported and does not change the target', () => {
  assert.equal(pick('# redis-guard: server=redis@1.0\n', '/x/redis.conf', 'redis@7.0'), 'redis@7.0 (setting)');
  const f = lintText('# redis-guard: server=redis@1.0\nport 7000\n', { server: 'redis@7.0' });
  assert.ok(f.some(x => x.code === 'RG204' && /server=flavour@version/.test(x.message)));
  assert.ok(!lintText('# redis-guard: server=valkey@8.1\nport 7000\n', { server: 'redis@7.0' }).some(x => x.code === 'RG204'));
});

test('redis-guard lint checks memurai.conf as Memurai and says so', async () => {
  const cp = await import('child_process');
  const fs = await import('fs');
  const os = await import('os');
  const path = await import('path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-target-'));
  try {
    fs.writeFileSync(path.join(dir, 'memurai.conf'), 'port 7000\n');
    const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
    const r = cp.spawnSync(process.execPath, [cli, 'lint', path.join(dir, 'memurai.conf')], { encoding: 'utf8' });
    assert.match(r.stdout, /memurai\.conf: checked against memurai@4\.1 \(from its file name\)/);
    const explicit = cp.spawnSync(process.execPath, [cli, 'lint', '--server', 'memurai@4.1', path.join(dir, 'memurai.conf')], { encoding: 'utf8' });
    assert.doesNotMatch(explicit.stdout, /from its file name/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
