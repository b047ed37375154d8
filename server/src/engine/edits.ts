/** Text edits for quick fixes: plain data, applied the same way by the editor and by --fix. */
import { ConfigView, Section, Setting } from './config-view';

import type { Edit } from './findings';
export type { Edit } from './findings';

function offsetOf(lines: string[], line: number, character: number): number {
  let off = 0;
  for (let i = 0; i < line && i < lines.length; i++) off += lines[i].length + 1;
  return off + Math.min(character, (lines[line] ?? '').length);
}

/** Applies non-overlapping edits (as LSP clients do): later ranges first. Overlapping edits after the first are dropped. */
export function applyEdits(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  const withOffsets = edits.map(e => ({ e, start: offsetOf(lines, e.line, e.character), end: offsetOf(lines, e.endLine, e.endCharacter) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: typeof withOffsets = [];
  let lastEnd = -1;
  for (const x of withOffsets) {
    if (x.start < lastEnd) continue;
    kept.push(x);
    lastEnd = Math.max(x.end, x.start);
  }
  let out = text;
  for (const x of kept.reverse()) out = out.slice(0, x.start) + x.e.newText + out.slice(x.end);
  return out;
}

export function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Replace a whole directive line with new text (one or more lines, joined with the file's EOL). */
export function replaceLine(text: string, s: Setting, newLines: string[]): Edit {
  const l = s.directive.line;
  return { line: l.index, character: l.start, endLine: l.index, endCharacter: l.end, newText: newLines.join(eolOf(text)) };
}

/** Replace argument i (1 = first value) of a setting. */
export function replaceArg(s: Setting, i: number, newText: string): Edit {
  const t = s.directive.args[i];
  const l = s.directive.line.index;
  return { line: l, character: t.start, endLine: l, endCharacter: t.end, newText };
}

/** Remove a directive line entirely (including its line break). */
export function deleteLine(s: Setting): Edit {
  const i = s.directive.line.index;
  return { line: i, character: 0, endLine: i + 1, endCharacter: 0, newText: '' };
}

/**
 * Where a person would put a new `name` line: right after a commented-out example of the same
 * directive ("# requirepass foobared"), else after the last directive of the first section whose
 * header matches one of `sections`; undefined: at the end of the file.
 */
export function insertionPoint(config: ConfigView, name: string, sections: string[]): { example: number } | { section: Section } | undefined {
  const example = config.commentedExample(name);
  if (example !== undefined) return { example };
  const section = config.sections().find(sec => sections.some(x => sec.title.toUpperCase().includes(x)));
  return section ? { section } : undefined;
}

/** Inserts new directive lines at the insertion point of `name` (see insertionPoint). */
export function insertDirective(text: string, config: ConfigView, name: string, newLines: string[], sections: string[]): Edit {
  const eol = eolOf(text);
  const lines = config.file.lines;
  const block = newLines.join(eol);
  const after = (raw: string, index: number): Edit => ({ line: index, character: raw.length, endLine: index, endCharacter: raw.length, newText: eol + block });
  const at = insertionPoint(config, name, sections);
  if (at && 'example' in at) return after(lines[at.example].line.raw, at.example);
  if (at) return after(lines[at.section.lastDirective].line.raw, at.section.lastDirective);
  const last = lines[lines.length - 1].line;
  const needsBreak = last.raw.length > 0;
  return { line: last.index, character: last.raw.length, endLine: last.index, endCharacter: last.raw.length, newText: (needsBreak ? eol : '') + block + eol };
}
