/**
 * Every fix applied to a text (as fixAll does, pass after pass), with each fix tied to the block
 * of lines it changed, so that "Apply production profile" can show each change in the preview
 * with the names of the fixes it carries.
 */
import type { Finding } from '../findings';
import { fixAll, AppliedFix } from '../fix-all';
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
 * fixAll (its first safe fix per finding unless `includeReview`, re-checking after each pass), with
 * each applied fix tied to the line of the original text its edits start at.
 */
export function fixAllTracked(text: string, lint: (text: string) => Finding[], options: { includeReview?: boolean; maxPasses?: number } = {}): TrackedFixes {
  const lines: number[] = [];
  const { text: current, applied } = fixAll(text, lint, {
    ...options,
    onPass: (before, taken) => {
      const sofar = before === text ? [] : lineHunks(text, before);
      for (const t of taken) lines.push(originalLine(sofar, Math.min(...t.edits.map(e => e.line))));
    },
  });
  const hunks = lineHunks(text, current);
  const changes: ProfileChange[] = hunks.map(hunk => ({ hunk, fixes: [] }));
  applied.forEach((fix, i) => {
    let best = 0;
    hunks.forEach((h, k) => { if (distance(h, lines[i]) < distance(hunks[best], lines[i])) best = k; });
    changes[best]?.fixes.push(fix);
  });
  return { text: current, applied, changes };
}
