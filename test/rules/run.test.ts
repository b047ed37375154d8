/** The rule runner: fixes given as a function are built only when read, once, and look like any other finding. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../server/src/engine/parse';
import { ConfigView } from '../../server/src/engine/config-view';
import { resolveTarget, Target } from '../../server/src/engine/catalog';
import { runRules, readFileDirectives } from '../../server/src/engine/rules/run';
import { Rule, TOP, levels } from '../../server/src/engine/rules/types';
import { lintText } from '../../server/src/engine/lint';

const target = resolveTarget('redis@7.0') as Target;

function counting(): { rule: Rule; builds: () => number } {
  let n = 0;
  const rule: Rule = {
    meta: { code: 'RG999', name: 'test-rule', family: 'operations', summary: 'test', severity: levels('warning', 'warning', 'warning'), fixable: true, examples: { bad: '', good: '' } },
    check: ctx => ctx.report({ at: TOP, message: 'm', fixes: () => { n++; return [{ title: 'fix', edits: [{ line: 0, character: 0, endLine: 0, endCharacter: 0, newText: 'x' }], safety: 'safe' }]; } }),
  };
  return { rule, builds: () => n };
}

test('fixes given as a function are not built by the lint, and built once when read', () => {
  const file = parse('port 6379\n');
  const { rule, builds } = counting();
  const [f] = runRules(file, new ConfigView(file, target), target, 'port 6379\n', {}, [rule]);
  assert.equal(builds(), 0, 'linting alone builds no fix');
  assert.equal(f.fixes?.[0].title, 'fix');
  assert.equal(f.fixes?.[0].edits[0].newText, 'x');
  assert.equal(builds(), 1);
  assert.equal(f.fixes, f.fixes, 'the same fixes on every read');
  assert.equal(builds(), 1);
});

test('a rule finding has the same own properties as a plain one (JSON, spread, deepEqual)', () => {
  const file = parse('port 6379\n');
  const { rule, builds } = counting();
  const [f] = runRules(file, new ConfigView(file, target), target, 'port 6379\n', {}, [rule]);
  assert.deepEqual(Object.keys(f).sort(), ['character', 'code', 'endCharacter', 'endLine', 'fatal', 'line', 'message', 'severity']);
  assert.deepEqual(JSON.parse(JSON.stringify(f)), { line: 0, character: 0, endLine: 0, endCharacter: 0, fatal: false, severity: 'warning', code: 'RG999', message: 'm' });
  assert.equal(builds(), 0, 'neither JSON nor listing the keys builds the fixes');
});

test('the random password of "add requirepass" is drawn when the fix is read, and stays the same', () => {
  const [f] = lintText('port 6379\n', { server: 'redis@7.0' }).filter(x => x.code === 'RG301');
  const first = f.fixes![0].edits[0].newText;
  assert.match(first, /^requirepass [0-9a-f]{64}/);
  assert.equal(f.fixes![0].edits[0].newText, first);
  const [g] = lintText('port 6379\n', { server: 'redis@7.0' }).filter(x => x.code === 'RG301');
  assert.notEqual(g.fixes![0].edits[0].newText, first, 'another lint draws another password');
});

test('comments that only look like redis-guard marks are not read as marks; real ones with odd blanks are', () => {
  const fd = readFileDirectives(parse('# redis is fast\n#\tRedis-Guard-disable RG301\n#\x0bredis-guard: profile=cluster\n# requirepass foobared\n'));
  assert.deepEqual([...fd.disabled], ['RG301']);
  assert.equal(fd.profile, 'cluster');
  assert.deepEqual(fd.problems, []);
});
