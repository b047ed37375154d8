/** Specs for RG301 no-authentication, RG303 weak-password and RG310 dangerous-commands. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, applyFirstFix, fatalOf } from './helpers';
import { weakness } from '../../server/src/engine/rules/RG303-weak-password';

test('RG301 fires without any password and is quiet with requirepass, an ACL password or an aclfile', () => {
  assert.equal(findingsOf('RG301', 'port 6379\n').length, 1);
  assert.equal(findingsOf('RG301', 'requirepass 8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e8a0d2f4b6c8e0a2d\n').length, 0);
  assert.equal(findingsOf('RG301', 'user app on >8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e ~* +@all\n').length, 0);
  assert.equal(findingsOf('RG301', 'aclfile /etc/redis/users.acl\n').length, 0);
  assert.equal(findingsOf('RG301', 'port 6379\n', { sentinel: true }).length, 0, 'sentinel.conf has its own rules');
});

test('RG301 says who gets in: local clients only while protected mode turns the others away, anyone otherwise', () => {
  const local = /local clients have full access, and protected mode answers all others DENIED/;
  assert.match(findingsOf('RG301', 'port 6379\n', { server: 'redis@7.0' })[0].message, local, 'default bind, protected mode on');
  assert.match(findingsOf('RG301', 'bind 0.0.0.0\n', { server: 'valkey@8.1' })[0].message, local, '7.0+ and Valkey ignore bind for this');
  assert.match(findingsOf('RG301', 'bind 0.0.0.0\n', { server: 'redis@6.2' })[0].message, /anyone who can reach the port/, 'before 7.0 an explicit bind lets them in');
  assert.match(findingsOf('RG301', 'port 6379\n', { server: 'redis@6.2' })[0].message, local, 'before 7.0 without a bind line');
  assert.match(findingsOf('RG301', 'protected-mode no\n', { server: 'redis@7.0' })[0].message, /anyone who can reach the port/);
});

test('RG301 is an error in production, information in development, and can be switched off', () => {
  assert.equal(findingsOf('RG301', 'port 6379\n')[0].severity, 'error');
  assert.equal(findingsOf('RG301', 'port 6379\n', { profile: 'development' })[0].severity, 'information');
  assert.equal(findingsOf('RG301', '# redis-guard: profile=development\nport 6379\n')[0].severity, 'information', 'the comment picks the profile');
  assert.equal(findingsOf('RG301', 'port 6379\n', { rules: { RG301: 'off' } }).length, 0);
  assert.equal(findingsOf('RG301', 'port 6379\n', { rules: { RG301: 'hint' } })[0].severity, 'hint');
  assert.equal(findingsOf('RG301', '# redis-guard-disable RG301\nport 6379\n').length, 0, 'file-wide suppression');
});

test('RG301 fix adds a fresh 64-hex-digit requirepass in the SECURITY section', () => {
  const text = '# NETWORK\nport 6379\n\n# SECURITY\nprotected-mode yes\n\n# MEMORY\nmaxmemory 1gb\n';
  const fixed = applyFirstFix('RG301', text);
  const m = /^# SECURITY\nprotected-mode yes\nrequirepass ([0-9a-f]{64})$/m.exec(fixed);
  assert.ok(m, fixed);
  assert.notEqual(applyFirstFix('RG301', text), fixed, 'each fix generates a new password');
  assert.equal(findingsOf('RG301', fixed).length, 0);
  assert.deepEqual(fatalOf(fixed), []);
});

test('RG303 flags placeholders, short and low-entropy passwords, not long random ones', () => {
  assert.match(weakness('YOUR_STRONG_PASSWORD_HERE')!, /placeholder/);
  assert.match(weakness('foobared')!, /common/);
  assert.match(weakness('Tr0ub4dor&3')!, /characters/);
  assert.match(weakness('aaaaaaaaaaaaaaaaaaaaaaaaaaaa')!, /randomness/);
  assert.equal(weakness('Xy9#mK2$pL8@vN4^qR7&wT1!zB6*hF3'), undefined);
  const f = findingsOf('RG303', 'requirepass YOUR_STRONG_PASSWORD_HERE\nuser app on >short ~* +@all\n');
  assert.deepEqual(f.map(x => [x.line, x.character]), [[0, 12], [1, 12]]);
  assert.equal(findingsOf('RG303', '# redis-guard-disable-next-line RG303\nrequirepass YOUR_STRONG_PASSWORD_HERE\n').length, 0);
});

test('RG303 fix replaces the placeholder with a random password and keeps the file loadable', () => {
  const fixed = applyFirstFix('RG303', 'requirepass YOUR_STRONG_PASSWORD_HERE\n');
  assert.match(fixed, /^requirepass [0-9a-f]{64}\n$/);
  assert.equal(findingsOf('RG303', fixed).length, 0);
});

const PW_LINE = 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n';

test('RG310 gives one finding per file that lists every open command, and respects renames, ACL rules and 7.0 defaults', () => {
  const open = findingsOf('RG310', PW_LINE);
  assert.equal(open.length, 1);
  assert.match(open[0].message, /^13 dangerous commands are open to every client that logs in: FLUSHDB, FLUSHALL, KEYS, CONFIG, SHUTDOWN, EVAL and 7 more\. /);
  assert.match(open[0].details!, /^All of them: FLUSHDB, FLUSHALL, KEYS, CONFIG, SHUTDOWN, EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT, FUNCTION, FCALL, FCALL_RO\. /);
  assert.ok(open[0].message.length <= 250, `${open[0].message.length} characters`);
  assert.match(open[0].details!, /FLUSHDB\/FLUSHALL wipe every key in one call; KEYS block the server/);
  assert.ok(!/DEBUG|MODULE/.test(open[0].message), 'DEBUG and MODULE are blocked by default since 7.0');
  assert.ok(findingsOf('RG310', PW_LINE, { server: 'redis@6.2' }).some(f => /DEBUG/.test(f.message)), 'but not on 6.2');
  const renamed = findingsOf('RG310', PW_LINE + 'rename-command FLUSHDB ""\nrename-command FLUSHALL ""\nrename-command KEYS ""\n');
  assert.ok(!renamed.some(f => /FLUSH|KEYS/.test(f.message + (f.details ?? ''))));
  const acl = findingsOf('RG310', 'user default on >8f1b7c2e9a4d6f0b3e5c7a9d1f2b4c6e ~* &* +@all -@dangerous -@scripting\n');
  assert.equal(acl.length, 0);
  assert.equal(findingsOf('RG310', 'aclfile /etc/redis/users.acl\n').length, 0);
});

test('RG310 adds nothing where no password is set at all (RG301 says every client has every command)', () => {
  assert.equal(findingsOf('RG310', 'port 6379\n').length, 0);
  assert.equal(findingsOf('RG301', 'port 6379\n').length, 1);
});

test('RG310 offers one fix per group; the first disables the flush commands with lines the server accepts', () => {
  assert.deepEqual(findingsOf('RG310', PW_LINE)[0].fixes!.map(f => f.title.split(' (')[0]), [
    'Disable FLUSHDB, FLUSHALL', 'Disable KEYS', 'Disable CONFIG, SHUTDOWN', 'Disable EVAL, EVALSHA, EVAL_RO, EVALSHA_RO, SCRIPT, FUNCTION, FCALL, FCALL_RO',
  ]);
  const fixed = applyFirstFix('RG310', PW_LINE);
  assert.match(fixed, /rename-command FLUSHDB ""\nrename-command FLUSHALL ""/);
  assert.ok(!findingsOf('RG310', fixed).some(f => /FLUSHDB/.test(f.message)));
  assert.deepEqual(fatalOf(fixed), []);
});
