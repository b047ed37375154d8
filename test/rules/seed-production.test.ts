/** The production checklist on the guide's own config, through the CLI as a CI job runs it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { probeConfig } from '../helpers/redis-server';

const root = path.resolve(__dirname, '..', '..', '..');
const cli = path.join(root, 'dist', 'cli.js');
const seed = path.join(root, 'examples', 'memurai.conf');

function lint(args: string[]) {
  const r = cp.spawnSync(process.execPath, [cli, 'lint', ...args], { encoding: 'utf8' });
  return { code: r.status, json: r.stdout.startsWith('{') ? JSON.parse(r.stdout) : undefined, err: r.stderr };
}

test('--profile production on the seed reports the guide\'s risks at their lines', () => {
  const d: Array<{ line: number; code: string; message: string; fatal: boolean }> = lint(['--profile', 'production', '--format', 'json', seed]).json.files[0].diagnostics;
  const at = (code: string) => d.filter(x => x.code === code).map(x => x.line);
  assert.deepEqual(at('RG303'), [15], 'placeholder password');
  assert.deepEqual(at('RG331'), [58], 'allkeys-lru on a security store');
  assert.deepEqual(at('RG370'), [62], 'escaped Windows backslashes in logfile');
  assert.deepEqual(at('RG311'), [82], 'guessable CONFIG rename');
  assert.equal(at('RG340').length, 1, 'no TLS');
  assert.deepEqual(at('RG312'), [79], 'rename-command deprecated, once for the four renames');
  assert.deepEqual([...new Set(d.filter(x => x.fatal).map(x => x.line))], [22, 23, 24, 82]);
});

test('--fix turns the seed (its Windows dir pointed at a temp folder) into a file the real server loads, leaving password and eviction as written', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seedfix-'));
  try {
    const file = path.join(dir, 'memurai.conf');
    fs.writeFileSync(file, fs.readFileSync(seed, 'utf8').replace(/^dir .*$/m, `dir ${dir}`));
    const fixed = lint(['--profile', 'production', '--fix', '--format', 'json', file]);
    assert.match(fixed.err, /applied \d+ fix/);
    assert.match(fixed.err, /memurai\.conf:22: fixed RG113: Move the comment to its own line above/, 'each change is printed');
    assert.doesNotMatch(fixed.err, /changes behaviour/, 'only safe fixes');
    const left = fixed.json.files[0].diagnostics;
    assert.deepEqual(left.filter((x: any) => x.fatal), [], 'nothing fatal left');
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /^# Save if 1 key changed in 15 minutes\r?\nsave 900 1$/m);
    assert.match(text, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m, 'the password is left as written');
    assert.match(text, /^maxmemory-policy allkeys-lru$/m, 'the eviction policy is left as written');
    assert.match(text, /^logfile 'C:\\ProgramData\\Memurai\\memurai\.log'$/m);
    const v = await probeConfig(file, { cwd: dir });
    assert.equal(v.kind, 'starts', JSON.stringify(v));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix-all-including-review also changes password and eviction, prints each change and names the new password by line only', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-seedreview-'));
  try {
    const file = path.join(dir, 'memurai.conf');
    fs.writeFileSync(file, fs.readFileSync(seed, 'utf8').replace(/^dir .*$/m, `dir ${dir}`));
    const fixed = lint(['--profile', 'production', '--fix-all-including-review', '--format', 'json', file]);
    const text = fs.readFileSync(file, 'utf8');
    const password = /^requirepass ([0-9a-f]{64})$/m.exec(text)?.[1];
    assert.ok(password, 'placeholder replaced by a random password');
    assert.match(text, /^maxmemory-policy noeviction$/m, 'a security store gets noeviction');
    assert.match(fixed.err, /memurai\.conf:15: fixed RG303: .* \(changes behaviour\)/);
    assert.match(fixed.err, /a new password was written to this file .* masterauth/);
    assert.ok(!fixed.err.includes(password!) && !JSON.stringify(fixed.json).includes(password!), 'the password itself is not printed');
    const v = await probeConfig(file, { cwd: dir });
    assert.equal(v.kind, 'starts', JSON.stringify(v));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
