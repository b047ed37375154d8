/** The outline: sections from banners and title comments, never a secret value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { outline, OutlineNode } from '../../server/src/engine/editor/symbols';
import { parse } from '../../server/src/engine/parse';

const root = path.resolve(__dirname, '..', '..', '..');
const seed = fs.readFileSync(path.join(root, 'examples', 'memurai.conf'), 'utf8');
const STOCK = '/etc/redis/redis.conf';

const sections = (text: string) => outline(parse(text)).filter(n => n.kind === 'section');
const flat = (nodes: OutlineNode[]): OutlineNode[] => nodes.flatMap(n => [n, ...flat(n.children)]);

test('the seed: SECURITY holds requirepass without its value, and "IMPORTANT: …" is no section', () => {
  const s = sections(seed);
  assert.deepEqual(s.map(x => x.name), [
    'NETWORK', 'SECURITY', 'PERSISTENCE - RDB Snapshots', 'PERSISTENCE - AOF (Append Only File)', 'MEMORY MANAGEMENT',
    'LOGGING', 'SLOW LOG', 'LATENCY MONITORING', 'CLIENT OUTPUT BUFFER LIMITS', 'PERFORMANCE',
  ]);
  const security = s.find(x => x.name === 'SECURITY')!;
  const requirepass = security.children.find(c => c.name === 'requirepass');
  assert.ok(requirepass, 'requirepass is under SECURITY');
  assert.equal(requirepass.detail, '••••');
  assert.ok(!JSON.stringify(outline(parse(seed))).includes('YOUR_STRONG_PASSWORD_HERE'));
});

test('Debian\'s stock redis.conf: the banners are the sections, and no sentence in capitals is one', () => {
  assert.ok(fs.existsSync(STOCK), `${STOCK} is missing: install Debian's redis-server package (apt-get install redis-server)`);
  const names = sections(fs.readFileSync(STOCK, 'utf8')).map(x => x.name);
  for (const banner of ['INCLUDES', 'NETWORK', 'TLS/SSL', 'GENERAL', 'SNAPSHOTTING', 'REPLICATION', 'SECURITY', 'MEMORY MANAGEMENT', 'APPEND ONLY MODE', 'ADVANCED CONFIG']) {
    assert.ok(names.includes(banner), `${banner} is a section (sections: ${names.join(', ')})`);
  }
  assert.deepEqual(names.filter(n => /[:!?]|^(WARNING|IMPORTANT|NOTE)\b/.test(n)), []);
});

test('a title is a section when it starts a block or sits right above a directive; a sentence never is', () => {
  const text = [
    'port 6379', '# SECURITY', 'requirepass x',           // right above a directive
    '', '# REPLICATION', '# The primary.', 'replicaof 10.0.0.1 6379',  // after a blank line
    '# ============', '# LIMITS', '# ============', 'maxclients 10',     // between rules
    'timeout 0', '# NOTE THIS', '# more text', 'tcp-backlog 511',      // inside prose: not a section
    '', '# IMPORTANT: Set a strong password!', 'loglevel notice',
    '', '# WARNING - read this.', 'databases 16',
  ].join('\n');
  assert.deepEqual(sections(text).map(x => x.name), ['SECURITY', 'REPLICATION', 'LIMITS']);
});

test('secrets are hidden: passwords, ACL passwords and hashes, key passphrases, Sentinel passwords', () => {
  const text = [
    'requirepass s3cret-one', 'masterauth s3cret-two', 'primaryauth s3cret-three', 'masteruser replicator',
    'user app on >s3cret-four #0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef ~app:* +@read',
    'user old on <s3cret-five !0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'tls-key-file-pass s3cret-six', 'tls-client-key-file-pass s3cret-seven',
    'sentinel auth-pass mymaster s3cret-eight', 'sentinel sentinel-pass s3cret-nine', 'sentinel auth-user mymaster watcher',
  ].join('\n');
  const nodes = flat(outline(parse(text)));
  assert.ok(!JSON.stringify(nodes).includes('s3cret'), JSON.stringify(nodes.map(n => [n.name, n.detail])));
  assert.ok(!JSON.stringify(nodes).includes('0123456789abcdef'));
  const detail = Object.fromEntries(nodes.map(n => [`${n.name}:${n.line}`, n.detail]));
  assert.equal(detail['requirepass:0'], '••••');
  assert.equal(detail['masteruser:3'], 'replicator', 'a user name is no secret');
  assert.equal(detail['user:4'], 'app on >•••• #•••• ~app:* +@read');
  assert.equal(detail['sentinel auth-pass:8'], 'mymaster ••••');
  assert.equal(detail['sentinel auth-user:10'], 'mymaster watcher');
});
