/**
 * Facts about a directive for people: description, type, default, range and the
 * versions that know it. Used by hover and completion.
 */
import descriptions from '../catalog/descriptions.json';
import { DirectiveVariant, lookupDirective, targets, Target } from '../catalog';

interface Description { summary: string; details?: string; section?: string }
const texts = descriptions as unknown as { directives: Record<string, Description>; sentinel: Record<string, Description> };

export function descriptionOf(name: string): Description | undefined {
  return texts.directives[name];
}

export function sentinelDescription(sub: string): Description | undefined {
  return texts.sentinel?.[sub];
}

const BIG = new Map<string, string>([
  ['9223372036854775807', 'LLONG_MAX'], ['18446744073709551615', 'ULLONG_MAX'],
  ['2147483647', 'INT_MAX'], ['4294967295', 'UINT_MAX'], ['-9223372036854775808', 'LLONG_MIN'], ['-2147483648', 'INT_MIN'],
]);

function bound(v: string | undefined): string {
  if (v === undefined) return '?';
  return BIG.get(v) ?? v;
}

export function typeLabel(spec: DirectiveVariant): string {
  switch (spec.type) {
    case 'bool': return 'yes | no';
    case 'enum': return (spec.flags?.includes('multi-arg') ? 'one or more of ' : '') + (spec.values ?? []).join(' | ');
    case 'int': return `integer ${bound(spec.min)}..${bound(spec.max)}`;
    case 'memory': return `memory size ${bound(spec.min)}..${bound(spec.max)} bytes (units b k kb m mb g gb${spec.numFlags?.includes('percent') ? ', or a percentage' : ''})`;
    case 'percent': return `percentage ${bound(spec.min)}..${bound(spec.max)}`;
    case 'octal': return `octal ${spec.min ? Number(spec.min).toString(8) : '0'}..${spec.max ? Number(spec.max).toString(8) : '?'}`;
    case 'string': return 'string';
    case 'ignored': return 'ignored (deprecated)';
    default: return 'special';
  }
}

/** "Redis 6.0–7.4, Valkey 7.2–8.1" style summary of where a name exists. */
export function availability(name: string): string {
  const byFlavour = new Map<string, string[]>();
  for (const t of targets()) {
    if (!lookupDirective(name, t)) continue;
    const [f, v] = t.split('@');
    byFlavour.set(f, [...(byFlavour.get(f) ?? []), v]);
  }
  const label: Record<string, string> = { redis: 'Redis', valkey: 'Valkey', memurai: 'Memurai' };
  return [...byFlavour.entries()].map(([f, vs]) => `${label[f]} ${vs.length > 1 ? `${vs[0]}–${vs[vs.length - 1]}` : vs[0]}`).join(', ');
}

/** Markdown hover text for a directive under a target. */
export function directiveMarkdown(name: string, target: Target): string | undefined {
  const info = lookupDirective(name, target.id);
  const canonical = info?.name ?? name;
  const d = descriptionOf(canonical);
  if (!info && !d) return undefined;
  const lines: string[] = [`**${canonical}**${info?.alias ? ` (old name: \`${info.alias}\`)` : ''}`, ''];
  if (d) {
    lines.push(d.summary);
    if (d.details) lines.push('', d.details);
  }
  if (info) {
    const s = info.spec;
    lines.push('', `- Type: ${typeLabel(s)}`);
    if (s.default !== undefined) lines.push(`- Default: \`${s.default === '' ? '""' : s.default}\``);
    const flags = (s.flags ?? []).filter(f => ['immutable', 'sensitive', 'protected'].includes(f));
    if (flags.length) lines.push(`- ${flags.map(f => f === 'immutable' ? 'set at start-up only' : f === 'sensitive' ? 'sensitive (hidden in logs)' : 'protected (CONFIG SET blocked unless enable-protected-configs)').join('; ')}`);
    if (s.aliases?.length) lines.push(`- Also accepted as: ${s.aliases.map(a => `\`${a}\``).join(', ')}`);
  } else {
    lines.push('', `- Not available on ${target.id}.`);
  }
  const where = availability(canonical);
  if (where) lines.push(`- Available in: ${where}`);
  return lines.join('\n');
}
