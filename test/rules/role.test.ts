/** Specs for the assumed role (rules/role.ts): a cache-shaped file is judged as a cache, and the findings that depend on the role say which one was assumed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../server/src/engine/lint';

const CACHE = 'maxmemory 1gb\nmaxmemory-policy allkeys-lru\nsave ""\nappendonly no\nrdbchecksum no\n';
const codes = (text: string) => lintText(text, { server: 'redis@7.2', profile: 'production' }).map(f => f.code);

test('no persistence, an allkeys policy and maxmemory: judged as a cache, no security-store findings', () => {
  const got = codes(CACHE);
  for (const c of ['RG320', 'RG322', 'RG325', 'RG331']) assert.ok(!got.includes(c), `${c} on a cache: ${got.join(' ')}`);
});

test('the same settings without maxmemory, or with noeviction, or with AOF, are not a cache', () => {
  assert.ok(codes(CACHE.replace('maxmemory 1gb\n', '')).includes('RG322'), 'no maxmemory limit');
  assert.ok(codes(CACHE.replace('allkeys-lru', 'volatile-lru')).includes('RG322'), 'a volatile policy keeps keys without TTL');
  assert.ok(codes(CACHE.replace('save ""\n', '')).includes('RG320'), 'default snapshots on: data is kept');
});

test('a role= comment wins, and the finding says which role was assumed and why (in its details)', () => {
  const marked = lintText('# redis-guard: role=security-store\n' + CACHE, { server: 'redis@7.2', profile: 'production' });
  const rg322 = marked.find(f => f.code === 'RG322')!;
  assert.equal(rg322.severity, 'error');
  assert.match(rg322.details!, /Judged as a security store \(role=security-store in the file\)\./);
  const byDefault = lintText('maxmemory-policy allkeys-lru\n', { server: 'redis@7.2', profile: 'production' }).find(f => f.code === 'RG331')!;
  assert.match(byDefault.details!, /Judged as a security store, the default of the production profile; mark a cache with "# redis-guard: role=cache"\./);
});

test('RG320 is true for every combination of save and appendonly', () => {
  const rg = (text: string) => lintText(text, { server: 'redis@7.2', profile: 'production' }).filter(f => f.code === 'RG320' || f.code === 'RG322').map(f => `${f.code}: ${f.message.split(':')[0]}`);
  // default snapshot points, AOF off: RG320 says only snapshots persist data
  assert.deepEqual(rg('appendonly no\n'), ['RG320: appendonly is no']);
  assert.match(lintText('port 7000\n', { server: 'redis@7.2' }).find(f => f.code === 'RG320')!.message, /only RDB snapshots persist data/);
  // snapshots off and AOF off: nothing is kept, which RG322 says; RG320 would be wrong
  assert.deepEqual(rg('save ""\nappendonly no\n').map(s => s.slice(0, 5)), ['RG322']);
  // AOF on: neither
  assert.deepEqual(rg('save ""\nappendonly yes\n'), []);
  assert.deepEqual(rg('appendonly yes\n'), []);
});
