/** Specs for RG331 eviction-policy and RG370 windows-backslashes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';
import { lintText } from '../../server/src/engine/lint';

test('RG331 warns on allkeys-* and volatile-* for a security store, by default in production', () => {
  assert.equal(findingsOf('RG331', 'maxmemory-policy allkeys-lru\n').length, 1, 'production defaults to role=security-store');
  assert.equal(findingsOf('RG331', 'maxmemory-policy allkeys-lfu\n').length, 1);
  assert.equal(findingsOf('RG331', 'maxmemory-policy volatile-lru\n').length, 1, 'volatile-* evicts exactly the revocations kept with a TTL');
  assert.match(findingsOf('RG331', 'maxmemory-policy volatile-ttl\n')[0].message, /expires soonest goes first.*wants noeviction/);
  assert.equal(findingsOf('RG331', 'maxmemory-policy noeviction\n').length, 0);
  assert.equal(findingsOf('RG331', 'maxmemory 1gb\n').length, 0, 'the default is noeviction');
  assert.equal(findingsOf('RG331', '# redis-guard: role=cache\nmaxmemory-policy allkeys-lru\n').length, 0, 'a cache may evict anything');
  assert.equal(findingsOf('RG331', '# redis-guard: role=general\nmaxmemory-policy allkeys-lru\n').length, 0);
  assert.equal(findingsOf('RG331', '# redis-guard-disable-next-line RG331\nmaxmemory-policy allkeys-lru\n').length, 0);
});

test('RG331 on a cache with noeviction suggests an allkeys policy', () => {
  const f = findingsOf('RG331', '# redis-guard: role=cache\nmaxmemory 1gb\nmaxmemory-policy noeviction\n');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /allkeys-lru/);
});

test('RG331 fix switches to noeviction, for review', () => {
  assert.equal(findingsOf('RG331', 'maxmemory 2gb\nmaxmemory-policy allkeys-lru\n')[0].fixes![0].safety, 'review');
  const fixed = applyFirstFix('RG331', 'maxmemory 2gb\nmaxmemory-policy allkeys-lru\n');
  assert.equal(fixed, 'maxmemory 2gb\nmaxmemory-policy noeviction\n');
  assert.equal(findingsOf('RG331', fixed).length, 0);
});

test('RG370 explains what the server reads from a double-quoted Windows path', () => {
  const f = findingsOf('RG370', 'logfile "C:\\ProgramData\\Memurai\\memurai.log"\n');
  assert.equal(f.length, 1);
  assert.match(f[0].message, /C:ProgramDataMemuraimemurai\.log/);
  assert.equal(findingsOf('RG370', "logfile 'C:\\ProgramData\\Memurai\\memurai.log'\n").length, 0);
  assert.equal(findingsOf('RG370', 'logfile "C:/ProgramData/Memurai/memurai.log"\n').length, 0);
  assert.equal(findingsOf('RG370', 'requirepass "a\\x41b"\n').length, 0, 'deliberate escapes are fine');
  assert.equal(findingsOf('RG370', '# redis-guard-disable RG370\nlogfile "C:\\a\\b"\n').length, 0);
});

test('RG370 fixes: single quotes keep the path, forward slashes too; both load', () => {
  const text = 'logfile "C:\\ProgramData\\Memurai\\memurai.log"\n';
  const single = applyFirstFix('RG370', text);
  assert.equal(single, "logfile 'C:\\ProgramData\\Memurai\\memurai.log'\n");
  const slashes = applyFirstFix('RG370', text, {}, 1);
  assert.equal(slashes, 'logfile "C:/ProgramData/Memurai/memurai.log"\n');
  assert.deepEqual(fatalOf(single), []);
  const logfile = lintText(single, { server: 'redis@7.2', profile: false, fs: null });
  assert.equal(logfile.filter(f => f.fatal).length, 0);
});
