/**
 * TextMate grammar tests for syntaxes/redis-conf.tmLanguage.json.
 * Loads the grammar with vscode-textmate + vscode-oniguruma (onig.wasm read from disk, no network)
 * and asserts the scopes of tokens for representative redis.conf / memurai.conf / sentinel.conf lines.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT_SCOPE = 'source.redis-conf';

/** Walk up from this file until the repository root (the directory holding package.json + syntaxes/). */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'syntaxes'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`repository root not found above ${__dirname}`);
    dir = parent;
  }
}

const ROOT = repoRoot();
const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'redis-conf.tmLanguage.json');
const EXAMPLE_PATH = path.join(ROOT, 'examples', 'memurai.conf');

let grammar: vsctm.IGrammar;

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  const onigLib: Promise<vsctm.IOnigLib> = oniguruma
    .loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength))
    .then(() => ({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }));
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      if (scopeName !== ROOT_SCOPE) return null;
      return vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
    },
  });
  const g = await registry.loadGrammar(ROOT_SCOPE);
  if (!g) throw new Error('grammar source.redis-conf did not load');
  return g;
}

type Tok = [text: string, scopes: string[]];

/** Tokenize one line (from the initial state) and return [text, scopes] pairs; the root scope is dropped. */
function tokenize(line: string, state: vsctm.StateStack = vsctm.INITIAL): { tokens: Tok[]; state: vsctm.StateStack } {
  const r = grammar.tokenizeLine(line, state);
  const tokens: Tok[] = [];
  for (const t of r.tokens) {
    const text = line.substring(t.startIndex, Math.min(t.endIndex, line.length));
    if (text === '') continue;
    assert.equal(t.scopes[0], ROOT_SCOPE);
    tokens.push([text, t.scopes.slice(1)]);
  }
  return { tokens, state: r.ruleStack };
}

/** True when no begin/end rule is left open (only the root frame remains on the rule stack). */
function closed(state: vsctm.StateStack): boolean {
  return state.depth === 1;
}

function tok(line: string): Tok[] {
  const { tokens, state } = tokenize(line);
  // Every rule is line-based: nothing may stay open after the line.
  assert.ok(closed(state), `rule stack not back to the root after ${JSON.stringify(line)}`);
  return tokens;
}

/** [text, innermost scope] for every token that is not just blanks inside a meta scope. */
function inner(line: string): Array<[string, string]> {
  return tok(line)
    .filter(([text, scopes]) => !(/^[ \t\r]*$/.test(text) && scopes.every((s) => s.startsWith('meta.'))))
    .map(([text, scopes]) => [text, scopes[scopes.length - 1] ?? ''] as [string, string]);
}

function scopesOf(line: string, text: string): string[] {
  const found = tok(line).filter(([t]) => t === text);
  assert.equal(found.length, 1, `expected exactly one token ${JSON.stringify(text)} in ${JSON.stringify(line)}: ${JSON.stringify(tok(line))}`);
  return found[0][1];
}

function hasScope(tokens: Tok[], prefix: string): boolean {
  return tokens.some(([, scopes]) => scopes.some((s) => s === prefix || s.startsWith(prefix + '.')));
}

const D = 'keyword.other.directive.redis-conf';
const INT = 'constant.numeric.integer.redis-conf';
const MEM = 'constant.numeric.memory.redis-conf';
const UNIT = 'keyword.other.unit.redis-conf';
const BOOL = 'constant.language.boolean.redis-conf';
const WORD = 'string.unquoted.redis-conf';
const INLINE = 'invalid.illegal.inline-comment.redis-conf';
const COMMENT = 'comment.line.number-sign.redis-conf';
const HASH = 'punctuation.definition.comment.redis-conf';
const DQ = 'string.quoted.double.redis-conf';
const SQ = 'string.quoted.single.redis-conf';
const ESC = 'constant.character.escape.redis-conf';
const BEGIN = 'punctuation.definition.string.begin.redis-conf';
const END = 'punctuation.definition.string.end.redis-conf';
const UNBALANCED = 'invalid.illegal.unbalanced-quote.redis-conf';

before(async () => {
  grammar = await loadGrammar();
});

test('grammar file: scopeName and only line-based rules', () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));
  assert.equal(raw.scopeName, ROOT_SCOPE);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.begin === 'string') {
        assert.ok(o.end === '$' || o.end === '"' || o.end === "'", `unexpected end pattern ${String(o.end)} for ${o.begin}`);
        assert.equal(o.while, undefined);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(raw);
});

test('comment line', () => {
  assert.deepEqual(tok('# NETWORK'), [
    ['#', [COMMENT, HASH]],
    [' NETWORK', [COMMENT]],
  ]);
});

test('indented comment', () => {
  const t = tok('   \t# maxmemory 2gb');
  assert.deepEqual(t.filter(([, s]) => s.includes(COMMENT)).map(([x]) => x).join(''), '# maxmemory 2gb');
  assert.deepEqual(scopesOf('   \t# maxmemory 2gb', '#'), [COMMENT, HASH]);
  assert.ok(!hasScope(t, 'keyword'));
  assert.ok(!hasScope(t, 'invalid'));
});

test('comment containing # and quotes stays a plain comment', () => {
  const line = '# Example: requirepass Xy9#mK2$pL8@vN4^qR7&wT1!zB6*hF3 "unbalanced';
  const t = tok(line);
  assert.ok(t.every(([, s]) => s[0] === COMMENT));
  assert.ok(!hasScope(t, 'invalid'));
});

test('maxmemory 2gb: directive, number, unit', () => {
  assert.deepEqual(tok('maxmemory 2gb'), [
    ['maxmemory', ['meta.directive.redis-conf', D]],
    [' ', ['meta.directive.redis-conf']],
    ['2', ['meta.directive.redis-conf', MEM]],
    ['gb', ['meta.directive.redis-conf', MEM, UNIT]],
  ]);
});

test('memory units b k kb m mb g gb, case-insensitive', () => {
  for (const u of ['b', 'k', 'kb', 'm', 'mb', 'g', 'gb', 'KB', 'Mb', 'G']) {
    assert.deepEqual(inner(`auto-aof-rewrite-min-size 64${u}`), [
      ['auto-aof-rewrite-min-size', D],
      ['64', MEM],
      [u, UNIT],
    ], u);
  }
  // not a unit: stays a plain word
  assert.deepEqual(inner('maxmemory 2tb'), [['maxmemory', D], ['2tb', WORD]]);
});

test('MAXMEMORY 2GB (case-insensitive)', () => {
  assert.deepEqual(inner('MAXMEMORY 2GB'), [
    ['MAXMEMORY', D],
    ['2', MEM],
    ['GB', UNIT],
  ]);
});

test('appendonly yes / no, booleans case-insensitive', () => {
  assert.deepEqual(inner('appendonly yes'), [['appendonly', D], ['yes', BOOL]]);
  assert.deepEqual(inner('rdbcompression NO'), [['rdbcompression', D], ['NO', BOOL]]);
  // "yesterday" is not a boolean
  assert.deepEqual(inner('masterauth yesterday'), [['masterauth', D], ['yesterday', WORD]]);
});

test('save 900 1 # ... : the # part is an illegal inline comment, not a comment', () => {
  const line = 'save 900 1      # Save if 1 key changed';
  const t = tok(line);
  assert.deepEqual(inner(line), [
    ['save', D],
    ['900', INT],
    ['1', INT],
    ['# Save if 1 key changed', INLINE],
  ]);
  assert.ok(!hasScope(t, 'comment'), 'must not be scoped as a comment');
  assert.ok(!hasScope(t, 'punctuation.definition.comment'));
});

test('bind 127.0.0.1 # local', () => {
  const t = tok('bind 127.0.0.1 # local');
  assert.deepEqual(inner('bind 127.0.0.1 # local'), [
    ['bind', D],
    ['127.0.0.1', WORD],
    ['# local', INLINE],
  ]);
  assert.ok(!hasScope(t, 'comment'));
});

test('a # inside a word or a quoted string is not an inline comment', () => {
  assert.deepEqual(inner('requirepass Xy9#mK2'), [['requirepass', D], ['Xy9#mK2', WORD]]);
  assert.ok(!hasScope(tok('requirepass "a # b"'), 'invalid'));
  assert.deepEqual(inner('appendonly #yes'), [['appendonly', D], ['#yes', INLINE]]);
});

test('logfile with a double-quoted Windows path: backslash escapes are recognised', () => {
  // The file as written in examples/memurai.conf (single backslashes: the server drops them!)
  const single = 'logfile "C:\\ProgramData\\Memurai\\memurai.log"';
  assert.deepEqual(tok(single), [
    ['logfile', ['meta.directive.redis-conf', D]],
    [' ', ['meta.directive.redis-conf']],
    ['"', ['meta.directive.redis-conf', DQ, BEGIN]],
    ['C:', ['meta.directive.redis-conf', DQ]],
    ['\\P', ['meta.directive.redis-conf', DQ, ESC]],
    ['rogramData', ['meta.directive.redis-conf', DQ]],
    ['\\M', ['meta.directive.redis-conf', DQ, ESC]],
    ['emurai', ['meta.directive.redis-conf', DQ]],
    ['\\m', ['meta.directive.redis-conf', DQ, ESC]],
    ['emurai.log', ['meta.directive.redis-conf', DQ]],
    ['"', ['meta.directive.redis-conf', DQ, END]],
  ]);
  // Correctly escaped form: each \\ is one escape
  const doubled = 'logfile "C:\\\\ProgramData\\\\Memurai\\\\memurai.log"';
  assert.deepEqual(inner(doubled), [
    ['logfile', D],
    ['"', BEGIN],
    ['C:', DQ],
    ['\\\\', ESC],
    ['ProgramData', DQ],
    ['\\\\', ESC],
    ['Memurai', DQ],
    ['\\\\', ESC],
    ['memurai.log', DQ],
    ['"', END],
  ]);
});

test('double-quoted escapes: \\xHH, \\n \\r \\t \\b \\a, \\" and any \\c', () => {
  assert.deepEqual(inner('masterauth "a\\x41\\n\\r\\t\\b\\a\\"\\q"'), [
    ['masterauth', D],
    ['"', BEGIN],
    ['a', DQ],
    ['\\x41', ESC],
    ['\\n', ESC],
    ['\\r', ESC],
    ['\\t', ESC],
    ['\\b', ESC],
    ['\\a', ESC],
    ['\\"', ESC],
    ['\\q', ESC],
    ['"', END],
  ]);
  // \x not followed by two hex digits: \x is a plain escape, the rest is text
  assert.deepEqual(inner('masterauth "\\xZ1"'), [['masterauth', D], ['"', BEGIN], ['\\x', ESC], ['Z1', DQ], ['"', END]]);
});

test("requirepass 'it\\'s': single-quoted string with \\' escape", () => {
  assert.deepEqual(inner("requirepass 'it\\'s'"), [
    ['requirepass', D],
    ["'", BEGIN],
    ['it', SQ],
    ["\\'", ESC],
    ['s', SQ],
    ["'", END],
  ]);
  // only \' is an escape in single quotes
  assert.deepEqual(inner("requirepass 'a\\nb'"), [['requirepass', D], ["'", BEGIN], ['a\\nb', SQ], ["'", END]]);
  for (const [, s] of tok("requirepass 'it\\'s'")) assert.ok(!s.includes(DQ));
});

test('unbalanced quotes up to end of line are illegal', () => {
  assert.deepEqual(inner('requirepass "abc'), [['requirepass', D], ['"abc', UNBALANCED]]);
  assert.deepEqual(inner('"abc'), [['"abc', UNBALANCED]]);
  assert.deepEqual(inner('requirepass "abc\\"'), [['requirepass', D], ['"abc\\"', UNBALANCED]]);
  assert.deepEqual(inner('requirepass "abc\\'), [['requirepass', D], ['"abc\\', UNBALANCED]]);
  assert.deepEqual(inner("requirepass 'it\\'"), [['requirepass', D], ["'it\\'", UNBALANCED]]);
  assert.deepEqual(inner("requirepass it's"), [['requirepass', D], ['it', WORD], ["'s", UNBALANCED]]);
  // the next line is not affected
  const first = tokenize('requirepass "abc');
  assert.ok(closed(first.state));
  const next = tokenize('port 6379', first.state).tokens.map(([t, s]) => [t, s[s.length - 1]]);
  assert.deepEqual(next.filter(([t]) => t.trim() !== ''), [['port', D], ['6379', INT]]);
});

test('text glued to a closing quote is illegal', () => {
  assert.deepEqual(inner('requirepass "abc"def'), [
    ['requirepass', D],
    ['"', BEGIN],
    ['abc', DQ],
    ['"', END],
    ['def', 'invalid.illegal.text-after-quote.redis-conf'],
  ]);
});

test('rename-command CONFIG ""', () => {
  assert.deepEqual(inner('rename-command CONFIG ""'), [
    ['rename-command', D],
    ['CONFIG', WORD],
    ['"', BEGIN],
    ['"', END],
  ]);
  assert.deepEqual(scopesOf('rename-command CONFIG ""', 'CONFIG'), ['meta.directive.redis-conf', WORD]);
});

test('sentinel monitor mymaster 127.0.0.1 6379 2', () => {
  const M = 'meta.directive.sentinel.redis-conf';
  const line = 'sentinel monitor mymaster 127.0.0.1 6379 2';
  assert.deepEqual(inner(line), [
    ['sentinel', D],
    ['monitor', 'keyword.other.subcommand.redis-conf'],
    ['mymaster', WORD],
    ['127.0.0.1', WORD],
    ['6379', INT],
    ['2', INT],
  ]);
  assert.ok(tok(line).every(([, s]) => s[0] === M));
  assert.deepEqual(inner('SENTINEL down-after-milliseconds mymaster 30000'), [
    ['SENTINEL', D],
    ['down-after-milliseconds', 'keyword.other.subcommand.redis-conf'],
    ['mymaster', WORD],
    ['30000', INT],
  ]);
  assert.deepEqual(inner('sentinel monitor m 10.0.0.1 6379 2 # quorum'), [
    ['sentinel', D],
    ['monitor', 'keyword.other.subcommand.redis-conf'],
    ['m', WORD],
    ['10.0.0.1', WORD],
    ['6379', INT],
    ['2', INT],
    ['# quorum', INLINE],
  ]);
});

test('include / loadmodule take paths', () => {
  assert.deepEqual(tok('include /etc/redis/common.conf'), [
    ['include', ['meta.directive.import.redis-conf', 'keyword.control.import.redis-conf']],
    [' ', ['meta.directive.import.redis-conf']],
    ['/etc/redis/common.conf', ['meta.directive.import.redis-conf', 'string.unquoted.path.redis-conf']],
  ]);
  assert.deepEqual(inner('loadmodule /opt/redis/mod.so # json'), [
    ['loadmodule', 'keyword.control.import.redis-conf'],
    ['/opt/redis/mod.so', 'string.unquoted.path.redis-conf'],
    ['# json', INLINE],
  ]);
  assert.deepEqual(inner('Include "C:\\\\conf\\\\a.conf"').slice(0, 3), [
    ['Include', 'keyword.control.import.redis-conf'],
    ['"', BEGIN],
    ['C:', DQ],
  ]);
  // a directive that merely starts with "include" is an ordinary directive
  assert.deepEqual(inner('includes x'), [['includes', D], ['x', WORD]]);
});

test('maxmemory-clients 10%', () => {
  assert.deepEqual(tok('maxmemory-clients 10%'), [
    ['maxmemory-clients', ['meta.directive.redis-conf', D]],
    [' ', ['meta.directive.redis-conf']],
    ['10', ['meta.directive.redis-conf', 'constant.numeric.percent.redis-conf']],
    ['%', ['meta.directive.redis-conf', 'constant.numeric.percent.redis-conf', 'keyword.other.unit.percent.redis-conf']],
  ]);
});

test('numbers: integers, negatives, floats; digits inside words are not numbers', () => {
  assert.deepEqual(inner('slowlog-log-slower-than -1'), [['slowlog-log-slower-than', D], ['-1', INT]]);
  assert.deepEqual(inner('latency-tracking-info-percentiles 50 99 99.9'), [
    ['latency-tracking-info-percentiles', D],
    ['50', INT],
    ['99', INT],
    ['99.9', 'constant.numeric.float.redis-conf'],
  ]);
  assert.deepEqual(inner('client-output-buffer-limit replica 256mb 64mb 60'), [
    ['client-output-buffer-limit', D],
    ['replica', WORD],
    ['256', MEM],
    ['mb', UNIT],
    ['64', MEM],
    ['mb', UNIT],
    ['60', INT],
  ]);
  assert.deepEqual(inner('dbfilename dump1.rdb'), [['dbfilename', D], ['dump1.rdb', WORD]]);
});

test('module config names with dots; leading blanks; malformed directive names', () => {
  assert.deepEqual(inner('search.timeout 500'), [['search.timeout', D], ['500', INT]]);
  assert.deepEqual(inner('   port 6379'), [['port', D], ['6379', INT]]);
  assert.deepEqual(inner('port#1 6379'), [['port#1', 'invalid.illegal.directive-name.redis-conf'], ['6379', INT]]);
  assert.deepEqual(tok(''), []);
  assert.deepEqual(tok('   \t'), [['   \t', []]]);
});

test('CRLF-terminated line content', () => {
  assert.deepEqual(inner('maxmemory 2gb\r'), [['maxmemory', D], ['2', MEM], ['gb', UNIT]]);
  // the CR itself is just a blank inside the directive line
  assert.deepEqual(tok('maxmemory 2gb\r').at(-1), ['\r', ['meta.directive.redis-conf']]);
  assert.deepEqual(inner('appendonly yes\r').slice(0, 2), [['appendonly', D], ['yes', BOOL]]);
  assert.deepEqual(inner('# comment\r'), [['#', HASH], [' comment\r', COMMENT]]);
  assert.deepEqual(inner('save 60 10000   # x\r'), [['save', D], ['60', INT], ['10000', INT], ['# x\r', INLINE]]);
  assert.deepEqual(inner('rename-command CONFIG ""\r').slice(0, 4), [['rename-command', D], ['CONFIG', WORD], ['"', BEGIN], ['"', END]]);
  assert.deepEqual(inner('bind 127.0.0.1\r').slice(0, 2), [['bind', D], ['127.0.0.1', WORD]]);
});

function linesWithInlineComment(lines: string[]): number[] {
  const hits: number[] = [];
  let state: vsctm.StateStack = vsctm.INITIAL;
  lines.forEach((line, i) => {
    const r = tokenize(line, state);
    assert.ok(closed(r.state), `line ${i + 1} left a rule open: ${JSON.stringify(line)}`);
    state = r.state;
    if (r.tokens.some(([, s]) => s.includes(INLINE))) hits.push(i + 1);
  });
  return hits;
}

test('examples/memurai.conf: exactly lines 22, 23, 24 and 82 carry an inline comment', () => {
  const text = fs.readFileSync(EXAMPLE_PATH, 'utf8');
  const lines = text.split(/\r?\n/);
  assert.deepEqual(linesWithInlineComment(lines), [22, 23, 24, 82]);
  // and the same with CRLF line endings kept in the line content
  const crlf = text.replace(/\r?\n/g, '\r\n').split('\n');
  assert.deepEqual(linesWithInlineComment(crlf), [22, 23, 24, 82]);

  // Every line starting with # is a comment, every other non-blank line starts with a directive.
  lines.forEach((line, i) => {
    const t = tokenize(line).tokens;
    if (/^[ \t]*#/.test(line)) {
      assert.ok(hasScope(t, 'comment.line.number-sign'), `line ${i + 1} should be a comment`);
      assert.ok(!hasScope(t, 'invalid'), `line ${i + 1}`);
    } else if (line.trim() !== '') {
      assert.ok(!hasScope(t, 'comment'), `line ${i + 1} must not be a comment`);
      assert.ok(hasScope(t, 'keyword.other.directive') || hasScope(t, 'keyword.control.import'), `line ${i + 1}`);
    }
  });
});

