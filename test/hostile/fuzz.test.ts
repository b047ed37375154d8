/**
 * Property tests: the parser and the whole engine never throw, whatever the input,
 * and stay linear on large adversarial files (checked as a ratio to a floor measured
 * in the same run, never as an absolute time).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse } from '../../server/src/engine/parse';
import { lintText } from '../../server/src/engine/lint';

const root = path.resolve(__dirname, '..', '..', '..');
const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');

const lineArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('"', "'", '\\', '#', ' ', '\t', '\r', 'x', '0', 'k', 'b', '%', '\0', '\ufeff', 'é'), maxLength: 60 }),
  fc.constantFrom(...seed.split('\n')),
);
const fileArb = fc.array(lineArb, { maxLength: 60 }).map(l => l.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]));

test('parse never throws on random text', () => {
  fc.assert(fc.property(fc.string({ maxLength: 2000 }), s => { parse(s); }), { numRuns: 300 });
});

test('lint never throws on random config-like files, for every flavour', () => {
  fc.assert(fc.property(fileArb, fc.constantFrom('redis@6.0', 'redis@7.0', 'redis@7.4', 'valkey@8.0', 'memurai@4.1'), (text, server) => {
    const findings = lintText(text, { server });
    for (const f of findings) {
      assert.ok(f.line >= 0 && f.endLine >= f.line, 'ranges are ordered');
      assert.ok(typeof f.message === 'string' && f.message.length > 0);
    }
  }), { numRuns: 300 });
});

test('mutations of the seed file never throw', () => {
  fc.assert(fc.property(fc.nat(seed.length), fc.string({ maxLength: 5 }), fc.nat(20), (at, insert, cut) => {
    lintText(seed.slice(0, at) + insert + seed.slice(at + cut), { server: 'redis@7.0' });
  }), { numRuns: 300 });
});

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

function time(fn: () => void, runs = 7): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) { const s = process.hrtime.bigint(); fn(); t.push(Number(process.hrtime.bigint() - s) / 1e6); }
  return median(t);
}

test('100 KB adversarial files lint in time proportional to a plain character scan', () => {
  const shapes: Record<string, string> = {
    'one long line of quotes': '"'.repeat(100_000),
    'escapes': ('a "' + '\\x41\\n'.repeat(30) + '"\n').repeat(500),
    'many short lines': 'save 900 1 # x\n'.repeat(7000),
    'unknown words': 'zzzzzzzzz yyyy\n'.repeat(7000),
    'nul and cr': 'port 6379\r\0\r\n'.repeat(8000),
  };
  for (const [name, text] of Object.entries(shapes)) {
    const floor = time(() => { let n = 0; for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++; return n; });
    const lint = time(() => lintText(text, { server: 'redis@7.0' }), 3);
    console.log(`# ${name}: ${(text.length / 1024).toFixed(0)} KB lint ${lint.toFixed(2)} ms, scan floor ${floor.toFixed(3)} ms`);
    // Quadratic behaviour on 100 KB would be ~10^5 times the floor; linear stays within a few hundred.
    assert.ok(lint < Math.max(floor, 0.05) * 2000, `${name}: ${lint} ms vs floor ${floor} ms`);
  }
});
