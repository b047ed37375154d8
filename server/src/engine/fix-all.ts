/** "Fix all": applies every safe fix (or, with `includeReview`, every first fix), re-checking after each pass, until nothing changes. */
import { Finding, Edit, Fix } from './findings';
import { applyEdits } from './edits';

const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** Two edits touch the same text (two insertions at one place do not). */
export function overlaps(a: Edit, b: Edit): boolean {
  return before({ line: a.line, character: a.character }, { line: b.endLine, character: b.endCharacter })
    && before({ line: b.line, character: b.character }, { line: a.endLine, character: a.endCharacter });
}

/** One fix that was applied: the finding's code, its 0-based line in the text of that pass, and the fix. */
export interface AppliedFix { code: string; line: number; title: string; safety: Fix['safety'] }

export interface FixAllResult { text: string; passes: number; applied: AppliedFix[] }

/** What a pass of fixAll took: each fix with its edits, in the text the pass started from. */
export type PassTaken = Array<{ fix: AppliedFix; edits: Edit[] }>;

/**
 * `lint` is called on each intermediate text; fixes that overlap an earlier one wait for the next
 * pass. Each finding contributes its first safe fix, or with `includeReview` its first fix of any
 * kind (`redis-guard lint --fix-all-including-review`). `onPass` sees each pass's text and what it
 * took before the edits are applied (the profile preview ties fixes to lines with it).
 */
export function fixAll(text: string, lint: (text: string) => Finding[], options: { includeReview?: boolean; maxPasses?: number; onPass?: (before: string, taken: PassTaken) => void } = {}): FixAllResult {
  const maxPasses = options.maxPasses ?? 8;
  const applied: AppliedFix[] = [];
  let current = text;
  let passes = 0;
  for (; passes < maxPasses; passes++) {
    const edits: Edit[] = [];
    const taken: PassTaken = [];
    for (const f of lint(current)) {
      const fix = f.fixes?.find(x => options.includeReview || x.safety === 'safe');
      // a fix is taken whole or waits for the next pass, so that none is half applied or counted twice
      if (!fix || !fix.edits.length || fix.edits.some(e => edits.some(k => overlaps(e, k)))) continue;
      for (const e of fix.edits) edits.push(e);
      taken.push({ fix: { code: f.code, line: f.line, title: fix.title, safety: fix.safety }, edits: fix.edits });
    }
    if (!edits.length) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    options.onPass?.(current, taken);
    for (const t of taken) applied.push(t.fix);
    current = next;
  }
  return { text: current, passes, applied };
}

/** The edit that turns `before` into `after` as one whole-document replacement. */
export function wholeDocumentEdit(before: string, after: string): Edit {
  const lines = before.split('\n');
  return { line: 0, character: 0, endLine: lines.length - 1, endCharacter: lines[lines.length - 1].length, newText: after };
}
