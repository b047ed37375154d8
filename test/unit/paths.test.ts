/** Windows paths in a file for Windows (Memurai, or platform=windows) are not looked up on this machine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lintText } from '../../server/src/engine/lint';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-paths-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'x.conf');
const codes = (text: string, server: string, hostChecks = false) =>
  lintText(text, { server, filePath: file, hostChecks, profile: false }).map(f => `${f.code}@${f.line + 1}`);

test('Memurai: dir C:\\data and C:/data are absolute Windows paths, not missing folders next to the file', () => {
  for (const d of ['C:\\data', 'C:/BookingScraper', "'\\\\fileserver\\redis'"]) {
    assert.deepEqual(codes(`dir ${d}\n`, 'memurai@4.1'), [], d);
    assert.deepEqual(codes(`dir ${d}\n`, 'memurai@4.1', true), ['RG206@1'], `${d}: with host checks, said to be unchecked`);
  }
});

test('Redis on Linux: the same line is a folder that does not exist (fatal with host checks)', () => {
  assert.deepEqual(codes('dir C:/BookingScraper\n', 'redis@7.0'), ['RG117@1']);
  const [f] = lintText('dir C:/BookingScraper\n', { server: 'redis@7.0', filePath: file, hostChecks: true, profile: false });
  assert.ok(f.fatal);
});

test('platform=windows in the file does the same for any target; relative paths after a Windows dir are not checked', () => {
  const text = '# redis-guard: platform=windows\ndir C:\\data\ninclude extra.conf\n';
  assert.deepEqual(codes(text, 'redis@7.2'), []);
  assert.deepEqual(codes('dir C:\\data\ninclude extra.conf\n', 'redis@7.2').sort(), ['RG116@2', 'RG117@1']);
});

test('Windows paths of logfile, TLS files, aclfile and modules are not looked up either', () => {
  const text = 'logfile C:/logs/redis.log\naclfile C:/redis/users.acl\nloadmodule C:/redis/mod.dll\n';
  assert.deepEqual(codes(text, 'memurai@4.1'), []);
  assert.deepEqual(codes(text, 'memurai@4.1', true).sort(), ['RG206@1', 'RG206@2', 'RG206@3']);
});
