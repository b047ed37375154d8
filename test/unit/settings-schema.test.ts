/**
 * The settings schema in package.json says what the code does: the server and profile enums are
 * the catalog's targets and the engine's profiles (each with a description), and the threshold
 * keys, their defaults and types are those of server/src/live/health/thresholds.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { targets, PROFILES, DEFAULT_TARGET } from '../../server/src/engine';
import { DEFAULT_THRESHOLDS } from '../../server/src/live/health/thresholds';

const root = path.resolve(__dirname, '..', '..', '..');
const properties = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties;

test('redisGuard.server is an enum of the catalog\'s targets, each described; the unverified ones say so', () => {
  const s = properties['redisGuard.server'];
  assert.deepEqual(s.enum, targets());
  assert.equal(s.default, DEFAULT_TARGET);
  assert.equal(s.enumDescriptions.length, s.enum.length);
  s.enum.forEach((t: string, i: number) => {
    const unverified = t === 'redis@8.2' || t === 'valkey@9.0';
    assert.equal(/release notes only/.test(s.enumDescriptions[i]), unverified, `${t}: ${s.enumDescriptions[i]}`);
  });
});

test('redisGuard.profile is an enum of the engine\'s profiles, each described', () => {
  const p = properties['redisGuard.profile'];
  assert.deepEqual(p.enum, [...PROFILES]);
  assert.equal(p.enumDescriptions.length, p.enum.length);
});

test('server and profile come first in the settings order', () => {
  const ordered = Object.entries(properties as Record<string, { order?: number }>).sort((a, b) => (a[1].order ?? 1e9) - (b[1].order ?? 1e9)).map(([k]) => k);
  assert.deepEqual(ordered.slice(0, 2), ['redisGuard.server', 'redisGuard.profile']);
  assert.ok(Object.values(properties as Record<string, { order?: number }>).every(p => typeof p.order === 'number'), 'every setting has an order');
});

test('every health threshold is in the schema with its default, type and a unit or meaning', () => {
  const t = properties['redisGuard.thresholds'];
  assert.deepEqual(Object.keys(t.properties).sort(), Object.keys(DEFAULT_THRESHOLDS).sort());
  for (const [key, value] of Object.entries(DEFAULT_THRESHOLDS)) {
    const schema = t.properties[key];
    assert.equal(schema.default, value, key);
    assert.equal(schema.type, typeof value === 'number' ? 'number' : 'string', key);
    if (typeof value === 'number') assert.match(schema.description, /\((percent|ratio|bytes|seconds|milliseconds|connections)\)\.$/, key);
    else assert.deepEqual(schema.enum, ['ok', 'warning', 'problem'], key);
  }
});
