/** Hover: what the word under the cursor means to the server. */
import { ParsedFile, DirectiveLine } from '../parse';
import { Token } from '../tokenize';
import { Target } from '../catalog';
import { directiveMarkdown, sentinelDescription } from './describe';
import { memtoull } from '../values';

export interface HoverResult { markdown: string; line: number; start: number; end: number }

export function directiveAt(file: ParsedFile, line: number): DirectiveLine | undefined {
  return file.directives.find(d => d.line.index === line);
}

export function tokenAt(d: DirectiveLine, character: number): { token: Token; index: number } | undefined {
  const index = d.args.findIndex(t => character >= t.start && character <= t.end);
  return index === -1 ? undefined : { token: d.args[index], index };
}

function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f]/g, c => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t' } as Record<string, string>)[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function hover(file: ParsedFile, line: number, character: number, target: Target): HoverResult | undefined {
  const d = directiveAt(file, line);
  if (!d) return undefined;
  const hit = tokenAt(d, character);
  if (!hit) return undefined;
  const { token, index } = hit;
  const range = { line, start: token.start, end: token.end };
  if (index === 0) {
    const md = directiveMarkdown(d.name, target);
    return md ? { markdown: md, ...range } : { markdown: `**${d.name}** is not a directive of ${target.id}.`, ...range };
  }
  if (d.name === 'sentinel' && index === 1) {
    const s = sentinelDescription(token.value.toLowerCase());
    if (s) return { markdown: `**sentinel ${token.value.toLowerCase()}**\n\n${s.summary}${s.details ? `\n\n${s.details}` : ''}`, ...range };
  }
  const notes: string[] = [];
  if (token.quote === '"' && /\\/.test(d.line.raw.slice(token.start, token.end))) {
    notes.push(`Inside double quotes backslashes are escapes: the server reads \`${printable(token.value)}\`.`);
  }
  const mem = /^[0-9]+[a-zA-Z]+$/.test(token.value) ? memtoull(token.value) : null;
  if (mem !== null) notes.push(`${token.value} = ${mem.toLocaleString('en-US')} bytes (k/m/g are powers of 1000, kb/mb/gb powers of 1024).`);
  if (token.quote === '' && token.value.startsWith('#')) {
    notes.push('This is not a comment: the server reads `#` and what follows as more arguments. Comments must be on their own line.');
  }
  if (!notes.length) return undefined;
  return { markdown: notes.join('\n\n'), ...range };
}
