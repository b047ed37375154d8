/**
 * Checks every rule the same way: metadata and docs, its examples (the bad one fires,
 * the good one does not, both load in the real server), and every automatic fix
 * (the finding goes away, nothing fatal appears, the real redis-server 7.0 loads it).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RULES } from '../../server/src/engine/rules';
import { LEVELS, PROFILES, Profile } from '../../server/src/engine/rules/types';
import { lintText, Finding } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/edits';
import { fixAll } from '../../server/src/engine/fix-all';
import { probeConfig, freePort } from '../helpers/redis-server';
import { makeTlsFiles } from '../helpers/tls';

/** Examples name TLS files under /etc/redis/tls/; the test points them at certificates it makes. */
let tlsDir: string | undefined;
after(() => { if (tlsDir) fs.rmSync(tlsDir, { recursive: true, force: true }); });
function withTestFiles(text: string): string {
  if (!text.includes('/etc/redis/tls/')) return text;
  tlsDir ??= makeTlsFiles(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-tls-'))).dir;
  return text.split('/etc/redis/tls/').join(tlsDir + '/');
}

const root = path.resolve(__dirname, '..', '..', '..');

function profileOf(text: string): Profile {
  const m = /^#\s*redis-guard:.*profile=([\w-]+)/m.exec(text);
  return (m?.[1] as Profile) ?? 'production';
}

function lint(text: string, sentinel = false, container?: string): Finding[] {
  return lintText(text, { server: 'redis@7.0', profile: profileOf(text), sentinel, fs: null, container });
}

/** Starts the real server with a config text in a temp dir; returns its verdict. */
async function load(text: string, sentinel = false): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-rule-'));
  try {
    const file = path.join(dir, sentinel ? 'sentinel.conf' : 'redis.conf');
    let body = withTestFiles(text);
    const tls = /^tls-port (\d+)$/m.exec(body);
    if (tls && tls[1] !== '0') body = body.replace(/^tls-port \d+$/m, `tls-port ${await freePort()}`);
    fs.writeFileSync(file, body);
    const v = await probeConfig(file, { cwd: dir, extraArgs: sentinel ? ['--sentinel'] : [] });
    return v.kind === 'starts' ? 'starts' : `${v.kind}: ${'message' in v ? v.message : ''}${v.kind === 'refused' ? ` @${v.line}` : ''}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('rule codes and names are unique, metadata complete, docs page present', () => {
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const r of RULES) {
    const m = r.meta;
    assert.match(m.code, /^RG[3-9]\d\d$/);
    assert.ok(!codes.has(m.code), `duplicate ${m.code}`);
    assert.ok(!names.has(m.name), `duplicate ${m.name}`);
    codes.add(m.code); names.add(m.name);
    assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(m.summary.length > 10 && m.summary.length <= 140, m.code);
    for (const p of PROFILES) assert.ok(LEVELS.includes(m.severity[p]), `${m.code} ${p}`);
    assert.ok(m.examples.bad.trim() && m.examples.good.trim(), `${m.code} needs examples`);
    const doc = path.join(root, 'docs', 'rules', `${m.code}.md`);
    assert.ok(fs.existsSync(doc), `docs/rules/${m.code}.md`);
    const text = fs.readFileSync(doc, 'utf8');
    assert.ok(text.includes(m.code), `${m.code} page names its code`);
  }
});

for (const rule of RULES) {
  const { code, examples } = rule.meta;
  const sentinel = !!examples.sentinel;
  const lintExample = (text: string) => lint(text, sentinel, examples.container);

  test(`${code} ${rule.meta.name}: fires on its bad example, not on its good one`, () => {
    assert.ok(lintExample(examples.bad).some(f => f.code === code), `bad example of ${code} must fire`);
    assert.ok(!lintExample(examples.good).some(f => f.code === code), `good example of ${code} must not fire`);
    assert.deepEqual(lintExample(examples.bad).filter(f => f.fatal).map(f => f.message), [], 'examples are loadable');
  });

  test(`${code} ${rule.meta.name}: both examples load in the real server`, async () => {
    assert.equal(await load(examples.bad, sentinel), 'starts', 'bad example');
    assert.equal(await load(examples.good, sentinel), 'starts', 'good example');
  });

  const fixes = lintExample(examples.bad).filter(f => f.code === code).flatMap(f => f.fixes ?? []);
  if (rule.meta.fixable) {
    test(`${code} ${rule.meta.name}: offers a fix on its bad example`, () => {
      assert.ok(fixes.length > 0, `${code} is marked fixable`);
    });
  }
  fixes.forEach((fix, i) => {
    test(`${code} fix ${i + 1} "${fix.title}": removes the finding, adds nothing fatal, loads in the real server`, async () => {
      const fixed = applyEdits(examples.bad, fix.edits);
      assert.notEqual(fixed, examples.bad);
      const after = lintExample(fixed);
      const count = (fs: Finding[]) => fs.filter(f => f.code === code).length;
      // a finding that groups several problems (RG310) gets shorter with each of its fixes
      const said = (fs: Finding[]) => fs.filter(f => f.code === code).map(f => `${f.message} ${f.details ?? ''}`).join('\n');
      const before = lintExample(examples.bad);
      assert.ok(count(after) < count(before) || (count(after) === count(before) && said(after).length < said(before).length), `${code} still reported after "${fix.title}":\n${fixed}`);
      assert.deepEqual(after.filter(f => f.fatal).map(f => f.message), []);
      assert.equal(await load(fixed, sentinel), 'starts', fixed);
    });
  });
}

test('fix all on the seed (dir pointed at a temp folder) and on Debian\'s stock redis.conf: both load', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-fixall-'));
  try {
    const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8').replace(/^dir .*$/m, `dir ${tmp}`);
    for (const [name, text] of [['seed', seed], ['debian', fs.readFileSync('/etc/redis/redis.conf', 'utf8')]]) {
      const before = lint(text);
      const result = fixAll(text, t => lint(t));
      const after = lint(result.text);
      assert.deepEqual(after.filter(f => f.fatal).map(f => `${f.line + 1}: ${f.message}`), [], `${name}: nothing fatal after fix all`);
      assert.ok(after.filter(f => f.fixes?.some(x => x.safety === 'safe')).length === 0, `${name}: no safe fix left`);
      // fix all applies only fixes that change nothing clients rely on: passwords and eviction stay as written
      const lines = (t: string, re: RegExp) => t.split('\n').filter(l => re.test(l));
      for (const re of [/^\s*requirepass\b/, /^\s*maxmemory-policy\b/, /^\s*(bind|appendonly|save|rename-command|protected-mode)\b/]) {
        assert.deepEqual(lines(result.text, re).map(l => l.replace(/\s+#.*$/, '')), lines(text, re).map(l => l.replace(/\s+#.*$/, '')), `${name}: ${re} lines unchanged`);
      }
      const serious = (fs: Finding[]) => fs.filter(f => f.severity === 'error' || f.severity === 'warning').length;
      // the seed's fatal lines are inline comments, which a safe fix moves; the stock file has nothing safe to change
      if (name === 'seed') assert.ok(serious(before) > serious(after), `${name}: fix all fixed something (${serious(before)} -> ${serious(after)} errors and warnings)`);
      assert.equal(await load(result.text), 'starts', `${name} after fix all:\n${result.text}`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('docs/rules/README.md lists every rule with its name', () => {
  const index = fs.readFileSync(path.join(root, 'docs', 'rules', 'README.md'), 'utf8');
  for (const r of RULES) assert.ok(index.includes(`| [${r.meta.code}](${r.meta.code}.md) | ${r.meta.name} |`), `${r.meta.code} in the rules index`);
});
