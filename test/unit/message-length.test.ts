/**
 * Every message fits the Problems panel: at most 250 characters, whatever the file holds, on
 * every file the tests know (the 3,500 files of the conformance corpus, the real-world-shaped
 * files, the seed) and for the targets that word their findings differently. The why goes to
 * `details`, the server's own log line to `serverMessage` (hover, JSON, SARIF).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { generateCorpus, substitute } from '../conformance/corpus';
import { lintText, Finding } from '../../server/src/engine/lint';

const root = path.resolve(__dirname, '..', '..', '..');

function texts(): Array<[string, string]> {
  const out: Array<[string, string]> = generateCorpus().map(c => [c.name, substitute(c.text, { DIR: '/tmp/rg-messages', FREEPORT: 7777 })]);
  const real = path.join(root, 'test', 'realworld', 'files');
  for (const sub of fs.readdirSync(real)) {
    for (const f of fs.readdirSync(path.join(real, sub))) if (f.endsWith('.conf')) out.push([`${sub}/${f}`, fs.readFileSync(path.join(real, sub, f), 'utf8')]);
  }
  out.push(['seed', fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8')]);
  // text from the file repeated in a message: a huge name, value and comment
  const long = 'x'.repeat(5000);
  out.push(['long name', `${long} yes\n`], ['long value', `maxmemory-policy ${long}\n`], ['long comment', `save 900 1 # ${long}\n`], ['long bind', `bind ${long}\n`]);
  return out;
}

test('no message is longer than 250 characters or said twice for a line, on any file and target; the server\'s words are kept apart', () => {
  const cases = texts();
  assert.ok(cases.length > 3000, `${cases.length} files`);
  let findings = 0, withServer = 0;
  const lengths: number[] = [];
  const runs: Array<[string, 'production' | 'production-ha' | 'cluster']> = [
    ['redis@6.0', 'production'], ['redis@7.0', 'production'], ['redis@8.0', 'production-ha'], ['valkey@8.1', 'cluster'], ['memurai@4.1', 'production'],
  ];
  for (const [server, profile] of runs) {
    for (const [name, text] of cases) {
      for (const sentinel of name === 'seed' || /^\s*sentinel /m.test(text) ? [false, true] : [false]) {
        const found: Finding[] = lintText(text, { server, profile, sentinel });
        const said = new Set<string>();
        for (const f of found) {
          const key = `${f.code}:${f.line}:${f.message}`;
          assert.ok(!said.has(key), `${name} on ${server}: ${f.code} said twice on line ${f.line + 1}`);
          said.add(key);
          findings++;
          lengths.push(f.message.length);
          assert.ok(f.message.length <= 250, `${name} on ${server}, ${f.code} (${f.message.length}): ${f.message}`);
          // the last-resort cut is a bound, not a way of writing: no message of ours reaches it
          assert.ok(!(f.message.length === 250 && f.message.endsWith('…')), `${name} on ${server}: ${f.code} was cut: ${f.message}`);
          assert.ok(!f.message.includes('(server: "'), `${name}: ${f.code} carries the server's words in its message`);
          if (f.serverMessage) withServer++;
        }
      }
    }
  }
  assert.ok(findings > 50_000 && withServer > 1000, `${findings} findings, ${withServer} with the server's words`);
  lengths.sort((a, b) => a - b);
  assert.ok(lengths[lengths.length >> 1] <= 200, `median ${lengths[lengths.length >> 1]}`);
});

test('text from the file is cut in messages, not repeated whole', () => {
  const f = lintText(`${'y'.repeat(3000)} yes\n`, { server: 'redis@7.0', profile: false })[0];
  assert.equal(f.code, 'RG101');
  assert.ok(f.message.length < 160, f.message);
  assert.match(f.message, /"y{40}…"/);
  // the server's own line stays whole enough to match the log
  assert.match(f.serverMessage!, /Bad directive or wrong number of arguments/);
});
