import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { quoteArg, splitArgs, splitLines, tokenize } from '../../server/src/engine/tokenize';

const values = (line: string) => tokenize(line);

test('unquoted arguments end at space, tab and CR', () => {
  assert.deepEqual(values('save 900 1'), ['save', '900', '1']);
  assert.deepEqual(values('a\tb\rc'), ['a', 'b', 'c']);
  assert.deepEqual(values('   maxmemory    2gb   '), ['maxmemory', '2gb']);
});

test('# in the middle of a line is an argument, not a comment', () => {
  assert.deepEqual(values('save 900 1      # Save if 1 key changed'), ['save', '900', '1', '#', 'Save', 'if', '1', 'key', 'changed']);
  assert.deepEqual(values('requirepass Xy9#mK2'), ['requirepass', 'Xy9#mK2']);
});

test('double quotes apply \\xHH, \\n \\r \\t \\b \\a and drop other backslashes', () => {
  assert.deepEqual(values('a "\\x41\\x4a"'), ['a', 'AJ']);
  assert.deepEqual(values('a "1\\n2\\r3\\t4\\b5\\a6"'), ['a', '1\n2\r3\t4\b5\x076']);
  assert.deepEqual(values('logfile "C:\\ProgramData\\Memurai\\memurai.log"'), ['logfile', 'C:ProgramDataMemuraimemurai.log']);
  assert.deepEqual(values('a "say \\"hi\\""'), ['a', 'say "hi"']);
  assert.deepEqual(values('a "\\xZZ"'), ['a', 'xZZ'], 'an incomplete \\x escape drops only the backslash');
});

test('single quotes only know \\\'', () => {
  assert.deepEqual(values("a 'it\\'s'"), ['a', "it's"]);
  assert.deepEqual(values("a 'C:\\data\\n'"), ['a', 'C:\\data\\n']);
});

test('empty quotes are an empty argument', () => {
  assert.deepEqual(values('rename-command FLUSHALL ""'), ['rename-command', 'FLUSHALL', '']);
  assert.deepEqual(values("save ''"), ['save', '']);
});

test('a closing quote must be followed by a blank or the end', () => {
  const r = splitArgs('a "b"c');
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.reason, 'after-quote');
  assert.deepEqual(values('a "b"\tc'), ['a', 'b', 'c']);
});

test('a quote in the middle of a word opens a quoted part of that word', () => {
  assert.deepEqual(values('a b"c d"'), ['a', 'bc d']);
});

test('unterminated quotes fail', () => {
  assert.equal(tokenize('a "abc'), null);
  assert.equal(tokenize("a 'abc"), null);
  assert.equal(tokenize('a "abc\\"'), null);
});

test('token ranges cover what was written, quotes included', () => {
  const line = 'rename-command CONFIG "CONFIG_xyz123"';
  const r = splitArgs(line);
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.deepEqual(r.tokens.map(t => line.slice(t.start, t.end)), ['rename-command', 'CONFIG', '"CONFIG_xyz123"']);
  assert.deepEqual(r.tokens.map(t => t.quote), ['', '', '"']);
});

test('lines split on LF only and are trimmed of blanks and CR', () => {
  const lines = splitLines('a 1\r\n  b 2\t\r\nc\rd');
  assert.equal(lines.length, 3);
  assert.deepEqual(lines.map(l => l.raw.slice(l.start, l.end)), ['a 1', 'b 2', 'c\rd']);
  assert.deepEqual(splitLines(' \t x \r').map(l => [l.start, l.end]), [[3, 4]]);
});

test('vertical tab and form feed separate arguments only where C isspace() applies', () => {
  // leading \v is skipped as blank, but inside a word it is part of the word
  assert.deepEqual(values('\va b\vc'), ['a', 'b\vc']);
});

/** What splitArgs reads from a line, or the reason it refused it. */
const readBack = (line: string) => {
  const r = splitArgs(line);
  return r.ok ? r.tokens.map(t => t.value) : `refused (${r.reason} at ${r.at})`;
};

test('quoteArg writes an argument so that splitArgs reads it back unchanged', () => {
  const tricky = [
    '', ' ', 'a b', ' lead', 'trail ', '\t', 'x\ty', "it's", 'say "hi"', `both ' and "`, "'", '"', '""', "''",
    '\\', 'a\\', 'C:\\data\\', '\\\'', '\\"', '#', '# note', 'a#b', '\n', 'a\r\nb', '\0', 'a\0b', '\x01\x1f\x7f',
    '\v\f', 'é', 'ü ö', '日本語', '\ufeff', '\u00a0', '😀', '\\x41', 'plain',
  ];
  for (const s of tricky) {
    const q = quoteArg(s);
    assert.deepEqual(readBack(q), [s], `${JSON.stringify(s)} written as ${JSON.stringify(q)}`);
    assert.deepEqual(readBack(`name ${q} next`), ['name', s, 'next'], `${JSON.stringify(s)} between other arguments`);
  }
  assert.equal(quoteArg('plain'), 'plain', 'a value without special characters stays as it is');
  assert.equal(quoteArg('a b'), "'a b'", 'single quotes when they suffice');
  assert.equal(quoteArg("it's"), '"it\'s"');
});

test('quoteArg round-trips through splitArgs for any string', () => {
  const special = fc.constantFrom(' ', '\t', '\r', '\n', '\v', '\f', '\0', '\x01', '\x1f', '\x7f', '"', "'", '\\', '#', 'x', 'é', '\u00a0', '\ud83d');
  const arb = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: special, maxLength: 20 }));
  fc.assert(fc.property(arb, s => {
    const q = quoteArg(s);
    assert.ok(!q.includes('\n') && !q.includes('\r'), 'stays on one line');
    assert.deepEqual(readBack(q), [s]);
    assert.deepEqual(readBack(`name ${q} next`), ['name', s, 'next']);
  }), { numRuns: 2000 });
});

test('Valkey 9.1 reads on after a closing quote; the others refuse the line', () => {
  for (const line of [`requirepass 'a'b`, 'requirepass "a"b', 'requirepass "a""b"', `requirepass 'a'"b"`]) {
    const strict = splitArgs(line);
    assert.equal(strict.ok, false, line);
    assert.equal(!strict.ok && strict.reason, 'after-quote', line);
    const relaxed = splitArgs(line, 0, line.length, false);
    assert.ok(relaxed.ok, line);
    assert.deepEqual(relaxed.tokens.map(t => t.value), ['requirepass', 'ab'], line);
  }
  // a quote left open is refused either way; quotes inside a word open quoting in both
  assert.equal(splitArgs('requirepass "ab', 0, 15, false).ok, false);
  assert.deepEqual((splitArgs('requirepass a"b c"d', 0, 19, false) as { tokens: Array<{ value: string }> }).tokens.map(t => t.value), ['requirepass', 'ab cd']);
  const both = splitArgs('requirepass a"b c"');
  assert.ok(both.ok && both.tokens[1].value === 'ab c');
});
