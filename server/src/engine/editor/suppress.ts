/**
 * The edits behind "Disable RGxxx for this line" and "…for this file": the suppression comments
 * that rules/run.ts reads (readFileDirectives). They silence rules only; a fatal finding stays,
 * because the server would still refuse the file.
 */
import type { ParsedFile } from '../parse';
import type { Edit } from '../findings';
import { RULES } from '../rules';
import { eolOf } from '../edits';

const FILE_MARK = /^#\s*redis-guard-disable(?!-)\s*:?\s*(.*)$/i;

/** Whether a suppression comment can silence findings of this code. */
export function canSuppress(code: string): boolean {
  return RULES.some(r => r.meta.code === code);
}

/**
 * `# redis-guard-disable-next-line CODE` above `line`, with that line's indentation. Undefined
 * when the line holds no directive: the comment applies to the next directive line, which would
 * then be another one.
 */
export function disableLineEdit(file: ParsedFile, code: string, line: number): Edit | undefined {
  const pl = file.lines[line];
  if (!pl || (pl.kind !== 'directive' && pl.kind !== 'bad-quotes')) return undefined;
  const indent = pl.line.raw.slice(0, pl.line.start);
  return { line, character: 0, endLine: line, endCharacter: 0, newText: `${indent}# redis-guard-disable-next-line ${code}${eolOf(file.text)}` };
}

/**
 * `# redis-guard-disable CODE` for the whole file: added to such a comment when the file has one,
 * else on a line of its own after the comment banner the file opens with (or first, when that
 * comment belongs to the directive under it).
 */
export function disableFileEdit(file: ParsedFile, code: string): Edit {
  const eol = eolOf(file.text);
  for (const pl of file.lines) {
    if (pl.kind !== 'comment') continue;
    const m = FILE_MARK.exec(pl.line.raw.slice(pl.line.start, pl.line.end));
    if (m && m[1].trim()) return { line: pl.line.index, character: pl.line.end, endLine: pl.line.index, endCharacter: pl.line.end, newText: ` ${code}` };
  }
  const comment = `# redis-guard-disable ${code}`;
  let k = 0;
  while (k < file.lines.length && file.lines[k].kind === 'comment') k++;
  if (k === 0 || file.lines[k]?.kind !== 'blank') return { line: 0, character: 0, endLine: 0, endCharacter: 0, newText: comment + eol };
  const last = file.lines[k - 1].line;
  const end = last.raw.endsWith('\r') ? last.raw.length - 1 : last.raw.length;
  return { line: last.index, character: end, endLine: last.index, endCharacter: end, newText: eol + comment };
}
