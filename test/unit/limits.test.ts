/**
 * The bounds of one check (engine/limits.ts), with small limits and a file system of our own
 * that counts what is read: each included file is read once however often it is included,
 * and each bound that cuts a check short is reported once, where it was met.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, verdictOf } from '../../server/src/engine/lint';
import { DEFAULT_LIMITS, Limits } from '../../server/src/engine/limits';
import type { FileAccess, FileKind } from '../../server/src/engine/file-access';

/** Files in memory; `reads` counts readFile calls per path. */
function memoryFs(files: Record<string, string>, kinds: Record<string, FileKind> = {}) {
  const reads = new Map<string, number>();
  const fs: FileAccess = {
    readFile(p, max) {
      reads.set(p, (reads.get(p) ?? 0) + 1);
      const t = files[p];
      if (t === undefined) return undefined;
      return Buffer.byteLength(t) > max ? { tooLarge: Buffer.byteLength(t) } : t;
    },
    readStart: () => undefined,
    stat: p => kinds[p] ?? (p in files ? 'file' : Object.keys(files).some(f => f.startsWith(p + '/')) ? 'dir' : undefined),
    glob: () => [],
  };
  return { fs, reads };
}

const lint = (text: string, fs: FileAccess, limits: Partial<Limits> = {}) =>
  lintText(text, { server: 'redis@7.0', filePath: '/c/main.conf', fs, profile: false, limits: { ...DEFAULT_LIMITS, ...limits } });

test('a file included many times is read once per check', () => {
  const { fs, reads } = memoryFs({ '/c/common.conf': 'maxclients 100\n' });
  const findings = lint('include common.conf\n'.repeat(50), fs);
  assert.deepEqual(findings.filter(f => f.code !== 'RG371'), []);
  assert.equal(reads.get('/c/common.conf'), 1);
});

test('more included files than the limit: one RG205 at the include that crosses it, the rest not followed', () => {
  const { fs } = memoryFs({ '/c/a.conf': 'maxclients 100\n', '/c/bad.conf': 'maxclients x\n' });
  const text = 'include a.conf\n'.repeat(5) + 'include bad.conf\n' + 'include a.conf\n'.repeat(5);
  const findings = lint(text, fs, { maxIncludedFiles: 5 });
  const cut = findings.filter(f => f.code === 'RG205');
  assert.equal(cut.length, 1);
  assert.equal(cut[0].line, 5);
  assert.match(cut[0].message, /More than 5 included files/);
  assert.ok(!findings.some(f => f.code === 'RG105'), 'bad.conf was not read');
});

test('an included file over the per-file limit is not read, and says so', () => {
  const { fs } = memoryFs({ '/c/big.conf': 'maxclients 100\n'.repeat(100) });
  const [f] = lint('include big.conf\n', fs, { maxFileBytes: 1000 }).filter(x => x.code === 'RG205');
  assert.match(f.message, /"\/c\/big\.conf" is .* more than the .* Redis Guard reads of one file/);
});

test('included files over the total limit: the first ones are read, then one RG205', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 5; i++) files[`/c/${i}.conf`] = 'maxclients 100\n'.repeat(10); // 150 bytes each
  files['/c/4.conf'] = 'maxclients x\n'.repeat(10);
  const { fs, reads } = memoryFs(files);
  const findings = lint([0, 1, 2, 3, 4].map(i => `include ${i}.conf\n`).join(''), fs, { maxTotalBytes: 400, maxFileBytes: 1000 });
  const cut = findings.filter(f => f.code === 'RG205');
  assert.equal(cut.length, 1);
  assert.match(cut[0].message, /pass .* together/);
  assert.equal(reads.get('/c/0.conf'), 1);
  assert.ok(!findings.some(f => f.code === 'RG105'), 'the file past the limit was not checked');
});

test('includes deeper than the limit are not followed, with one RG205', () => {
  const files: Record<string, string> = {};
  for (let d = 0; d < 10; d++) files[`/c/${d}.conf`] = d < 9 ? `include ${d + 1}.conf\n` : 'maxclients x\n';
  const { fs } = memoryFs(files);
  const findings = lint('include 0.conf\n', fs, { maxIncludeDepth: 4 });
  assert.equal(findings.filter(f => f.code === 'RG205').length, 1);
  assert.ok(!findings.some(f => f.code === 'RG105'));
  assert.equal(lint('include 0.conf\n', fs).filter(f => f.code === 'RG105').length, 1, 'within the default limit the chain is read to its end');
});

test('findings past the limit are counted, and the first fatal one is kept, so the verdict stays', () => {
  // a NUL also drops the newline after it (the server's fgets + strlen): the blank line ends each line
  const text = 'port 7000\0\n\n'.repeat(50) + 'maxclients x\n';
  const findings = lintText(text, { server: 'redis@7.0', profile: false, limits: { ...DEFAULT_LIMITS, maxFindings: 10 } });
  assert.equal(findings.filter(f => f.code === 'RG115').length, 10);
  assert.ok(findings.some(f => f.code === 'RG105' && f.fatal));
  assert.equal(verdictOf(findings).kind, 'refused');
  assert.match(findings.find(f => f.code === 'RG205')!.message, /^40 more findings are not listed/);
});

test('a text over the limit is not checked: one RG205, no parse', () => {
  const findings = lintText('maxclients x\n'.repeat(100), { server: 'redis@7.0', limits: { ...DEFAULT_LIMITS, maxTextChars: 100 } });
  assert.equal(findings.length, 1);
  assert.equal(findings[0].code, 'RG205');
});

test('a line of more than 10,000 arguments (the name counts) is not checked, the next line is', () => {
  const findings = lintText('save' + ' 1'.repeat(10_001) + '\nmaxclients x\n', { server: 'redis@7.0', profile: false });
  assert.match(findings.find(f => f.code === 'RG205')!.message, /more than 10,000 arguments/);
  assert.ok(findings.some(f => f.code === 'RG105' && f.line === 1));
  assert.ok(!lintText('save' + ' 1'.repeat(9_999) + '\n', { server: 'redis@7.0', profile: false }).some(f => f.code === 'RG205'), '10,000 arguments are checked');
});

test('FIFOs and devices are never read; /dev/null reads as empty', () => {
  const { fs, reads } = memoryFs({}, { '/c/pipe': 'fifo', '/dev/zero': 'device', '/dev/null': 'device' });
  const findings = lint('include pipe\ninclude /dev/zero\ninclude /dev/null\n', fs);
  assert.deepEqual(findings.map(f => f.code), ['RG116', 'RG116']);
  assert.equal(reads.size, 0);
});
