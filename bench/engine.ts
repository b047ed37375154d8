/**
 * Engine benchmark: a full lint (fatal checks + production rules) against the floor of
 * splitting the same text into lines and tokens with the project's own tokenizer.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lintText } from '../server/src/engine/lint';
import { eachLine, splitArgs } from '../server/src/engine/tokenize';
import { timeInterleaved, Stats } from './stats';

export interface EngineRow { input: string; lines: number; lint: Stats; floor: Stats; ratio: number; usPerLine: number }

/** Tokenizer floor: every line split and trimmed, every non-comment line split into arguments (the parser's own splitting, with nothing kept). */
export function tokenizeOnly(text: string): number {
  let n = 0;
  eachLine(text, (raw, _index, start, end) => {
    if (start === end || raw.charCodeAt(start) === 35 /* # */) return;
    const r = splitArgs(raw, start, end);
    if (r.ok) n += r.tokens.length;
  });
  return n;
}

/** A realistic generated config of `lines` lines: the stock file's mix of comments, blanks and directives, repeated. */
export function generated(stock: string, lines: number): string {
  const src = stock.split('\n');
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) out.push(src[i % src.length]);
  return out.join('\n');
}

export function runEngine(smoke: boolean): EngineRow[] {
  const root = path.resolve(__dirname, '..', '..');
  const stock = fs.readFileSync('/etc/redis/redis.conf', 'utf8');
  const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');
  const inputs: Array<[string, string]> = [
    ['stock redis.conf (Debian)', stock],
    ['seed memurai.conf', seed],
    ['generated 1k lines', generated(stock, 1_000)],
    ['generated 10k lines', generated(stock, 10_000)],
    ['generated 100k lines', generated(stock, 100_000)],
  ];
  const rows: EngineRow[] = [];
  for (const [input, text] of inputs) {
    const lines = text.split('\n').length;
    const runs = smoke ? 3 : lines > 50_000 ? 15 : lines > 5_000 ? 60 : 300;
    const options = { server: 'redis@7.2', profile: 'production' as const, fs: null };
    // lint and floor take turns run by run, so both see the same machine
    const [lint, floor] = timeInterleaved([() => lintText(text, options), () => tokenizeOnly(text)], runs);
    rows.push({ input, lines, lint, floor, ratio: lint.median / floor.median, usPerLine: (lint.median * 1000) / lines });
  }
  return rows;
}
