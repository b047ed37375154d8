/** npm test runs the benchmarks once in smoke mode so they cannot rot; figures are not judged here. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cp from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

test('npm run bench works end to end in smoke mode and writes its results', () => {
  const root = path.resolve(__dirname, '..', '..', '..');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rg-bench-')), 'results.json');
  const r = cp.spawnSync(process.execPath, [path.join(root, 'out', 'bench', 'index.js'), '--smoke', '--out', out], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const res = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(res.smoke, true);
  assert.equal(res.engine.length, 5);
  for (const row of res.engine) assert.ok(row.lint.median > 0 && row.floor.median > 0 && row.lines > 0, row.input);
  for (const k of ['didChange', 'hover', 'completion', 'floor', 'peerDidChange']) assert.ok(res.lsp[k].median > 0, k);
  assert.ok(res.lsp.rssAfter20.total > 0 && res.lsp.rssAfter20.anon > 0 && res.lsp.bareNode.total > 0);
  assert.ok(res.lspHostile.cases.length > 0 && res.lspHostile.cases.every((c: any) => c.diagnostics > 0 && c.hovers > 0));
  assert.ok(res.lspHostile.peakRssMb > 0 && res.lspHostile.worstHoverMs > 0);
  for (const b of ['client.js', 'server.js', 'check-worker.js', 'cli.js', 'cli-health.js']) assert.ok(res.footprint.bundles[b] > 0, b);
  assert.ok(res.footprint.vsixBytes > 0);
  assert.ok(res.patterns.floor.median > 0 && res.patterns.analysis.median > 0 && res.patterns.memkeys.median > 0);
  assert.equal(res.patterns.check.pass, true, `patterns exact on the smoke data set: ${res.patterns.check.mismatches.join('; ')}`);
  // the same analyses over the product's ioredis connection, paired with the own transport run by run
  assert.ok(res.patterns.analysisIoredis.median > 0 && res.patterns.analysisWithMemoryIoredis.median > 0);
  for (const k of ['analysis', 'analysisWithMemory']) {
    const t = res.patterns.transport[k];
    assert.equal(t.own.length, res.patterns.runs, k);
    assert.equal(t.ioredis.length, res.patterns.runs, k);
    assert.equal(t.roundRatios.length, res.patterns.runs, k);
    for (const r of [...t.own, ...t.ioredis]) assert.ok(r.wallMs > 0 && r.clientCpuMs > 0, `${k}: ${JSON.stringify(r)}`);
    assert.ok(t.wallRatio > 0 && t.cpuRatio > 0, k);
  }
  assert.equal(typeof res.patterns.transport.ownWinsClearly, 'boolean');
  assert.ok(res.health.standalone.refresh.median > 0 && res.health.standalone.roundTripsPerNode.mean > 0);
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
});
