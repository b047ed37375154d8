/** Did-you-mean: the known directive name closest to an unknown one (edit distance, cached). */
import { directiveNames } from '../catalog';

/** Closest known directive name, for "did you mean". */
const suggestions = new Map<string, string | undefined>();
export function suggest(name: string, target: string): string | undefined {
  const key = target + ' ' + name;
  if (suggestions.has(key)) return suggestions.get(key);
  if (suggestions.size > 5000) suggestions.clear();
  const found = suggestUncached(name, target);
  suggestions.set(key, found);
  return found;
}

function suggestUncached(name: string, target: string): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 4));
  for (const n of directiveNamesCache(target)) {
    const d = distance(name, n, bestD);
    if (d <= bestD) { bestD = d; best = n; if (d === 0) break; }
  }
  return best;
}

const nameCache = new Map<string, string[]>();
function directiveNamesCache(target: string): string[] {
  let v = nameCache.get(target);
  if (!v) { v = directiveNames(target); nameCache.set(target, v); }
  return v;
}

function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    let rowMin = prev[0];
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
      rowMin = Math.min(rowMin, prev[j]);
    }
    if (rowMin > max) return max + 1;
  }
  return prev[b.length];
}
