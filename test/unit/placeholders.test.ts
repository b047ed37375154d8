/** Template placeholders: named after their tools, explained where the server refuses them, and never taken for a real password. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { placeholderIn } from '../../server/src/engine/placeholders';
import { lintText } from '../../server/src/engine/lint';

test('each kind of placeholder is recognised and named', () => {
  const cases: Array<[string, RegExp]> = [
    ['${REDIS_PASSWORD}', /docker-compose/], ['${PORT:-6379}', /envsubst/], ['$REDIS_PASSWORD', /shell variable/],
    ['@redis_port@', /Autoconf/], ['%PROGRAMDATA%\\Memurai', /Windows environment/], ['{{ redis_password }}', /Jinja2/],
    ['{{ .Values.auth.password }}', /Helm/], ['<your-password>', /by hand/],
  ];
  for (const [v, tool] of cases) assert.match(placeholderIn(v)?.tool ?? 'none', tool, v);
});

test('ordinary values and real passwords with $, @ or % inside are not placeholders', () => {
  for (const v of ['6379', '/var/lib/redis', 'pa$SWORD123', 'a@b@c', 'x%y%z', 'noeviction', '5f0c2a8e9d3b47e1a6c4', 'C:\\ProgramData\\Memurai']) {
    assert.equal(placeholderIn(v), undefined, v);
  }
});

test('a refused value says it is a placeholder; the server refuses the file', () => {
  const [f] = lintText('port @redis_port@\n', { server: 'redis@7.0', profile: false });
  assert.equal(f.code, 'RG105');
  assert.ok(f.fatal);
  assert.match(f.message, /"@redis_port@" is an unfilled placeholder \(an Autoconf, CMake or Maven placeholder\)\./);
});

test('an accepted placeholder password is RG207, not RG303 or RG305', () => {
  const f = lintText('requirepass ${REDIS_PASSWORD}\n', { server: 'redis@7.0', profile: 'production' });
  const rg207 = f.find(x => x.code === 'RG207')!;
  assert.match(rg207.message, /requirepass is the literal text "\$\{REDIS_PASSWORD\}" \(a shell, envsubst or docker-compose variable\).*so this very text is the password/);
  assert.equal(rg207.character, 12, 'anchored at the value');
  assert.ok(!f.some(x => x.code === 'RG303' || x.code === 'RG305'));
  // a real password still gets RG305
  assert.ok(lintText('requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5\n', { server: 'redis@7.0', profile: 'production' }).some(x => x.code === 'RG305'));
});
