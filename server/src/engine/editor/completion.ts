/** Completion: directive names at the start of a line, values after them. */
import { splitLines, splitArgs } from '../tokenize';
import { Target, directivesOf, lookupDirective, sentinelSubcommands } from '../catalog';
import { descriptionOf, typeLabel } from './describe';
import { MEMORY_UNIT_NAMES } from '../values';
import { valueDoc } from './value-docs';

export type CompletionKind = 'directive' | 'value' | 'unit' | 'subcommand';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Snippet text (with ${1:...} placeholders) when the entry inserts more than its label. */
  snippet?: string;
  /** A value that is the directive's default (offered first). */
  isDefault?: boolean;
  /** Range of the text the entry replaces, on the cursor's line. */
  replaceStart: number;
  replaceEnd: number;
}

function snippetValue(v: string): string {
  return v.replace(/[$}\\]/g, c => '\\' + c);
}

export function complete(text: string, line: number, character: number, target: Target): CompletionEntry[] {
  const src = splitLines(text)[line];
  if (!src) return [];
  const before = src.raw.slice(0, character);
  if (before.trimStart().startsWith('#')) return [];
  const split = splitArgs(before);
  if (!split.ok) return [];
  const tokens = split.tokens;
  const endsWithBlank = /[ \t]$/.test(before) || before.trim() === '';
  const current = endsWithBlank ? undefined : tokens[tokens.length - 1];
  const index = endsWithBlank ? tokens.length : tokens.length - 1;
  const replaceStart = current ? current.start : character;
  const replaceEnd = character;

  if (index === 0) {
    return directivesOf(target.id).filter(d => d.spec.type !== 'ignored').map(d => {
      const desc = descriptionOf(d.name);
      const def = d.spec.default;
      const placeholder = d.spec.type === 'enum' || d.spec.type === 'bool'
        ? `\${1|${(d.spec.type === 'bool' ? ['yes', 'no'] : d.spec.values ?? []).map(snippetValue).join(',')}|}`
        : `\${1:${snippetValue(def === undefined || def === '' ? '' : def)}}`;
      return {
        label: d.name, kind: 'directive' as const, detail: typeLabel(d.spec), documentation: desc?.summary,
        snippet: `${d.name} ${placeholder}`, replaceStart, replaceEnd,
      };
    });
  }
  const name = tokens[0].value.toLowerCase();
  if (name === 'sentinel' && index === 1) {
    return sentinelSubcommands(target.id).map(s => ({ label: s.name, kind: 'subcommand' as const, replaceStart, replaceEnd }));
  }
  const info = lookupDirective(name, target.id);
  if (!info) return [];
  const spec = info.spec;
  if (index === 1 || spec.flags?.includes('multi-arg')) {
    if (spec.type === 'bool' || spec.type === 'enum') {
      const bool = spec.type === 'bool';
      const values = bool ? ['yes', 'no'] : spec.values ?? [];
      // the default first; a multi-argument value (shutdown-on-sigterm "save now") has one only at its first argument
      const def = index === 1 ? spec.default : undefined;
      return values.map(v => ({ label: v, kind: 'value' as const, detail: valueDoc(info.name, v, bool), isDefault: v === def || undefined, replaceStart, replaceEnd }))
        .sort((a, b) => Number(!!b.isDefault) - Number(!!a.isDefault));
    }
    if (spec.type === 'memory' && current && /^[0-9]+$/.test(current.value)) {
      return MEMORY_UNIT_NAMES.map(u => ({ label: current.value + u, kind: 'unit' as const, detail: u.endsWith('b') && u !== 'b' ? `×1024^${'kmg'.indexOf(u[0]) + 1}` : u === 'b' ? 'bytes' : `×1000^${'kmg'.indexOf(u) + 1}`, replaceStart, replaceEnd }));
    }
  }
  return [];
}
