/**
 * Reading YAML (docker-compose, Kubernetes) with the `yaml` package, bounded, and finding where
 * each character of a string value was written, so that a word of a command string maps back
 * to its text.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, YAMLMap } from 'yaml';
import type { Located } from './words';
import { Extracted, MENTIONS_SERVER } from './sites';

/** How much YAML is read: a file past these is reported as not checked, never read whole. */
export const YAML_LIMITS = { maxDocuments: 1000, maxDepth: 64 };

export interface YamlDocs {
  docs: unknown[];
  /** The documents themselves (for aliases), in the order of `docs`. */
  documents: Document[];
  /** Why the file was not (fully) read, when it was not. */
  problem?: string;
}

/** Nesting deeper than `max` (flow or block), found on the text before any parsing (a deep file would overflow the parser's stack). */
function tooDeep(text: string, max: number): boolean {
  let depth = 0;
  let inQuote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuote) { if (c === inQuote) inQuote = undefined; else if (c === '\n') inQuote = undefined; continue; }
    if (c === '#') { const nl = text.indexOf('\n', i); if (nl < 0) break; i = nl; continue; }
    if (c === '"' || c === "'") { inQuote = c; continue; }
    if (c === '[' || c === '{') { if (++depth > max) return true; }
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  // block nesting: indentation deeper than two spaces a level
  const m = text.match(/^ {129,}\S/m);
  return m !== null;
}

/** Every document of a YAML text (bounded: documents, depth, aliases). */
export function readYaml(text: string): YamlDocs {
  if (tooDeep(text, YAML_LIMITS.maxDepth)) return { docs: [], documents: [], problem: `it nests deeper than ${YAML_LIMITS.maxDepth} levels` };
  // count the document markers first: parseAllDocuments would build every document
  const markers = text.match(/^---/gm)?.length ?? 0;
  if (markers > YAML_LIMITS.maxDocuments) return { docs: [], documents: [], problem: `it holds more than ${YAML_LIMITS.maxDocuments.toLocaleString('en-US')} documents` };
  let parsed;
  try {
    parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  } catch (e) {
    return { docs: [], documents: [], problem: `the YAML parser gave up (${(e as Error).message.split('\n')[0]})` };
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const docs: unknown[] = [];
  const documents: Document[] = [];
  for (const d of list) {
    if (d.errors.length) continue; // a broken document is the YAML tools' to report
    docs.push(d.contents);
    documents.push(d as Document);
  }
  return { docs, documents };
}

/** The value of `key` in a YAML map node. */
export function get(node: unknown, key: string): unknown {
  if (!isMap(node)) return undefined;
  for (const it of (node as YAMLMap).items) {
    if (isScalar(it.key) && it.key.value === key) return it.value;
  }
  return undefined;
}

/**
 * The value of `key` in a map, or in the maps a merge key (`<<: *common`, `<<: [*a, *b]`) brings
 * in, the map's own entries first (Compose files share a command through an `x-` anchor this way).
 * One level of merges, no alias expanded any further.
 */
export function getMerged(node: unknown, key: string, doc: Document): unknown {
  const own = get(node, key);
  if (own !== undefined || !isMap(node)) return own;
  const merge = get(node, '<<');
  for (const ref of isSeq(merge) ? merge.items : [merge]) {
    if (!isAlias(ref)) continue;
    const target = ref.resolve(doc);
    const v = get(target, key);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The entries of a map node as [key, value] (string keys only). */
export function entries(node: unknown): Array<[string, unknown, Scalar]> {
  if (!isMap(node)) return [];
  const out: Array<[string, unknown, Scalar]> = [];
  for (const it of (node as YAMLMap).items) if (isScalar(it.key) && typeof it.key.value === 'string') out.push([it.key.value, it.value, it.key]);
  return out;
}

/** A string scalar's value, or undefined (numbers and booleans are written as text: `6380` in a list is the argument "6380"). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return node.source ?? String(v);
  if (v === null) return undefined;
  return undefined;
}

/** A scalar's range in the text (start, end of its value). */
export function rangeOf(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/**
 * Each character of a string scalar and its offset in `text`. Exact for plain, quoted and block
 * scalars written on one line; for folded and multi-line ones, each character is matched to the
 * next occurrence in the source (a line break that became a blank matches the break).
 */
export function scalarChars(node: Scalar, text: string): Located[] {
  const value = scalarText(node) ?? '';
  const r = rangeOf(node);
  if (!r) return Array.from(value, c => ({ c, at: -1 }));
  const [start, end] = r;
  const src = text.slice(start, end);
  if (node.type === 'PLAIN' && src === value) return Array.from(value, (c, i) => ({ c, at: start + i }));
  if ((node.type === 'QUOTE_SINGLE' || node.type === 'QUOTE_DOUBLE') && !src.includes('\n')) {
    const out: Located[] = [];
    const q = src[0];
    for (let i = 1; i < src.length - 1; i++) {
      if (q === "'" && src[i] === "'" && src[i + 1] === "'") { out.push({ c: "'", at: start + i }); i++; continue; }
      if (q === '"' && src[i] === '\\') {
        const e = src[i + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', ' ': ' ', '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\t': '\t' };
        const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
        if (hex) {
          const cp = parseInt(src.slice(i + 2, i + 2 + hex), 16);
          for (const c of String.fromCodePoint(Number.isFinite(cp) ? cp : 0xfffd)) out.push({ c, at: start + i });
          i += 1 + hex;
          continue;
        }
        out.push({ c: simple[e] ?? e, at: start + i });
        i++;
        continue;
      }
      out.push({ c: src[i], at: start + i });
    }
    if (out.map(x => x.c).join('') === value) return out;
  }
  // match each character to the next occurrence in the source
  const out: Located[] = [];
  let p = node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL' ? Math.max(0, src.indexOf('\n') + 1) : node.type === 'PLAIN' ? 0 : 1;
  for (const c of value) {
    let q = p;
    const blank = c === ' ' || c === '\n';
    while (q < src.length && q - p < 400 && !(src[q] === c || (blank && (src[q] === '\n' || src[q] === ' ')))) q++;
    if (q < src.length && q - p < 400) { out.push({ c, at: start + q }); p = q + 1; }
    else out.push({ c, at: -1 });
  }
  return out;
}

/**
 * The start of the docker-compose and Kubernetes extractors: nothing for a file that names no
 * server, one note for one that does but cannot be read, otherwise its documents.
 */
export function yamlNamingServer(text: string): { out: Extracted; yaml?: YamlDocs } {
  const out: Extracted = { sites: [], unchecked: [] };
  if (!MENTIONS_SERVER.test(text)) return { out };
  const yaml = readYaml(text);
  if (yaml.problem) {
    out.unchecked.push({ start: 0, end: 0, message: `This file names a server, but Redis Guard did not read it: ${yaml.problem}.` });
    return { out };
  }
  return { out, yaml };
}
