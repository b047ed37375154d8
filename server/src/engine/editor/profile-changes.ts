/**
 * Every fix applied to a text (as fixAll does, pass after pass), with each fix tied to the block
 * of lines it changed, so that "Apply production profile" can show each change in the preview
 * with the names of the fixes it carries.
 */
import type { Edit, Finding } from '../findings';
import { overlaps, AppliedFix } from '../fix-all';
import { applyEdits } from '../edits';
import { lineHunks, Hunk } from './line-hunks';

export interface ProfileChange { hunk: Hunk; fixes: AppliedFix[] }

export interface TrackedFixes { text: string; applied: AppliedFix[]; changes: ProfileChange[] }

/** The line of the original text that line `line` of a later text came from (or was inserted at). */
function originalLine(hunks: Hunk[], line: number): number {
  let shift = 0;
  for (const h of hunks) {
    if (line < h.newStart) break;
    if (line < h.newEnd) return Math.min(h.start + (line - h.newStart), Math.max(h.start, h.end - 1));
    shift = h.end - h.newEnd;
  }
  return line + shift;
}

/** The block an edit at original line `line` belongs to: the one holding the line, or inserting right after it; else the nearest. */
function distance(h: Hunk, line: number): number {
  const lo = h.start === h.end ? h.start - 1 : h.start;
  const hi = h.start === h.end ? h.start - 1 : h.end - 1;
  return line < lo ? lo - line : line > hi ? line - hi : 0;
}

/**
 * Applies each finding's first fix (its first safe one unless `includeReview`), re-checking after
 * each pass; a fix whose edits overlap one taken earlier in the pass waits for the next pass.
 */
export function fixAllTracked(text: string, lint: (text: string) => Finding[], options: { includeReview?: boolean; maxPasses?: number } = {}): TrackedFixes {
  const applied: AppliedFix[] = [];
  const lines: number[] = [];
  let current = text;
  for (let pass = 0; pass < (options.maxPasses ?? 8); pass++) {
    const kept: Edit[] = [];
    const taken: Array<{ fix: AppliedFix; line: number }> = [];
    for (const f of lint(current)) {
      const fix = f.fixes?.find(x => options.includeReview || x.safety === 'safe');
      if (!fix || !fix.edits.length || fix.edits.some(e => kept.some(k => overlaps(e, k)))) continue;
      for (const e of fix.edits) kept.push(e);
      taken.push({ fix: { code: f.code, line: f.line, title: fix.title, safety: fix.safety }, line: Math.min(...fix.edits.map(e => e.line)) });
    }
    const next = kept.length ? applyEdits(current, kept) : current;
    if (next === current) break;
    const sofar = pass === 0 ? [] : lineHunks(text, current);
    for (const t of taken) { applied.push(t.fix); lines.push(originalLine(sofar, t.line)); }
    current = next;
  }
  const hunks = lineHunks(text, current);
  const changes: ProfileChange[] = hunks.map(hunk => ({ hunk, fixes: [] }));
  applied.forEach((fix, i) => {
    let best = 0;
    hunks.forEach((h, k) => { if (distance(h, lines[i]) < distance(hunks[best], lines[i])) best = k; });
    changes[best]?.fixes.push(fix);
  });
  return { text: current, applied, changes };
}
