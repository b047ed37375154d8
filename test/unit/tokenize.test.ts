import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArgs, splitLines, tokenize } from '../../server/src/engine/tokenize';

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
