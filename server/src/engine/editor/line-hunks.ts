/**
 * The changes between two texts as blocks of whole lines (Myers' diff), each with the edit that
 * makes it: "Apply production profile" shows one change per block in VS Code's refactor preview
 * rather than one replacement of the whole document.
 */
import type { Edit } from '../findings';

/** Lines `start`..`end` (exclusive) of the old text became lines `newStart`..`newEnd` of the new one. */
export interface Hunk { start: number; end: number; newStart: number; newEnd: number; edit: Edit }

/** Past this many differing lines the middle of the two texts is one block (the diff's cost grows with its square). */
const MAX_DIFFERENCES = 1000;

/** Pairs of equal lines (index in a, index in b) on a shortest edit path, in order; undefined when the texts differ too much. */
function matches(a: string[], b: string[]): Array<[number, number]> | undefined {
  const n = a.length, m = b.length, max = n + m, off = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_DIFFERENCES) && found < 0; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[off + k] = x;
      if (x >= n && y >= m) { found = d; break; }
    }
  }
  if (found < 0) return undefined;
  const out: Array<[number, number]> = [];
  let x = n, y = m;
  for (let d = found; d >= 0; d--) {
    const t = trace[d];
    const at = (k: number) => t[k + d + 1];
    const k = x - y;
    let px = 0, py = 0;
    if (d > 0) {
      const pk = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      px = at(pk);
      py = px - pk;
    }
    while (x > px && y > py) out.push([--x, --y]);
    x = px; y = py;
  }
  return out.reverse();
}

/** The edit that turns lines start..end of `a` into lines newStart..newEnd of `b` (texts split on "\n"). */
function editOf(a: string[], b: string[], start: number, end: number, newStart: number, newEnd: number): Edit {
  const lines = b.slice(newStart, newEnd);
  if (end < a.length) return { line: start, character: 0, endLine: end, endCharacter: 0, newText: lines.map(l => l + '\n').join('') };
  // the block reaches the end of the text, which has no line break after its last line
  const last = a.length - 1;
  if (start === 0) return { line: 0, character: 0, endLine: last, endCharacter: a[last].length, newText: lines.join('\n') };
  return { line: start - 1, character: a[start - 1].length, endLine: last, endCharacter: a[last].length, newText: lines.map(l => '\n' + l).join('') };
}

/** The blocks of lines that differ between `before` and `after`, in order, with non-overlapping edits. */
export function lineHunks(before: string, after: string): Hunk[] {
  if (before === after) return [];
  const a = before.split('\n'), b = after.split('\n');
  // the common head and tail first: the diff then only sees the changed middle
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const mid = matches(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const pairs: Array<[number, number]> = (mid ?? []).map(([x, y]) => [x + head, y + head]);
  pairs.push([a.length - tail, b.length - tail]); // a sentinel: the tail starts here
  const hunks: Hunk[] = [];
  let x = head, y = head;
  for (const [px, py] of pairs) {
    if (px > x || py > y) hunks.push({ start: x, end: px, newStart: y, newEnd: py, edit: editOf(a, b, x, px, y, py) });
    x = px + 1; y = py + 1;
  }
  return hunks;
}
