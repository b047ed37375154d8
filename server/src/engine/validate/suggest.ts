/**
 * What to say about a directive name the target does not know: that it came later or was
 * removed, that another flavour has it, or which known name is closest ("did you mean").
 */
import { CODES } from '../messages';
import { Target, directiveNames } from '../catalog';
import { flavourName, targetLabel } from './context';

function versionOf(t: string): number {
  const [maj, min] = t.split('@')[1].split('.').map(Number);
  return maj * 100 + min;
}

/**
 * The finding for an unknown name: `name` as looked up (lower-case), `written` as in the
 * file, `elsewhere` the targets that know the name (none of them this one).
 */
export function unknownName(name: string, written: string, t: Target, elsewhere: string[]): { code: string; message: string } {
  const sameFlavour = elsewhere.filter(x => x.startsWith(t.flavour + '@'));
  const mine = versionOf(t.id);
  if (sameFlavour.length && sameFlavour.every(x => versionOf(x) > mine)) {
    return {
      code: CODES.newerDirective,
      message: `"${name}" exists from ${flavourName(sameFlavour[0])} on; the target is ${targetLabel(t)}. Remove the line or raise redisGuard.server.`,
    };
  } else if (sameFlavour.length && sameFlavour.every(x => versionOf(x) < mine)) {
    return {
      code: CODES.removedDirective,
      message: `"${name}" was removed after ${flavourName(sameFlavour[sameFlavour.length - 1])}; ${targetLabel(t)} refuses it. Remove the line.`,
    };
  } else if (elsewhere.length) {
    return {
      code: CODES.newerDirective,
      message: `"${name}" exists only in ${[...new Set(elsewhere.map(x => flavourName(x).split(' ')[0]))].join(', ')}, not in ${targetLabel(t)}.`,
    };
  } else {
    const hint = suggest(name, t.id);
    return {
      code: CODES.unknownDirective,
      message: `"${written}" is not a directive of ${targetLabel(t)}.${hint ? ` Did you mean "${hint}"?` : ''}`,
    };
  }
}

/** Closest known directive name, for "did you mean". */
const suggestions = new Map<string, string | undefined>();
function suggest(name: string, target: string): string | undefined {
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
