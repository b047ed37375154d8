/** Spec for RG360 logfile-empty-with-daemonize. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf } from './helpers';

const BAD = 'port 6379\ndaemonize yes\n';

test('RG360 fires at daemonize yes when the log goes to standard output', () => {
  const f = findingsOf('RG360', BAD);
  assert.deepEqual(f.map(x => [x.line, x.character, x.endCharacter]), [[1, 10, 13]]);
  assert.match(f[0].message, /\/dev\/null/);
  assert.match(findingsOf('RG360', 'daemonize yes\nlogfile ""\n')[0].message, /line 2/);
});

test('RG360 is quiet with a log file, with syslog, or in the foreground', () => {
  assert.equal(findingsOf('RG360', 'daemonize yes\nlogfile /var/log/redis/redis-server.log\n').length, 0);
  assert.equal(findingsOf('RG360', 'daemonize yes\nsyslog-enabled yes\n').length, 0);
  assert.equal(findingsOf('RG360', 'daemonize no\n').length, 0);
  assert.equal(findingsOf('RG360', 'port 6379\n').length, 0);
});

test('RG360 is a warning in production and information in development', () => {
  assert.equal(findingsOf('RG360', BAD)[0].severity, 'warning');
  assert.equal(findingsOf('RG360', BAD, { profile: 'development' })[0].severity, 'information');
});

test('RG360 can be suppressed', () => {
  assert.equal(findingsOf('RG360', 'port 6379\n# redis-guard-disable-next-line RG360\ndaemonize yes\n').length, 0);
  assert.equal(findingsOf('RG360', '# redis-guard-disable RG360\n' + BAD).length, 0);
});
