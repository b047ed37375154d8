/** "Fix all": applies every automatic fix, re-checking after each pass, until nothing changes. */
import { Finding, Edit } from './findings';
import { applyEdits } from './edits';

export interface FixAllResult { text: string; passes: number; applied: string[] }

/** `lint` is called on each intermediate text; fixes that overlap an earlier one wait for the next pass. */
export function fixAll(text: string, lint: (text: string) => Finding[], maxPasses = 8): FixAllResult {
  const applied: string[] = [];
  let current = text;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const edits: Edit[] = [];
    const titles: string[] = [];
    for (const f of lint(current)) {
      const fix = f.fixes?.find(x => x.auto);
      if (!fix) continue;
      for (const e of fix.edits) edits.push(e);
      titles.push(`${f.code} ${fix.title}`);
    }
    if (!edits.length) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    for (const t of titles) applied.push(t);
    current = next;
  }
  return { text: current, passes, applied };
}

/** The edit that turns `before` into `after` as one whole-document replacement. */
export function wholeDocumentEdit(before: string, after: string): Edit {
  const lines = before.split('\n');
  return { line: 0, character: 0, endLine: lines.length - 1, endCharacter: lines[lines.length - 1].length, newText: after };
}
