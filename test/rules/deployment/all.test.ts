/**
 * Every cross-file rule the same way: code, name, summary (the same in the engine's SUMMARIES),
 * levels, docs page, index entry; and every finding over the broken examples is short.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { DEPLOYMENT_RULES } from '../../../server/src/engine/deployment/rules';
import { RULES } from '../../../server/src/engine/rules';
import { SUMMARIES } from '../../../server/src/engine/messages';
import { LEVELS, PROFILES } from '../../../server/src/engine/rules/types';
import { docPage } from '../../../server/src/engine/doc-page';
import { groupDeployments } from '../../../server/src/engine/deployment/group';
import { checkDeployment } from '../../../server/src/engine/deployment/check';

const root = path.resolve(__dirname, '..', '..', '..', '..');

test('cross-file rules: RG4xx codes, unique, complete metadata, a docs page, listed in the index', () => {
  const index = fs.readFileSync(path.join(root, 'docs', 'rules', 'README.md'), 'utf8');
  const codes = new Set(RULES.map(r => r.meta.code));
  for (const r of DEPLOYMENT_RULES) {
    const m = r.meta;
    assert.match(m.code, /^RG4\d\d$/);
    assert.ok(!codes.has(m.code), `duplicate ${m.code}`);
    codes.add(m.code);
    assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.equal(SUMMARIES[m.code], m.summary, `${m.code} summary in messages.ts`);
    assert.ok(m.summary.length <= 140);
    for (const p of PROFILES) assert.ok(LEVELS.includes(m.severity[p]));
    const page = docPage(m.code).file;
    assert.equal(path.basename(page), `${m.code}.md`);
    const text = fs.readFileSync(path.join(root, 'docs', 'rules', `${m.code}.md`), 'utf8');
    assert.ok(text.startsWith(`# ${m.code} — ${m.name}`));
    assert.ok(index.includes(`| [${m.code}](${m.code}.md) | ${m.name} |`), `${m.code} in docs/rules/README.md`);
  }
});

test('every cross-file finding over the broken examples: a message of at most 250 characters, details, related places', () => {
  const dirs = [
    ...fs.readdirSync(path.join(root, 'examples', 'sentinel-deployment', 'broken')).map(d => path.join(root, 'examples', 'sentinel-deployment', 'broken', d)),
    path.join(root, 'examples', 'cluster-deployment', 'broken', 'ports'),
  ];
  let n = 0;
  for (const dir of dirs) {
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.conf')).map(f => ({ path: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    for (const d of groupDeployments(files)) {
      for (const f of checkDeployment(d, files)) {
        n++;
        assert.ok(f.message.length <= 250, `${f.code}: ${f.message.length} characters: ${f.message}`);
        assert.ok(f.details && f.details.length > f.message.length / 2, `${f.code} has details`);
        assert.ok(f.related.length > 0, `${f.code} points at another file`);
        for (const r of f.related) assert.notEqual(r.path, f.path);
      }
    }
  }
  assert.ok(n >= 11);
});
