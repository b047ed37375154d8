/**
 * Read access to the generated directive catalog: which directives a target
 * (flavour@version) knows, with their types, bounds and defaults.
 */
import data from './catalog.json';
import type { Catalog, DirectiveVariant, SentinelSubcommand, ServerTarget } from './types';

export type { DirectiveVariant, ServerTarget } from './types';

const catalog = data as unknown as Catalog;

export const DEFAULT_TARGET: ServerTarget = 'redis@7.2';

export interface Target {
  id: ServerTarget;
  flavour: 'redis' | 'valkey' | 'memurai';
  major: number;
  minor: number;
}

export interface DirectiveInfo {
  /** Canonical name. */
  name: string;
  /** The name as it was looked up when it is an alias, else undefined. */
  alias?: string;
  spec: DirectiveVariant;
}

export function targets(): ServerTarget[] {
  return catalog.targets.slice();
}

/**
 * Parses "redis@7", "redis@7.0", "redis@7.0.15", "valkey@8.0", "memurai@4.1" into a
 * known target (the newest catalogued minor when only a major is given).
 * Returns an error text for anything it cannot map.
 */
export function resolveTarget(spec: string | undefined): Target | { error: string } {
  const text = (spec ?? DEFAULT_TARGET).trim().toLowerCase();
  const m = /^(redis|valkey|memurai)(?:@(\d+)(?:\.(\d+|x))?(?:\.\d+)?)?$/.exec(text);
  if (!m) return { error: `Unknown server "${spec}". Use flavour@version, e.g. ${catalog.targets.slice(0, 3).join(', ')}.` };
  const flavour = m[1] as Target['flavour'];
  const known = catalog.targets.filter(t => t.startsWith(flavour + '@'));
  let pick: string | undefined;
  if (!m[2]) pick = known[known.length - 1];
  else if (m[3] === undefined || m[3] === 'x') pick = known.filter(t => t.startsWith(`${flavour}@${m[2]}.`)).pop();
  else pick = known.find(t => t === `${flavour}@${m[2]}.${m[3]}`);
  if (!pick) return { error: `No catalog for ${text}. Known: ${known.join(', ')}.` };
  const [maj, min] = pick.split('@')[1].split('.').map(Number);
  return { id: pick, flavour, major: maj, minor: min };
}

type Index = Map<string, DirectiveInfo>;
const indexes = new Map<ServerTarget, Index>();

function indexFor(target: ServerTarget): Index {
  let idx = indexes.get(target);
  if (idx) return idx;
  idx = new Map();
  for (const [name, variants] of Object.entries(catalog.directives)) {
    const spec = variants.find(v => v.versions.includes(target));
    if (!spec) continue;
    idx.set(name, { name, spec });
    for (const alias of spec.aliases ?? []) {
      if (!idx.has(alias)) idx.set(alias, { name, alias, spec });
    }
  }
  indexes.set(target, idx);
  return idx;
}

/** Looks a (lower-case) directive name up for a target, aliases included. */
export function lookupDirective(name: string, target: ServerTarget): DirectiveInfo | undefined {
  return indexFor(target).get(name);
}

/** Every directive name (canonical and aliases) a target accepts. */
export function directiveNames(target: ServerTarget): string[] {
  return [...indexFor(target).keys()];
}

/** Canonical directives of a target, with their spec. */
export function directivesOf(target: ServerTarget): DirectiveInfo[] {
  return [...indexFor(target).values()].filter(d => !d.alias);
}

/** Targets (of any flavour) in which a name exists, for version-gate messages. */
export function targetsKnowing(name: string): ServerTarget[] {
  return catalog.targets.filter(t => indexFor(t).has(name));
}

const commandSets = new Map<ServerTarget, ReadonlySet<string>>();

/** Command names of a target (shared, read-only: copy it before changing). */
export function commandsOf(target: ServerTarget): ReadonlySet<string> {
  let set = commandSets.get(target);
  if (!set) { set = new Set(catalog.commands[target] ?? []); commandSets.set(target, set); }
  return set;
}

export function subcommandsOf(target: ServerTarget): Record<string, string[]> {
  return catalog.subcommands[target] ?? {};
}

export function aclCategoriesOf(target: ServerTarget): Set<string> {
  return new Set(catalog.aclCategories[target] ?? []);
}

/** The letters `notify-keyspace-events` accepts on a target (case matters), e.g. "Ag$lshzxeKEtmdn". */
export function keyspaceEventLettersOf(target: ServerTarget): string {
  return catalog.keyspaceEvents[target] ?? '';
}

/** Whether the target refuses a line where a closing quote is followed by something other than a blank. */
export function closingQuoteNeedsBlank(target: ServerTarget): boolean {
  return catalog.closingQuoteNeedsBlank[target] ?? true;
}

/** The target's float parser for config values. */
export function floatParserOf(target: ServerTarget): 'strtod' | 'fast-float' {
  return catalog.floatParser[target] ?? 'strtod';
}

/** What the target's memory parser does with a value past 2^64-1. */
export function memoryOverflowOf(target: ServerTarget): 'saturate' | 'refuse' {
  return catalog.memoryOverflow[target] ?? 'saturate';
}

/** Whether the target refuses an unknown directive at its line, or keeps it for modules and aborts at start-up. */
export function unknownDirectivesOf(target: ServerTarget): 'line' | 'startup' {
  return catalog.unknownDirectives[target] ?? 'line';
}

export function sentinelSubcommand(name: string, target: ServerTarget): SentinelSubcommand | undefined {
  return catalog.sentinel.find(s => s.name === name && s.versions.includes(target));
}

export function sentinelSubcommands(target: ServerTarget): SentinelSubcommand[] {
  return catalog.sentinel.filter(s => s.versions.includes(target));
}
