/**
 * Checks server/src/engine/catalog/descriptions.json (hover texts) against the generated catalog:
 * every canonical directive of every target and every sentinel subcommand is described,
 * summaries are short single sentences, sections are known, and no entry names something
 * the catalog does not know (so a typo in a key fails here instead of silently never showing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import d from '../../server/src/engine/catalog/descriptions.json';
import c from '../../server/src/engine/catalog/catalog.json';
import type { Catalog } from '../../server/src/engine/catalog/types';

interface Description { summary: string; details?: string; section?: string }
interface Descriptions { directives: Record<string, Description>; sentinel: Record<string, Description> }

const descriptions = d as unknown as Descriptions;
const catalog = c as unknown as Catalog;

const SECTIONS = new Set([
  'network', 'tls', 'general', 'snapshotting', 'replication', 'keys-tracking', 'security', 'clients',
  'memory', 'lazyfree', 'threads', 'kernel', 'aof', 'shutdown', 'scripting', 'cluster', 'cluster-docker',
  'slowlog', 'latency', 'events', 'advanced', 'defrag', 'modules', 'sentinel', 'memurai',
]);
const MAX_SUMMARY = 140;

function checkText(where: string, desc: Description | undefined): void {
  assert.ok(desc, `${where}: no description`);
  assert.equal(typeof desc.summary, 'string', `${where}: summary must be a string`);
  const summary = desc.summary.trim();
  assert.ok(summary.length > 0, `${where}: empty summary`);
  assert.ok(desc.summary.length <= MAX_SUMMARY, `${where}: summary is ${desc.summary.length} chars (max ${MAX_SUMMARY})`);
  assert.equal(summary, desc.summary, `${where}: summary has leading/trailing blanks`);
  assert.ok(!/\n/.test(desc.summary), `${where}: summary must be one line`);
  if (desc.details !== undefined) {
    assert.equal(typeof desc.details, 'string', `${where}: details must be a string`);
    assert.ok(desc.details.trim().length > 0, `${where}: details present but empty`);
  }
}

test('descriptions.json has the expected top-level shape', () => {
  assert.equal(typeof descriptions.directives, 'object');
  assert.equal(typeof descriptions.sentinel, 'object');
  assert.deepEqual(Object.keys(descriptions).sort(), ['directives', 'sentinel']);
});

test('every canonical directive of every target has a description with a known section', () => {
  const problems: string[] = [];
  for (const target of catalog.targets) {
    for (const [name, variants] of Object.entries(catalog.directives)) {
      if (!variants.some(v => v.versions.includes(target))) continue;
      const desc = descriptions.directives[name];
      try {
        checkText(`${target} ${name}`, desc);
        assert.ok(desc.section && SECTIONS.has(desc.section), `${target} ${name}: unknown section "${desc.section}"`);
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});

test('every sentinel subcommand has a description', () => {
  const problems: string[] = [];
  for (const sub of catalog.sentinel) {
    try {
      checkText(`sentinel ${sub.name}`, descriptions.sentinel[sub.name]);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});

test('no description names a directive the catalog does not know', () => {
  const known = new Set(Object.keys(catalog.directives));
  const unknown = Object.keys(descriptions.directives).filter(n => !known.has(n));
  assert.deepEqual(unknown, [], `descriptions for unknown directives: ${unknown.join(', ')}`);
});

test('no description names a sentinel subcommand the catalog does not know', () => {
  const known = new Set(catalog.sentinel.map(s => s.name));
  const unknown = Object.keys(descriptions.sentinel).filter(n => !known.has(n));
  assert.deepEqual(unknown, [], `descriptions for unknown sentinel subcommands: ${unknown.join(', ')}`);
});

test('directive descriptions are keyed by canonical names, never by a mere alias', () => {
  const canonical = new Set(Object.keys(catalog.directives));
  const aliasOnly = new Set<string>();
  for (const variants of Object.values(catalog.directives)) {
    for (const v of variants) for (const a of v.aliases ?? []) if (!canonical.has(a)) aliasOnly.add(a);
  }
  const wrong = Object.keys(descriptions.directives).filter(n => aliasOnly.has(n));
  assert.deepEqual(wrong, []);
});

test('every directive description has a known section', () => {
  const bad = Object.entries(descriptions.directives)
    .filter(([, desc]) => !desc.section || !SECTIONS.has(desc.section))
    .map(([name, desc]) => `${name}: ${desc.section}`);
  assert.deepEqual(bad, []);
});
