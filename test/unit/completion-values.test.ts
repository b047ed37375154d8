/** Value completions: a description for every value, the default marked and first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/engine/editor/completion';
import { directivesOf, resolveTarget, targets, Target } from '../../server/src/engine/catalog';

const target = (id: string) => resolveTarget(id) as Target;
const valuesAfter = (line: string, t = target('redis@7.2')) => complete(line, 0, line.length, t);

test('maxmemory-policy: noeviction, the default, first and marked; every value described', () => {
  const items = valuesAfter('maxmemory-policy ');
  assert.equal(items[0].label, 'noeviction');
  assert.equal(items[0].isDefault, true);
  assert.deepEqual(items.filter(i => i.isDefault).map(i => i.label), ['noeviction']);
  assert.match(items.find(i => i.label === 'volatile-ttl')!.detail!, /TTL/);
  assert.match(items.find(i => i.label === 'allkeys-lru')!.detail!, /least recently used/);
});

test('appendfsync and yes/no values are described, with their default first', () => {
  const fsync = valuesAfter('appendfsync ');
  assert.deepEqual(fsync.map(i => i.label), ['everysec', 'always', 'no']);
  assert.equal(fsync[0].isDefault, true);
  assert.ok(fsync.every(i => i.detail));
  const bool = valuesAfter('appendonly ');
  assert.deepEqual(bool.map(i => [i.label, i.isDefault === true]), [['no', true], ['yes', false]]);
  assert.ok(bool.every(i => i.detail));
});

test('every enum and boolean value of every target has a description', () => {
  const missing = new Set<string>();
  for (const id of targets()) {
    const t = target(id);
    for (const d of directivesOf(id)) {
      if (d.spec.type !== 'enum' && d.spec.type !== 'bool') continue;
      for (const item of valuesAfter(`${d.name} `, t)) if (!item.detail) missing.add(`${d.name} ${item.label}`);
    }
  }
  assert.deepEqual([...missing], []);
});
