/** Spec for RG371 duplicate-directive. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';
import { fixAll } from '../../server/src/engine/fix-all';
import { lintText } from '../../server/src/engine/lint';

test('RG371 reports every overridden line, pointing at the winner', () => {
  const f = findingsOf('RG371', 'maxmemory 1gb\nport 6379\nmaxmemory 2gb\nmaxmemory 3gb\n');
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[0, 0, 13], [2, 0, 13]]);
  assert.match(f[0].message, /set again on line 4/);
  const alias = findingsOf('RG371', 'slaveof 10.0.0.5 6379\nreplicaof 10.0.0.6 6379\n');
  assert.equal(alias.length, 1, 'aliases count together');
  assert.match(alias[0].message, /slaveof and replicaof are the same setting/);
  assert.equal(findingsOf('RG371', 'bind 127.0.0.1\nbind 10.0.0.1\n').length, 1, 'bind is last-wins');
});

test('RG371 ignores directives that add up, module settings and sentinel lines', () => {
  const text = 'save 900 1\nsave 300 10\nrename-command KEYS ""\nrename-command FLUSHALL ""\n'
    + 'client-output-buffer-limit normal 0 0 0\nclient-output-buffer-limit pubsub 32mb 8mb 60\n'
    + 'user app on >8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e ~* +@all\nuser ops on >1a2b3c4d5e6f708192a3b4c5d6e7f809 ~* +@all\n'
    + 'mymod.opt 1\nmymod.opt 2\n';
  assert.equal(findingsOf('RG371', text).length, 0);
  const sentinel = 'port 26379\nsentinel monitor a 10.0.0.5 6379 2\nsentinel monitor b 10.0.0.6 6379 2\n';
  assert.equal(findingsOf('RG371', sentinel, { sentinel: true }).length, 0);
  assert.equal(findingsOf('RG371', 'list-max-ziplist-entries 1\nlist-max-ziplist-entries 2\n', { server: 'redis@7.0' }).length, 0, 'ignored names');
});

test('RG371 never quotes the values (passwords)', () => {
  const f = findingsOf('RG371', 'requirepass 8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e\nrequirepass 1a2b3c4d5e6f708192a3b4c5d6e7f809\n');
  assert.equal(f.length, 1);
  assert.ok(!/8f1b7c|1a2b3c/.test(f[0].message));
});

test('RG371 suppression comments', () => {
  assert.equal(findingsOf('RG371', '# redis-guard-disable-next-line RG371\nmaxmemory 1gb\nmaxmemory 2gb\n').length, 0);
  assert.equal(findingsOf('RG371', '# redis-guard-disable RG371\nmaxmemory 1gb\nmaxmemory 2gb\n').length, 0);
});

test('RG371 levels: warning in production, information in development', () => {
  assert.equal(findingsOf('RG371', 'port 1\nport 2\n')[0].severity, 'warning');
  assert.equal(findingsOf('RG371', 'port 1\nport 2\n', { profile: 'development' })[0].severity, 'information');
});

test('RG371 automatic fix deletes the overridden line; fix-all removes every one', () => {
  const text = 'maxmemory 1gb\nport 6379\nmaxmemory 2gb\nmaxmemory 3gb\n';
  const fixed = applyFirstFix('RG371', text);
  assert.equal(fixed, 'port 6379\nmaxmemory 2gb\nmaxmemory 3gb\n');
  assert.deepEqual(fatalOf(fixed), []);
  const all = fixAll(text, t => lintText(t, { server: 'redis@7.2', profile: 'production', fs: null }).filter(f => f.code === 'RG371')).text;
  assert.equal(all, 'port 6379\nmaxmemory 3gb\n');
  assert.equal(findingsOf('RG371', all).length, 0);
});

test('RG371 does not delete a dir line automatically when later lines depend on it', () => {
  const relative = findingsOf('RG371', 'dir /var/lib/redis\ndir data\n');
  assert.equal(relative[0].fixes?.[0].safety, 'review', 'the later relative dir resolves against this one');
  const include = findingsOf('RG371', 'dir /etc/redis\ninclude extra.conf\ndir /var/lib/redis\n');
  assert.equal(include[0].fixes?.[0].safety, 'review', 'the include resolves against this one');
  const plain = findingsOf('RG371', 'dir /tmp\ndir /var/lib/redis\n');
  assert.equal(plain[0].fixes?.[0].safety, 'safe');
});
