/**
 * npm run bench: runs every benchmark, prints a table and writes bench/results.json.
 * --smoke runs each once with tiny repeat counts (used by npm test so the benchmarks cannot rot).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runEngine } from './engine';
import { runLsp } from './lsp';
import { runHostileLsp } from './lsp-hostile';
import { runFootprint } from './footprint';
import { runPatterns } from './patterns';
import { runHealth } from './health';
import { fmt } from './stats';

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : path.resolve(__dirname, '..', '..', 'bench', 'results.json');
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.type()} ${os.release()}` };
  const results: Record<string, unknown> = { date: new Date().toISOString(), smoke, machine };

  const engine = runEngine(smoke);
  results.engine = engine;
  console.log('\nEngine: full lint (fatal checks + production rules) vs tokenizer floor');
  console.log('input                          lines   lint p50   lint p99  floor p50  ratio  µs/line');
  for (const r of engine) {
    console.log(`${r.input.padEnd(28)} ${String(r.lines).padStart(7)} ${fmt(r.lint.median).padStart(9)} ${fmt(r.lint.p99).padStart(9)} ${fmt(r.floor.median).padStart(9)} ${r.ratio.toFixed(1).padStart(6)} ${r.usPerLine.toFixed(3).padStart(8)}`);
  }
  const perLine = engine.filter(r => r.input.startsWith('generated')).map(r => r.usPerLine);
  results.engineFlatness = Math.max(...perLine) / Math.min(...perLine);
  console.log(`per-line time spread 1k..100k: ${(results.engineFlatness as number).toFixed(2)}x`);

  const lsp = await runLsp(smoke);
  results.lsp = lsp;
  console.log(`\nLanguage server over stdio (stock redis.conf, ${lsp.lines} lines), ms`);
  console.log(`didChange -> publishDiagnostics  p50 ${fmt(lsp.didChange.median)}  p99 ${fmt(lsp.didChange.p99)}`);
  console.log(`hover                            p50 ${fmt(lsp.hover.median)}  p99 ${fmt(lsp.hover.p99)}`);
  console.log(`completion                       p50 ${fmt(lsp.completion.median)}  p99 ${fmt(lsp.completion.p99)}`);
  console.log(`floor (request without work)     p50 ${fmt(lsp.floor.median)}  p99 ${fmt(lsp.floor.p99)}`);
  console.log(`peer dockerfile-language-server  p50 ${fmt(lsp.peerDidChange.median)}  p99 ${fmt(lsp.peerDidChange.p99)} (didChange -> diagnostics, same line count)`);
  const mb = (r: { total: number; anon: number; file: number }) => `${r.total.toFixed(1)} MB (anonymous ${r.anon.toFixed(1)}, file-backed ${r.file.toFixed(1)})`;
  console.log(`server RSS after opening 20 large configs: ${mb(lsp.rssAfter20)}; bare Node process: ${mb(lsp.bareNode)}`);

  const hostile = await runHostileLsp(smoke);
  results.lspHostile = hostile;
  console.log('\nLanguage server on the hostile corpus: diagnostics, and the slowest hover on another document meanwhile, ms');
  for (const c of hostile.cases) console.log(`${c.name.padEnd(44)} ${(c.bytes / 1024 / 1024).toFixed(1).padStart(6)} MB  diagnostics ${fmt(c.diagnosticsMs).padStart(8)} (${c.diagnostics})  worst hover ${fmt(c.worstHoverMs).padStart(7)} of ${c.hovers}`);
  console.log(`worst hover ${fmt(hostile.worstHoverMs)} ms (target < 1000), worst check ${fmt(hostile.worstDiagnosticsMs)} ms; server peak RSS ${hostile.peakRssMb.toFixed(0)} MB, after closing ${hostile.rssAfterMb.toFixed(0)} MB`);

  const footprint = runFootprint(smoke);
  results.footprint = footprint;
  console.log('\nExtension footprint');
  for (const [name, bytes] of Object.entries(footprint.bundles)) console.log(`${name.padEnd(12)} ${(bytes / 1024).toFixed(0).padStart(6)} KB (minified)`);
  console.log(`.vsix        ${(footprint.vsixBytes / 1024).toFixed(0).padStart(6)} KB`);
  if (footprint.activation) console.log(`activation to language client ready: ${footprint.activation.activateToReadyMs} ms (from bundle load: ${footprint.activation.loadToReadyMs} ms), in code-server`);

  const patterns = await runPatterns(smoke);
  results.patterns = patterns;
  console.log(`\nKey patterns on ${patterns.keys.toLocaleString('en-US')} keys (8 families), median / p99 of ${patterns.runs} runs, ms`);
  const row = (label: string, st: { median: number; p99: number }) => console.log(`${label.padEnd(44)} ${fmt(st.median).padStart(9)} ${fmt(st.p99).padStart(9)}`);
  row('floor: bare SCAN COUNT 1000 loop', patterns.floor);
  row('analysis: counts, types, TTLs', patterns.analysis);
  row(`analysis with memory (every ${patterns.memoryOptions.sampleEvery}th key)`, patterns.analysisWithMemory);
  row('analysis over ioredis', patterns.analysisIoredis);
  row('analysis with memory over ioredis', patterns.analysisWithMemoryIoredis);
  row('peer: redis-cli --memkeys', patterns.memkeys);
  row('redis-cli --scan', patterns.cliScan);
  console.log(`analysis / floor ${patterns.ratios.analysisOverFloor.toFixed(2)}x (target <= 2); --memkeys / analysis with memory ${patterns.ratios.memkeysOverMemory.toFixed(1)}x (target >= 5); patterns exact: ${patterns.check.pass ? 'yes' : 'NO: ' + patterns.check.mismatches.join('; ')}`);
  console.log('own transport vs ioredis, per run (wall / client CPU, ms) and ioredis ÷ own:');
  for (const [label, t] of [['analysis', patterns.transport.analysis], ['analysis with memory', patterns.transport.analysisWithMemory]] as const) {
    const runs = (rs: Array<{ wallMs: number; clientCpuMs: number }>) => rs.map(r => `${fmt(r.wallMs)}/${fmt(r.clientCpuMs)}`).join('  ');
    console.log(`  ${label.padEnd(22)} own ${runs(t.own)}`);
    console.log(`  ${''.padEnd(22)} ioredis ${runs(t.ioredis)}`);
    console.log(`  ${''.padEnd(22)} ioredis ÷ own: wall ${t.wallRatio.toFixed(2)}x, client CPU ${t.cpuRatio.toFixed(2)}x (medians of the per-round ratios)`);
  }
  console.log(`own transport wins clearly (CPU ratio >= 1.5 and wall ratio >= 1 for both): ${patterns.transport.ownWinsClearly ? 'yes' : 'no'}`);
  console.log(`server impact: GET p99 ${fmt(patterns.impact.alone.p99Ms)} ms alone, ${fmt(patterns.impact.underAnalysis.p99Ms)} ms during analysis (+${fmt(patterns.impact.underAnalysis.p99DeltaMs)} ms; target <= 1 ms)`);

  const health = await runHealth(smoke);
  results.health = health;
  console.log('\nHealth refresh (collect), ms');
  for (const [name, h] of [['standalone', health.standalone], ['cluster (6 nodes)', health.cluster]] as const) {
    if (!h) continue;
    console.log(`${name.padEnd(18)} refresh p50 ${fmt(h.refresh.median)} p99 ${fmt(h.refresh.p99)} · PING floor p50 ${fmt(h.floor.median)} · round trips per node ${h.roundTripsPerNode.mean.toFixed(2)}`);
  }

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\nwrote ${out}`);
}

main().catch(e => { console.error(e); process.exitCode = 1; });
