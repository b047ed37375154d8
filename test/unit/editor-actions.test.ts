/**
 * The pure parts of the light bulb and of Apply production profile: the blocks of changed lines
 * (one preview entry each), the suppression comments, and where file-level findings sit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lineHunks } from '../../server/src/engine/editor/line-hunks';
import { canSuppress, disableFileEdit, disableLineEdit } from '../../server/src/engine/editor/suppress';
import { applyEdits } from '../../server/src/engine/edits';
import { parse } from '../../server/src/engine/parse';
import { lintText } from '../../server/src/engine/lint';
import { fixAll } from '../../server/src/engine/fix-all';
import { fixAllTracked } from '../../server/src/engine/editor/profile-changes';

const root = path.resolve(__dirname, '..', '..', '..');
const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');

function applyHunks(before: string, after: string): string {
  return applyEdits(before, lineHunks(before, after).map(h => h.edit));
}

test('changes far apart are separate blocks, and their edits turn the old text into the new one', () => {
  const before = 'a\nb\nc\nd\ne\nf\n';
  const after = 'a\nB\nc\nd\nnew\ne\nf\n';
  const hunks = lineHunks(before, after);
  assert.deepEqual(hunks.map(h => [h.start, h.end, h.newStart, h.newEnd]), [[1, 2, 1, 2], [4, 4, 4, 5]]);
  assert.equal(applyHunks(before, after), after);
});

test('blocks at the end of a text without a final line break, deletions of the last lines, and a whole replacement', () => {
  const cases: Array<[string, string]> = [
    ['a\nb', 'a\nb\nc'],
    ['a\nb\nc', 'a'],
    ['a\nb', 'x\ny'],
    ['', 'x\n'],
    ['x\n', ''],
    ['a\r\nb\r\n', 'a\r\n# note\r\nb\r\n'],
  ];
  for (const [before, after] of cases) assert.equal(applyHunks(before, after), after, JSON.stringify([before, after]));
  assert.deepEqual(lineHunks('same\n', 'same\n'), []);
});

test('on random line changes, applying every block gives the new text', () => {
  let seedValue = 7;
  const rnd = (n: number) => { seedValue = (seedValue * 1103515245 + 12345) % 2147483648; return seedValue % n; };
  for (let round = 0; round < 300; round++) {
    const a = Array.from({ length: rnd(12) }, () => 'l' + rnd(5));
    const b = a.slice();
    for (let k = rnd(5); k > 0; k--) {
      const at = rnd(b.length + 1);
      if (rnd(2) && b.length) b.splice(at, 1); else b.splice(at, 0, 'n' + rnd(5));
    }
    const before = a.join('\n') + (rnd(2) ? '\n' : '');
    const after = b.join('\n') + (rnd(2) ? '\n' : '');
    const hunks = lineHunks(before, after);
    assert.equal(applyHunks(before, after), after, JSON.stringify([before, after]));
    for (let i = 1; i < hunks.length; i++) assert.ok(hunks[i].start > hunks[i - 1].end, 'blocks are separated by unchanged lines');
  }
});

test('the production profile on the seed: one block per change, each named by the fixes it carries', () => {
  const lint = (t: string) => lintText(t, { server: 'redis@7.0', profile: 'production' });
  const result = fixAllTracked(seed, lint, { includeReview: true });
  assert.equal(applyEdits(seed, result.changes.map(c => c.hunk.edit)), result.text);
  const masked = (t: string) => t.replace(/^requirepass \S+$/m, 'requirepass <new>');
  assert.equal(masked(result.text), masked(fixAll(seed, lint, { includeReview: true }).text), 'the same text as the CLI\'s --fix-all-including-review');
  const byLine = Object.fromEntries(result.changes.map(c => [c.hunk.start + 1, [...new Set(c.fixes.map(f => f.code))].sort().join(' ')]));
  // 1-based first lines of the seed each block replaces (20: the rename-command lines inserted after maxclients)
  assert.deepEqual(byLine, { 15: 'RG303', 20: 'RG310', 22: 'RG113', 58: 'RG331', 62: 'RG370', 82: 'RG113 RG311' });
  assert.ok(result.changes.every(c => c.fixes.length > 0));
  // each fix once, although the one on line 82 had to wait a pass for the comment to move
  assert.equal(result.applied.length, result.changes.reduce((n, c) => n + c.fixes.length, 0));
  assert.equal(result.applied.filter(f => f.code === 'RG311').length, 1);
  // safe only: nothing that changes behaviour
  const safe = fixAllTracked(seed, lint);
  assert.ok(safe.applied.length > 0 && safe.applied.every(f => f.safety === 'safe'));
  assert.match(safe.text, /^requirepass YOUR_STRONG_PASSWORD_HERE$/m);
  assert.match(safe.text, /^maxmemory-policy allkeys-lru$/m);
});

test('disable for this line: a comment above the line, with its indentation, and the finding is gone', () => {
  const text = 'port 6379\n  loglevel debug\n';
  const before = lintText(text, { server: 'redis@7.0' }).find(f => f.code === 'RG361');
  assert.ok(before, 'loglevel debug is reported');
  const edit = disableLineEdit(parse(text), 'RG361', before.line);
  assert.ok(edit);
  const after = applyEdits(text, [edit]);
  assert.equal(after, 'port 6379\n  # redis-guard-disable-next-line RG361\n  loglevel debug\n');
  assert.equal(lintText(after, { server: 'redis@7.0' }).find(f => f.code === 'RG361'), undefined);
});

test('disable for this line is not offered on a comment line: the comment would silence the next directive instead', () => {
  const text = '# SECURITY\nport 6379\n';
  assert.equal(disableLineEdit(parse(text), 'RG301', 0), undefined);
  assert.ok(disableLineEdit(parse(text), 'RG301', 1));
});

test('disable for this file: after the opening banner, or added to an existing disable comment; the finding is gone', () => {
  const opts = { server: 'redis@7.0' } as const;
  const rg340 = (t: string) => lintText(t, opts).some(f => f.code === 'RG340');
  const after = applyEdits(seed, [disableFileEdit(parse(seed), 'RG340')]);
  assert.ok(rg340(seed));
  assert.equal(rg340(after), false);
  assert.deepEqual(after.split('\n').slice(0, 6), [
    '# ============================================================', '# Memurai Production Configuration',
    '# Security Infrastructure for Catalytic Computing', '# ============================================================',
    '# redis-guard-disable RG340', '',
  ]);
  const twice = applyEdits(after, [disableFileEdit(parse(after), 'RG310')]);
  assert.equal(twice.split('\n')[4], '# redis-guard-disable RG340 RG310');
  assert.equal(lintText(twice, opts).some(f => f.code === 'RG310'), false);
  // a comment right above a directive belongs to it: the disable comment goes first
  assert.equal(applyEdits('# SECURITY\nport 6379\n', [disableFileEdit(parse('# SECURITY\nport 6379\n'), 'RG301')]), '# redis-guard-disable RG301\n# SECURITY\nport 6379\n');
});

test('only rule codes can be silenced', () => {
  assert.equal(canSuppress('RG331'), true);
  assert.equal(canSuppress('RG113'), false);
  assert.equal(canSuppress('RG205'), false);
});

test('file-level findings sit where their fix adds the directive, never on the opening banner', () => {
  const at = (text: string, code: string) => {
    const f = lintText(text, { server: 'redis@7.0', profile: 'production' }).filter(x => x.code === code);
    assert.ok(f.length, `${code} is reported`);
    return f.map(x => text.split('\n')[x.line]);
  };
  // the seed: dangerous commands under SECURITY, TLS on the first directive (there is no TLS section)
  assert.deepEqual([...new Set(at(seed, 'RG310'))], ['# SECURITY']);
  assert.deepEqual(at(seed, 'RG340'), ['bind 127.0.0.1']);
  // a commented-out example is where the fix writes the line
  const stockLike = '# Redis configuration file example.\n\n# NETWORK\nbind 127.0.0.1\n\n# SECURITY\n# requirepass foobared\n\n# MEMORY MANAGEMENT\n# maxmemory <bytes>\n';
  assert.deepEqual(at(stockLike, 'RG301'), ['# requirepass foobared']);
  assert.deepEqual(at(stockLike, 'RG330'), ['# maxmemory <bytes>']);
  // nothing to anchor on but the start of the file
  const empty = lintText('', { server: 'redis@7.0', profile: 'production' }).find(f => f.code === 'RG301');
  assert.equal(empty?.line, 0);
});
