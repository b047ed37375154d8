import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { CODES, SUMMARIES } from '../../server/src/engine/messages';
import { RULES } from '../../server/src/engine/rules';

const root = path.resolve(__dirname, '..', '..', '..');

test('every engine code has a summary and a documented section, and no rule reuses one', () => {
  const doc = fs.readFileSync(path.join(root, 'docs', 'codes.md'), 'utf8');
  const ruleCodes = new Set(RULES.map(r => r.meta.code));
  for (const code of Object.values(CODES)) {
    assert.ok(SUMMARIES[code], `${code} summary`);
    assert.ok(doc.includes(`<a id="${code.toLowerCase()}"></a>`), `${code} documented in docs/codes.md`);
    assert.ok(!ruleCodes.has(code), `${code} is both an engine code and a rule`);
  }
  assert.equal(new Set(Object.values(CODES)).size, Object.values(CODES).length, 'codes are unique');
});
