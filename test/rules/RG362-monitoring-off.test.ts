/** Spec for RG362 monitoring-off. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';

const ON = 'latency-monitor-threshold 100\n';

test('RG362 fires at a switched-off slow log', () => {
  const f = findingsOf('RG362', 'slowlog-log-slower-than -1\n' + ON);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[0, 24, 26]]);
  const len = findingsOf('RG362', 'slowlog-max-len 0\n' + ON);
  assert.deepEqual(len.map(x => [x.line, x.character]), [[0, 16]]);
});

test('RG362 reports the latency monitor off, also when it is left at its default', () => {
  const unset = findingsOf('RG362', 'port 6379\n');
  assert.deepEqual(unset.map(x => [x.line, x.character]), [[0, 0]]);
  assert.match(unset[0].message, /latency-monitor-threshold 100/);
  assert.deepEqual(findingsOf('RG362', 'port 6379\nlatency-monitor-threshold 0\n').map(x => [x.line, x.character]), [[1, 26]]);
});

test('RG362 is quiet when both monitors are on, and in sentinel.conf', () => {
  assert.equal(findingsOf('RG362', ON).length, 0);
  assert.equal(findingsOf('RG362', 'slowlog-log-slower-than 0\nslowlog-max-len 1024\n' + ON).length, 0, '0 logs every command');
  assert.equal(findingsOf('RG362', 'port 26379\nsentinel monitor mymaster 127.0.0.1 6379 2\n', { sentinel: true }).length, 0);
});

test('RG362 is off in development and information in production', () => {
  assert.equal(findingsOf('RG362', 'port 6379\n', { profile: 'development' }).length, 0);
  assert.equal(findingsOf('RG362', 'port 6379\n')[0].severity, 'information');
});

test('RG362 can be suppressed', () => {
  assert.equal(findingsOf('RG362', '# redis-guard-disable-next-line RG362\nslowlog-max-len 0\n' + ON).length, 0);
  assert.equal(findingsOf('RG362', '# redis-guard-disable RG362\nport 6379\n').length, 0);
});

test('RG362 offers manual fixes that switch the monitors on', () => {
  const f = findingsOf('RG362', 'port 6379\n')[0];
  assert.equal(f.fixes![0].safety, 'review');
  const fixed = applyFirstFix('RG362', 'port 6379\n');
  assert.equal(fixed, 'port 6379\nlatency-monitor-threshold 100\n');
  assert.equal(findingsOf('RG362', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
  const slow = applyFirstFix('RG362', 'slowlog-log-slower-than -1\n' + ON);
  assert.equal(slow, 'slowlog-log-slower-than 10000\n' + ON);
  assert.deepEqual(fatalOf(slow), []);
});

test('RG362 on an unset latency monitor is a hint where only this machine or a private network reaches the server, information elsewhere', () => {
  const f = (text: string) => findingsOf('RG362', text).filter(x => /latency-monitor-threshold is not set/.test(x.message)).map(x => x.severity);
  assert.deepEqual(f('bind 127.0.0.1 -::1\n'), ['hint']);
  assert.deepEqual(f('bind 10.0.0.5 192.168.1.2\n'), ['hint']);
  assert.deepEqual(f('bind 0.0.0.0\n'), ['information']);
  assert.deepEqual(f('port 6379\n'), ['information'], 'no bind line: every interface');
  assert.deepEqual(findingsOf('RG362', 'bind 127.0.0.1\nlatency-monitor-threshold 0\n').map(x => x.severity), ['information'], 'switched off on purpose is still said');
});
