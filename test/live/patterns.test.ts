/**
 * Key-pattern inference (pure) and the scanner against a real server seeded with
 * 200 000 keys in 8 families.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, randomBytes } from 'node:crypto';
import * as net from 'node:net';
import Redis from 'ioredis';
import { startRedis, RunningRedis } from '../helpers/redis-server';
import { lintText } from '../../server/src/engine/lint';
import { SECURITY_STORE_ADVICE } from '../../server/src/engine/eviction-advice';
import { KeyColumn, NotAllowedError, RawConnection, readOnly, ReadOnlyClient, NotPermittedError } from '../../server/src/live/redis/allowlist';
import {
  classifySegment, inferKeyPattern, OVERFLOW_PATTERN, PatternIndex, PatternStats, patternWarnings, isSecurityPattern, looksLikeToken,
} from '../../server/src/live/patterns/infer';
import { scanPatterns, ScanResult } from '../../server/src/live/patterns/scan';
import { openScanConnection } from '../../server/src/live/redis/resp';

const byPattern = (rows: PatternStats[]) => new Map(rows.map(r => [r.pattern, r]));

/**
 * Keys whose names are hard to send byte-exact (multi-byte, CR/LF, long), one of each type,
 * some with a TTL; the last name is left missing. `longest` is the length of the longest name.
 */
async function seedOddKeys(w: Redis, longest: number): Promise<string[]> {
  const keys = ['ünï:cödé:1', '键:2', '🔑:3', 'sp ace:\r\n:4', `long:${'x'.repeat(300)}`, `longer:${'é'.repeat(longest)}`, 'plain:7', 'missing:8'];
  await w.set(keys[0], 'v', 'PX', 600_000);
  await w.hset(keys[1], 'f', 'v');
  await w.rpush(keys[2], 'a', 'b');
  await w.sadd(keys[3], 'm');
  await w.zadd(keys[4], 1, 'm');
  await w.set(keys[5], 'v'.repeat(100), 'EX', 3600);
  await w.set(keys[6], 'v');
  return keys;
}

/**
 * A loopback proxy to a server that hands the server's bytes on 1 to 3 at a time,
 * each piece a write of its own with a turn of the event loop in between, so that
 * every reply reaches the client in many small TCP chunks. `pieces` counts the writes.
 */
async function trickleProxy(port: number): Promise<{ port: number; pieces(): number; close(): Promise<void> }> {
  let pieces = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer(client => {
    const upstream = net.connect({ host: '127.0.0.1', port });
    open.add(client).add(upstream);
    client.setNoDelay(true);
    const end = () => { client.destroy(); upstream.destroy(); open.delete(client); open.delete(upstream); };
    for (const s of [client, upstream]) { s.on('error', end); s.on('close', end); }
    client.on('data', d => upstream.write(d));
    const queue: Buffer[] = [];
    let pumping = false;
    upstream.on('data', async d => {
      queue.push(d);
      if (pumping) return;
      pumping = true;
      while (queue.length && !client.destroyed) {
        const b = queue.shift()!;
        for (let i = 0; i < b.length && !client.destroyed;) {
          const n = 1 + (pieces % 3);
          client.write(b.subarray(i, i + n));
          pieces++;
          i += n;
          await new Promise(r => setImmediate(r));
        }
      }
      pumping = false;
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    pieces: () => pieces,
    close: () => { for (const s of open) s.destroy(); return new Promise<void>(r => server.close(() => r())); },
  };
}

/**
 * A fake server on loopback that answers the first bytes of every connection with `reply`
 * (raw RESP), or sends it as soon as a client connects. `hungUp` resolves when a client has
 * closed its connection.
 */
async function fakeServer(reply: string, { onConnect = false } = {}): Promise<{ port: number; hungUp: Promise<void>; close(): Promise<void> }> {
  const open = new Set<net.Socket>();
  let hangUp!: () => void;
  const hungUp = new Promise<void>(r => { hangUp = r; });
  const server = net.createServer(s => {
    open.add(s);
    s.on('error', () => undefined);
    s.on('close', () => { open.delete(s); hangUp(); });
    if (onConnect) s.write(reply); else s.once('data', () => s.write(reply));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    hungUp,
    close: () => { for (const s of open) s.destroy(); return new Promise<void>(r => server.close(() => r())); },
  };
}

// ---------------------------------------------------------------------------
// pure inference

describe('variable segments', () => {
  const cases: Array<[string, string]> = [
    // integers, timestamps, windows
    ['user:42:profile', 'user:*:profile'],
    ['events:1764072000', 'events:*'],
    ['events:1764072000123', 'events:*'],
    ['ratelimit:login:202611251200', 'ratelimit:login:*'],
    // UUIDs across the '-' delimiter
    ['token:blacklist:550e8400-e29b-41d4-a716-446655440000', 'token:blacklist:*'],
    ['token:refresh:550E8400-E29B-41D4-A716-446655440000:meta', 'token:refresh:*:meta'],
    // hex ids (≥ 8 hex with a digit); `deadbeef` has no digit: a name
    ['session:0123456789abcdef0123456789abcdef', 'session:*'],
    ['blob:sha1:2fd4e1c67a2d28fced849ee1bb76e7391b93eb12', 'blob:sha1:*'],
    ['obj:5f2b9c1e', 'obj:*'],
    ['magic:deadbeef', 'magic:deadbeef'],
    // JWT and base64url / nanoid / ULID tokens
    ['jwt:eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.Xk9_pQ2-rT5vW8yZ1bC4dF', 'jwt:*'],
    ['api-key:Xk9_pQ2-rT5vW8yZ1bC4dFgH', 'api-key:*'],
    ['invite:V1StGXR8_Z5jdHi6B-myT', 'invite:*'],
    ['short:v1stgxr8z5jdhi6bmyt1', 'short:*'],
    ['ulid:01ARZ3NDEKTSV4RRFFQ69G5FAV', 'ulid:*'],
    ['refresh_aB3dE5fG7hJ9kL1mN3pQ_meta', 'refresh_*_meta'],
    // IP addresses
    ['ratelimit:10.1.2.3:1764072000', 'ratelimit:*:*'],
    ['acl:192.168.0.0/16:allow', 'acl:*:allow'],
    ['ratelimit:2001:db8::1:1764072000', 'ratelimit:*:*'],
    ['conn:::1', 'conn:*'],
    ['peer:fe80:0:0:0:202:b3ff:fe1e:8329:state', 'peer:*:state'],
    // dates and date-times
    ['stats:2026-11-25', 'stats:*'],
    ['stats:2026-11-25T12:00:00Z:hits', 'stats:*:hits'],
    ['stats:2026-11-25T12:00:00.123+01:00', 'stats:*'],
    ['report/2026/11/25/daily', 'report/*/daily'],
    ['billing:2026-11', 'billing:*'],
    ['events:20261125T1200Z', 'events:*'],
    // letters + many digits
    ['cart:u123456', 'cart:*'],
  ];
  for (const [key, want] of cases) test(`${key} → ${want}`, () => assert.equal(inferKeyPattern(key), want));

  test('names stay names', () => {
    for (const key of ['config:v2:oauth2', 'user_profile_settings', 'UserSettingsCacheInfoV2:x', 'feature-flags:dark-mode', 'a.b.c', 'http2ServerPushConfig', 'MAX_CONNECTIONS']) {
      assert.equal(inferKeyPattern(key), key, key);
    }
  });

  test('classifySegment names the class', () => {
    assert.equal(classifySegment('123'), 'int');
    assert.equal(classifySegment('550e8400-e29b-41d4-a716-446655440000'), 'uuid');
    assert.equal(classifySegment('0123abcd'), 'hex');
    assert.equal(classifySegment('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcd'), 'jwt');
    assert.equal(classifySegment('Xk9_pQ2-rT5vW8yZ1bC4dF'), 'token');
    assert.equal(classifySegment('10.0.0.1'), 'ipv4');
    assert.equal(classifySegment('2001:db8::1'), 'ipv6');
    assert.equal(classifySegment('2026-11-25'), 'time');
    assert.equal(classifySegment('u123456'), 'id');
    assert.equal(classifySegment('profile'), undefined);
    assert.equal(classifySegment(''), undefined);
  });

  test('random tokens are recognised, words are not', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let hits = 0;
    for (let i = 0; i < 1000; i++) {
      const bytes = randomBytes(22);
      let s = '';
      for (const b of bytes) s += alphabet[b & 63];
      if (looksLikeToken(s)) hits++;
    }
    assert.ok(hits > 900, `${hits}/1000 random 22-char base64url tokens recognised`);
    assert.equal(looksLikeToken('AccessTokenBlacklist'), false);
    assert.equal(looksLikeToken('notification_preferences'), false);
  });

  test('delimiters are kept and configurable', () => {
    assert.equal(inferKeyPattern('cache:page:/path/123'), 'cache:page:/path/*');
    assert.equal(inferKeyPattern('a|b|17'), 'a|b|*');
    assert.equal(inferKeyPattern('a-b:17', [':']), 'a-b:*');
    assert.equal(inferKeyPattern('a.17', [':']), 'a.17');
    // values spanning delimiters are still recognised when those are not delimiters
    assert.equal(inferKeyPattern('tok:550e8400-e29b-41d4-a716-446655440000', ':'), 'tok:*');
    assert.equal(inferKeyPattern('ip:10.0.0.1', ':'), 'ip:*');
  });

  test('glob characters in names are escaped (patterns are valid SCAN MATCH globs)', () => {
    assert.equal(inferKeyPattern('weird*key:1'), 'weird\\*key:*');
    assert.equal(inferKeyPattern('q?[x]'), 'q\\?\\[x\\]');
  });
});

describe('sibling merging', () => {
  test('token:blacklist:<uuid> and token:refresh:<uuid> stay two patterns', () => {
    const idx = new PatternIndex();
    for (let i = 0; i < 50; i++) {
      idx.add(`token:blacklist:${randomUUID()}`, { type: 'string', ttlMs: 1000 });
      idx.add(`token:refresh:${randomUUID()}`, { type: 'string', ttlMs: 2000 });
    }
    assert.deepEqual(idx.patterns().map(p => [p.pattern, p.count]).sort(), [['token:blacklist:*', 50], ['token:refresh:*', 50]]);
  });

  test('rule 1: a constant beside `*` with the same suffixes and types folds into it', () => {
    const idx = new PatternIndex();
    for (let i = 0; i < 20; i++) { idx.add(`user:${i}:profile`, { type: 'hash' }); idx.add(`user:${i}:settings`, { type: 'string' }); }
    idx.add('user:alice:profile', { type: 'hash' });
    idx.add('user:bob:settings', { type: 'string' });
    idx.add('user:count', { type: 'string' }); // no suffix: not shaped like `*`
    idx.add('user:carol:avatar', { type: 'string' }); // suffix `:avatar` never follows `*`
    const got = byPattern(idx.patterns());
    assert.equal(got.get('user:*:profile')?.count, 21);
    assert.equal(got.get('user:*:settings')?.count, 21);
    assert.equal(got.get('user:count')?.count, 1);
    assert.equal(got.get('user:carol:avatar')?.count, 1);
    assert.equal(got.size, 4);
  });

  test('rule 1 needs matching types: a hash `queue:jobs:stats` beside list jobs stays', () => {
    const idx = new PatternIndex();
    for (let i = 0; i < 10; i++) idx.add(`queue:jobs:${i}`, { type: 'list' });
    idx.add('queue:jobs:pending', { type: 'list' });
    idx.add('queue:jobs:stats', { type: 'hash' });
    const got = byPattern(idx.patterns());
    assert.equal(got.get('queue:jobs:*')?.count, 11);
    assert.equal(got.get('queue:jobs:stats')?.count, 1);
  });

  test('rule 2: many entity-like constants with one shape fold; a few families do not', () => {
    const names = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy'];
    const idx = new PatternIndex();
    for (const n of names) { idx.add(`member:${n}:avatar`, { type: 'string' }); idx.add(`member:${n}:bio`, { type: 'string' }); }
    // three families under `app:` with many keys each: not entities
    for (const fam of ['orders', 'carts', 'invoices']) for (let i = 0; i < 30; i++) idx.add(`app:${fam}:${i}`, { type: 'hash' });
    const got = byPattern(idx.patterns());
    assert.equal(got.get('member:*:avatar')?.count, 10);
    assert.equal(got.get('member:*:bio')?.count, 10);
    for (const fam of ['orders', 'carts', 'invoices']) assert.equal(got.get(`app:${fam}:*`)?.count, 30);
    // below the threshold nothing folds
    const few = new PatternIndex();
    for (const n of names.slice(0, 3)) few.add(`member:${n}:avatar`);
    assert.equal(few.patterns().length, 3);
  });

  test('first-segment namespaces are never folded by rule 2', () => {
    const idx = new PatternIndex();
    for (const ns of ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa']) idx.add(`${ns}:config`);
    assert.equal(idx.patterns().length, 10);
  });
});

describe('pinned patterns, caps and statistics', () => {
  test('pinned globs always appear and collect their keys (most specific first)', () => {
    const idx = new PatternIndex({ pinned: ['ratelimit:*', 'ratelimit:login:*', 'token:blacklist:*', 'revoked:*'] });
    for (let i = 0; i < 5; i++) idx.add(`ratelimit:login:10.0.0.${i}`, { type: 'string', ttlMs: 60_000 });
    for (let i = 0; i < 3; i++) idx.add(`ratelimit:api:10.0.0.${i}`, { type: 'string', ttlMs: 60_000 });
    for (let i = 0; i < 4; i++) idx.add(`user:${i}`);
    const got = byPattern(idx.patterns());
    assert.equal(got.get('ratelimit:login:*')?.count, 5);
    assert.equal(got.get('ratelimit:*')?.count, 3);
    assert.equal(got.get('token:blacklist:*')?.count, 0);
    assert.equal(got.get('revoked:*')?.count, 0);
    assert.ok(got.get('revoked:*')!.pinned);
    assert.equal(got.get('user:*')?.count, 4);
    assert.equal(got.get('user:*')?.pinned, false);
    assert.equal(got.size, 5);
  });

  test('overflow: at most maxPatterns rows, the rest counted in (other)', () => {
    const idx = new PatternIndex({ maxPatterns: 5, pinned: ['pinned:*'] });
    for (let f = 0; f < 10; f++) for (let i = 0; i <= f; i++) idx.add(`fam${String.fromCharCode(97 + f)}:${i}`, { type: 'string' });
    const rows = idx.patterns();
    assert.equal(rows.length, 5);
    const other = rows.find(r => r.pattern === OVERFLOW_PATTERN)!;
    assert.ok(other.overflow);
    assert.equal(rows.filter(r => !r.pinned && !r.overflow).length, 3); // 5 rows − pinned − (other)
    assert.equal(rows.reduce((s, r) => s + r.count, 0), 55);
    assert.equal(other.count, 1 + 2 + 3 + 4 + 5 + 6 + 7);
    assert.equal(other.types.string, other.count);
    // the largest families are the ones kept
    assert.deepEqual(rows.filter(r => !r.pinned && !r.overflow).map(r => r.count), [10, 9, 8]);
  });

  test('memory stays bounded with unbounded distinct names', () => {
    const idx = new PatternIndex({ maxRawPatterns: 500 });
    for (let i = 0; i < 5000; i++) idx.add(`ns${i}:x`); // 5000 distinct first segments (never folded)
    const rows = idx.patterns();
    assert.ok(rows.length <= 200);
    assert.equal(rows.reduce((s, r) => s + r.count, 0), 5000);
  });

  test('TTL and memory statistics', () => {
    const idx = new PatternIndex();
    idx.add('s:1', { type: 'string', ttlMs: 1000, bytes: 100 });
    idx.add('s:2', { type: 'string', ttlMs: 3000 });
    idx.add('s:3', { type: 'string', ttlMs: -1, bytes: 300 });
    idx.add('s:4', { type: 'hash' });
    const [s] = idx.patterns();
    assert.deepEqual({ ...s }, {
      pattern: 's:*', count: 4, observed: 4, types: { string: 3, hash: 1 }, withTtl: 2, ttlMin: 1000, ttlAvg: 2000, ttlMax: 3000,
      sampledBytes: 400, sampled: 2, estimatedBytes: 800, pinned: false, approximate: false,
    });
  });

  test('absorb with a weight extrapolates and marks approximate', () => {
    const part = new PatternIndex();
    for (let i = 0; i < 10; i++) part.add(`k:${i}`, { type: 'string', ttlMs: i % 2 ? 5 : undefined });
    const all = new PatternIndex();
    all.absorb(part, 10);
    const [s] = all.patterns();
    assert.equal(s.count, 100);
    assert.equal(s.observed, 10);
    assert.equal(s.withTtl, 50);
    assert.equal(s.types.string, 100);
    assert.ok(s.approximate);
  });
});

describe('patternWarnings', () => {
  const idx = new PatternIndex();
  for (let i = 0; i < 10; i++) idx.add(`token:blacklist:${randomUUID()}`, { type: 'string', ttlMs: 1000 });
  for (let i = 0; i < 4; i++) idx.add(`session:${randomBytes(16).toString('hex')}`, { type: 'string', ttlMs: i < 1 ? 1000 : undefined });
  for (let i = 0; i < 3; i++) idx.add(`rl:10.0.0.${i}`, { type: 'string' });
  const stats = idx.patterns();

  test('volatile-*: security keys with a TTL are what it evicts; other keys without a TTL fill memory', () => {
    const w = patternWarnings(stats, 'volatile-ttl');
    assert.deepEqual(w.map(x => [x.kind, x.pattern, x.keys]).sort(), [['no-ttl-under-volatile', 'session:*', 3], ['security-under-eviction', 'token:blacklist:*', 10]]);
    const bl = w.find(x => x.pattern === 'token:blacklist:*')!;
    assert.match(bl.why, /evicts keys that have a TTL.*expires soonest goes first.*revoked token valid again/);
    assert.match(bl.why, /wants noeviction/);
    assert.doesNotMatch(bl.why, /give .* a TTL|volatile-ttl \(only/i, 'never the advice to give revocations a TTL under volatile-*');
    // security keys without a TTL are not evicted under volatile-*, and are not told to get one
    assert.ok(!w.some(x => x.pattern === 'rl:*'));
    assert.match(w.find(x => x.pattern === 'session:*')!.why, /never evicted/);
  });

  test('allkeys-*: security patterns, with the same advice as RG331', () => {
    const w = patternWarnings(stats, 'allkeys-lru');
    assert.deepEqual(w.map(x => x.pattern).sort(), ['rl:*', 'token:blacklist:*']);
    assert.ok(w.every(x => x.kind === 'security-under-eviction'));
    assert.match(w.find(x => x.pattern === 'token:blacklist:*')!.why, /revoked token valid again/);
    const rule = lintText('maxmemory 1gb\nmaxmemory-policy allkeys-lru\n', { server: 'redis@7.2', profile: 'production' }).find(f => f.code === 'RG331')!;
    assert.ok(rule.details!.includes(SECURITY_STORE_ADVICE) && w[0].why.endsWith(SECURITY_STORE_ADVICE), 'one advice for the rule and the scan');
  });

  test('noeviction: nothing; one PatternStats works too', () => {
    assert.deepEqual(patternWarnings(stats, 'noeviction'), []);
    assert.equal(patternWarnings(stats[0], 'allkeys-lfu').length, 1);
  });

  test('security names', () => {
    for (const p of ['token:blacklist:*', 'jwt:blocklist:*', 'revoked:*', 'ratelimit:*', 'rate_limit:*', 'api:rate-limit:*', 'rl:*', 'x:rl:*', 'denylist:*'])
      assert.ok(isSecurityPattern(p), p);
    for (const p of ['url:*', 'world:*', 'user:*:profile', 'curl:*']) assert.ok(!isSecurityPattern(p), p);
  });
});

// ---------------------------------------------------------------------------
// scanner on a fake client (duplicates, budgets, refused commands)

function fakeClient(batches: string[][], opts: { refuse?: string[]; types?: Record<string, string> } = {}): ReadOnlyClient & { sent: string[] } {
  const sent: string[] = [];
  const all = new Set(batches.flat());
  const client = {
    sent,
    async call(argv: readonly string[]) {
      const cmd = argv[0].toUpperCase();
      sent.push(cmd);
      if (opts.refuse?.includes(cmd)) throw new NotPermittedError(cmd, 'NOPERM test');
      switch (cmd) {
        case 'DBSIZE': return all.size;
        case 'SCAN': {
          const i = Number(argv[1]);
          return [i + 1 >= batches.length ? '0' : String(i + 1), batches[i]];
        }
        case 'TYPE': return opts.types?.[argv[1]] ?? 'string';
        case 'PTTL': return argv[1].endsWith('t') ? 5000 : -1;
        case 'TTL': return argv[1].endsWith('t') ? 5 : -1;
        case 'MEMORY': return 64;
        default: throw new Error(`unexpected ${cmd}`);
      }
    },
    pipeline(cmds: ReadonlyArray<readonly string[]>) {
      return Promise.all(cmds.map(c => client.call(c).then(value => ({ ok: true as const, value }), (error: Error) => ({ ok: false as const, error }))));
    },
  };
  return client;
}

describe('scanner logic', () => {
  test('keys SCAN returns twice are counted once', async () => {
    const c = fakeClient([['a:1', 'a:2', 'a:3'], ['a:2', 'a:4', 'a:1'], ['a:5', 'a:3']]);
    const r = await scanPatterns(c);
    assert.equal(r.scanned, 5);
    assert.equal(r.patterns[0].count, 5);
    assert.ok(r.complete);
    assert.equal(r.approximate, false);
    assert.equal(c.sent.filter(x => x === 'TYPE').length, 5);
  });

  test('the key budget truncates exactly and extrapolates to DBSIZE', async () => {
    const batches = Array.from({ length: 10 }, (_, b) => Array.from({ length: 10 }, (_, i) => `k:${b * 10 + i}`));
    const r = await scanPatterns(fakeClient(batches), { keyBudget: 25 });
    assert.equal(r.scanned, 25);
    assert.equal(r.stoppedBy, 'key-budget');
    assert.equal(r.complete, false);
    assert.ok(r.approximate);
    assert.equal(r.patterns[0].count, 100);
    assert.equal(r.patterns[0].observed, 25);
  });

  test('refused TYPE / PTTL degrade one column, PTTL falls back to TTL', async () => {
    const c = fakeClient([['x:1t', 'x:2'], ['x:3t'], ['x:4t'], ['x:5t']], { refuse: ['TYPE', 'PTTL'] });
    const r = await scanPatterns(c, { count: 2 });
    assert.equal(r.patterns[0].count, 5);
    assert.deepEqual(r.patterns[0].types, {});
    assert.ok(r.unavailable.some(u => u.startsWith('TYPE:')));
    assert.ok(r.unavailable.some(u => u.startsWith('PTTL:')));
    // batches sent before the refusal came back lost their TTLs; later ones used TTL (seconds → ms)
    assert.ok(r.patterns[0].withTtl >= 1);
    assert.equal(r.patterns[0].ttlMax, 5000);
    assert.ok(c.sent.includes('TTL'));
  });

  test('a refused SCAN is an error for the caller', async () => {
    await assert.rejects(scanPatterns(fakeClient([['a']], { refuse: ['SCAN'] })), NotPermittedError);
  });
});

describe('readOnly().perKey: one allowlist check per column', () => {
  /** A RawConnection recording what reaches it; with `fast`, it also has the perKey fast path. */
  function recorder(fast: boolean) {
    const sent: string[][] = [];
    const reply = (argv: string[]) => (argv.includes('denied') ? new Error('NOPERM this user has no permissions to access the key') : argv.join(' '));
    const raw: RawConnection = {
      call: async (c, ...a) => { sent.push([c, ...a.map(String)]); return 'OK'; },
      pipeline: () => {
        const cmds: string[][] = [];
        return {
          call: (c: string, ...a: Array<string | number>) => { cmds.push([c, ...a.map(String)]); },
          exec: async () => { sent.push(...cmds); return cmds.map(c => { const r = reply(c); return r instanceof Error ? [r, undefined] : [null, r]; }) as Array<[Error | null, unknown]>; },
        };
      },
    };
    if (fast) {
      raw.perKey = async (columns: ReadonlyArray<KeyColumn>, keys: readonly string[]) => {
        const out: unknown[] = [];
        keys.forEach((k, i) => {
          for (const col of columns) {
            if (col.only && !col.only[i]) continue;
            const argv = [...col.argv, k, ...(col.tail ?? [])];
            sent.push(argv);
            out.push(reply(argv));
          }
        });
        return out;
      };
    }
    return { raw, sent };
  }

  for (const fast of [true, false]) {
    const via = fast ? 'perKey fast path' : 'pipeline fallback';
    test(`refused columns send nothing at all (${via})`, async () => {
      const { raw, sent } = recorder(fast);
      const client = readOnly(raw);
      await assert.rejects(client.perKey!([{ argv: ['FLUSHALL'] }], ['k']), NotAllowedError);
      await assert.rejects(client.perKey!([{ argv: ['TYPE'] }, { argv: ['DEL'] }], ['k']), NotAllowedError);
      // a container command needs its subcommand in the column: the key never stands in for it
      await assert.rejects(client.perKey!([{ argv: ['MEMORY'] }], ['usage']), NotAllowedError);
      await assert.rejects(client.perKey!([{ argv: ['CONFIG'] }], ['get']), NotAllowedError);
      await assert.rejects(client.perKey!([{ argv: ['CONFIG', 'SET'] }], ['maxmemory']), NotAllowedError);
      assert.deepEqual(sent, []);
    });

    test(`renames, disabled columns, sampled keys and error replies (${via})`, async () => {
      const { raw, sent } = recorder(fast);
      const client = readOnly(raw, { type: 'TYPE_x1', pttl: '' });
      const only = Uint8Array.from([0, 1, 1]);
      const out = await client.perKey!([{ argv: ['type'] }, { argv: ['PTTL'] }, { argv: ['MEMORY', 'USAGE'], tail: ['SAMPLES', '0'], only }], ['a', 'b', 'denied']);
      assert.deepEqual(sent, [
        ['TYPE_x1', 'a'],
        ['TYPE_x1', 'b'], ['MEMORY', 'USAGE', 'b', 'SAMPLES', '0'],
        ['TYPE_x1', 'denied'], ['MEMORY', 'USAGE', 'denied', 'SAMPLES', '0'],
      ]);
      const [types, ttls, mems] = out as [unknown[], NotPermittedError, unknown[]];
      assert.deepEqual(types.slice(0, 2), ['TYPE_x1 a', 'TYPE_x1 b']);
      assert.ok(types[2] instanceof NotPermittedError && /NOPERM/.test(types[2].message), String(types[2]));
      assert.ok(ttls instanceof NotPermittedError);
      assert.match(ttls.message, /^PTTL: not permitted \(disabled by rename-command\)$/);
      assert.equal(mems[0], undefined);
      assert.equal(mems[1], 'MEMORY USAGE b SAMPLES 0');
      assert.ok(mems[2] instanceof NotPermittedError);
      // nothing to send: no round trip
      sent.length = 0;
      const none = await client.perKey!([{ argv: ['PTTL'] }], ['a']);
      assert.ok(none[0] instanceof NotPermittedError);
      assert.deepEqual(sent, []);
    });
  }
});

// ---------------------------------------------------------------------------
// live: 200 000 keys in 8 families

interface Family { pattern: string; count: number; type: string; withTtl: number; ttlSec?: number }
const FAMILIES: Family[] = [
  { pattern: 'token:blacklist:*', count: 30000, type: 'string', withTtl: 30000, ttlSec: 3600 },
  { pattern: 'token:refresh:*', count: 20000, type: 'string', withTtl: 20000, ttlSec: 7200 },
  { pattern: 'ratelimit:*:*', count: 40000, type: 'string', withTtl: 40000, ttlSec: 60 },
  { pattern: 'session:*', count: 25000, type: 'hash', withTtl: 12500, ttlSec: 1800 },
  { pattern: 'user:*:profile', count: 25000, type: 'hash', withTtl: 0 },
  { pattern: 'user:*:settings', count: 25000, type: 'string', withTtl: 0 },
  { pattern: 'cache:page:/path/*', count: 20000, type: 'string', withTtl: 20000, ttlSec: 600 },
  { pattern: 'queue:jobs:*', count: 15000, type: 'list', withTtl: 0 },
];
const TOTAL = FAMILIES.reduce((s, f) => s + f.count, 0);

describe('live scan of 200 000 keys', () => {
  let srv: RunningRedis;
  let raw: Redis;
  let product: Redis;
  let client: ReadOnlyClient;
  const sentCommands = new Set<string>();
  let ioredisMs = NaN;

  before(async () => {
    srv = await startRedis();
    raw = new Redis({ port: srv.port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false });
    await raw.connect();
    const t0 = Date.now();
    // test setup only: pipelined writes on a raw connection
    const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const write: Record<string, (p: ReturnType<Redis['pipeline']>, i: number) => void> = {
      'token:blacklist:*': (p) => { p.set(`token:blacklist:${randomUUID()}`, '1', 'EX', 3600); },
      'token:refresh:*': (p) => { p.set(`token:refresh:${randomUUID()}`, 'u', 'EX', 7200); },
      'ratelimit:*:*': (p, i) => { p.set(`ratelimit:${ip(i)}:${202611251200 + (i % 3)}`, '3', 'EX', 60); },
      'session:*': (p, i) => { const k = `session:${randomBytes(16).toString('hex')}`; p.hset(k, 'uid', String(i)); if (i % 2 === 0) p.expire(k, 1800); },
      'user:*:profile': (p, i) => { p.hset(`user:${i}:profile`, 'name', `n${i}`); },
      'user:*:settings': (p, i) => { p.set(`user:${i}:settings`, '{"theme":"dark"}'); },
      'cache:page:/path/*': (p, i) => { p.set(`cache:page:/path/${i}`, '<html></html>', 'EX', 600); },
      'queue:jobs:*': (p, i) => { p.rpush(`queue:jobs:${i}`, 'job'); },
    };
    for (const f of FAMILIES) {
      for (let start = 0; start < f.count; start += 5000) {
        const p = raw.pipeline();
        for (let i = start; i < Math.min(f.count, start + 5000); i++) write[f.pattern](p, i);
        await p.exec();
      }
    }
    assert.equal(await raw.dbsize(), TOTAL);
    console.log(`# seeded ${TOTAL} keys in ${Date.now() - t0} ms`);
    product = new Redis({ port: srv.port, host: '127.0.0.1', lazyConnect: true, enableReadyCheck: false });
    await product.connect();
    // the product connection, recording what it sends
    const recording: RawConnection = {
      call: (c, ...a) => { sentCommands.add(c.toUpperCase()); return product.call(c, ...a); },
      pipeline: () => { const p = product.pipeline(); return { call: (c: string, ...a: Array<string | number>) => { sentCommands.add(c.toUpperCase()); return p.call(c, ...a); }, exec: () => p.exec() }; },
    };
    client = readOnly(recording);
  });

  after(async () => {
    product?.disconnect();
    raw?.disconnect();
    await srv?.stop();
  });

  function assertExact(r: ScanResult): void {
    const got = byPattern(r.patterns);
    assert.deepEqual([...got.keys()].sort(), FAMILIES.map(f => f.pattern).sort());
    for (const f of FAMILIES) {
      const s = got.get(f.pattern)!;
      assert.equal(s.count, f.count, f.pattern);
      assert.deepEqual(s.types, { [f.type]: f.count }, f.pattern);
      assert.equal(s.withTtl, f.withTtl, f.pattern);
      if (f.ttlSec) {
        assert.ok(s.ttlMax! <= f.ttlSec * 1000 && s.ttlMin! > f.ttlSec * 1000 - 120_000, `${f.pattern} ttl ${s.ttlMin}..${s.ttlMax}`);
      } else assert.equal(s.ttlMax, undefined);
    }
  }

  test('a full scan infers exactly the 8 patterns with exact counts, types and TTL shares', async () => {
    const t0 = Date.now();
    const r = await scanPatterns(client, { keyBudget: Infinity, timeBudgetMs: 120_000, sampleEvery: 100 });
    ioredisMs = Date.now() - t0;
    assert.equal(r.complete, true);
    assert.equal(r.approximate, false);
    assert.equal(r.stoppedBy, 'done');
    assert.equal(r.scanned, TOTAL);
    assert.equal(r.dbsize, TOTAL);
    assertExact(r);
    for (const s of r.patterns) {
      assert.ok(s.sampled > 0 && s.estimatedBytes > 0, `${s.pattern} sampled`);
      assert.ok(Math.abs(s.sampled - s.count / 100) <= 2 + s.count / 100 * 0.5, `${s.pattern}: ${s.sampled} samples`);
    }
    assert.deepEqual([...sentCommands].sort(), ['DBSIZE', 'MEMORY', 'PTTL', 'SCAN', 'TYPE']);
  });

  test('the fast RESP transport gives the same result', async () => {
    const fast = await openScanConnection({ host: '127.0.0.1', port: srv.port });
    try {
      const r = await scanPatterns(fast.client, { keyBudget: Infinity, timeBudgetMs: 120_000, sampleEvery: 0 });
      assert.ok(r.complete);
      assertExact(r);
    } finally {
      fast.close();
    }
  });

  test('a small key budget is approximate and extrapolates within 15 %', async () => {
    const r = await scanPatterns(client, { keyBudget: 20000, sampleEvery: 0 });
    assert.equal(r.scanned, 20000);
    assert.equal(r.complete, false);
    assert.equal(r.stoppedBy, 'key-budget');
    assert.ok(r.approximate);
    const got = byPattern(r.patterns);
    assert.deepEqual([...got.keys()].sort(), FAMILIES.map(f => f.pattern).sort());
    let total = 0;
    for (const f of FAMILIES) {
      const s = got.get(f.pattern)!;
      assert.ok(s.approximate);
      assert.ok(Math.abs(s.count - f.count) / f.count < 0.15, `${f.pattern}: ~${s.count} vs ${f.count}`);
      assert.ok(Math.abs(s.withTtl - f.withTtl) <= f.count * 0.15, `${f.pattern}: ~${s.withTtl} with TTL vs ${f.withTtl}`);
      total += s.count;
    }
    assert.ok(Math.abs(total - TOTAL) <= 10, `total ~${total}`);
    assert.equal(r.patterns.reduce((n, s) => n + s.observed, 0), 20000);
  });

  test('a time budget stops the scan and marks it approximate', async () => {
    const r = await scanPatterns(client, { keyBudget: Infinity, timeBudgetMs: 100, sampleEvery: 0 });
    assert.equal(r.stoppedBy, 'time-budget');
    // the batch in flight at the deadline is still counted
    assert.ok(r.scanned < TOTAL && r.scanned > 0, `${r.scanned}`);
    assert.ok(r.approximate);
    assert.ok(r.elapsedMs < 2000, `${r.elapsedMs} ms`);
  });

  test('cancellation stops promptly', async () => {
    const ac = new AbortController();
    let abortedAt = 0;
    const r = await scanPatterns(client, {
      keyBudget: Infinity, timeBudgetMs: 120_000, signal: ac.signal, sampleEvery: 0,
      onProgress: p => { if (p.scanned >= 5000 && !abortedAt) { abortedAt = Date.now(); ac.abort(); } },
    });
    const lag = Date.now() - abortedAt;
    assert.ok(abortedAt > 0);
    assert.equal(r.stoppedBy, 'aborted');
    assert.equal(r.complete, false);
    assert.ok(r.scanned >= 5000 && r.scanned < TOTAL / 2, `${r.scanned}`);
    assert.ok(lag < 300, `returned ${lag} ms after abort`);
  });

  test('an already-aborted signal sends nothing after DBSIZE', async () => {
    const ac = new AbortController();
    ac.abort();
    const c = fakeClient([['a:1']]);
    const r = await scanPatterns(c, { signal: ac.signal });
    assert.equal(r.stoppedBy, 'aborted');
    assert.equal(r.scanned, 0);
    assert.deepEqual(c.sent, ['DBSIZE']);
  });

  test('TYPE disabled by rename-command: counts stay exact, types unavailable', async () => {
    const fast = await openScanConnection({ host: '127.0.0.1', port: srv.port, renames: { type: '' } });
    let r: ScanResult;
    try {
      r = await scanPatterns(fast.client, { keyBudget: Infinity, timeBudgetMs: 120_000, sampleEvery: 0 });
    } finally {
      fast.close();
    }
    assert.ok(r.complete);
    assert.ok(r.unavailable.some(u => /^TYPE: .*disabled by rename-command/.test(u)), r.unavailable.join());
    const got = byPattern(r.patterns);
    for (const f of FAMILIES) {
      assert.equal(got.get(f.pattern)?.count, f.count);
      assert.equal(got.get(f.pattern)?.withTtl, f.withTtl);
      assert.deepEqual(got.get(f.pattern)?.types, {});
    }
  });

  test('RespConnection: AUTH through the gate, error replies, closed connections', async () => {
    const locked = await startRedis({ args: ['--requirepass', 'scan-pw-9321'] });
    try {
      await assert.rejects(openScanConnection({ host: '127.0.0.1', port: locked.port, password: 'wrong-pw-0000' }), /WRONGPASS|invalid/);
      const c = await openScanConnection({ host: '127.0.0.1', port: locked.port, password: 'scan-pw-9321', db: 3 });
      assert.equal(await c.client.call(['PING']), 'PONG');
      assert.match(String(await c.client.call(['INFO', 'keyspace'])), /# Keyspace/);
      await assert.rejects(c.client.call(['FLUSHALL']), /allowlist/); // never leaves the process
      await assert.rejects(c.client.call(['CONFIG', 'GET']), /wrong number of arguments/i);
      const out = await c.client.pipeline([['PING'], ['CONFIG', 'GET'], ['DBSIZE']]);
      assert.deepEqual(out.map(o => o.ok), [true, false, true]);
      const pending = c.client.call(['PING']);
      c.close();
      await assert.rejects(pending, /connection closed/);
      await assert.rejects(c.client.call(['PING']), /connection closed/);
    } finally {
      await locked.stop();
    }
  });

  test('RespConnection.perKey: multi-byte, control-character and long key names are sent byte-exact', async () => {
    const db = 7; // away from the 200 000 keys the other tests count
    const w = new Redis({ port: srv.port, host: '127.0.0.1', db, lazyConnect: true, enableReadyCheck: false });
    await w.connect();
    const fast = await openScanConnection({ host: '127.0.0.1', port: srv.port, db });
    try {
      const keys = await seedOddKeys(w, 5000);
      const only = Uint8Array.from(keys.map((_, i) => (i % 2 === 0 ? 1 : 0)));
      const [types, ttls, mems] = await fast.client.perKey!([{ argv: ['TYPE'] }, { argv: ['PTTL'] }, { argv: ['MEMORY', 'USAGE'], tail: ['SAMPLES', '0'], only }], keys) as unknown[][];
      for (let i = 0; i < keys.length; i++) {
        assert.equal(types[i], await w.type(keys[i]), keys[i]);
        const pttl = await w.pttl(keys[i]);
        assert.ok(pttl < 0 ? ttls[i] === pttl : Math.abs((ttls[i] as number) - pttl) < 5000, `${keys[i]}: ${ttls[i]} vs ${pttl}`);
        assert.equal(mems[i], only[i] ? await w.call('MEMORY', 'USAGE', keys[i], 'SAMPLES', '0') : undefined, keys[i]);
      }
      const r = await scanPatterns(fast.client, { keyBudget: Infinity, sampleEvery: 1 });
      assert.equal(r.scanned, keys.length - 1);
      assert.equal(r.patterns.reduce((n, p) => n + p.count, 0), keys.length - 1);
      assert.equal(r.patterns.reduce((n, p) => n + p.sampled, 0), keys.length - 1);
      assert.deepEqual(r.unavailable, []);
    } finally {
      fast.close();
      await w.flushdb();
      w.disconnect();
    }
  });

  test('RespConnection: replies split into many small TCP chunks read the same as over ioredis', { timeout: 120_000 }, async () => {
    const db = 8; // away from the 200 000 keys the other tests count
    const w = new Redis({ port: srv.port, host: '127.0.0.1', db, lazyConnect: true, enableReadyCheck: false });
    await w.connect();
    const proxy = await trickleProxy(srv.port);
    const fast = await openScanConnection({ host: '127.0.0.1', port: proxy.port, db, commandTimeoutMs: 60_000 });
    try {
      const keys = await seedOddKeys(w, 3000);
      const many: string[] = [];
      for (let i = 0; i < 300; i++) many.push(`many:${i}:${randomUUID()}`);
      await w.mset(...many.flatMap(k => [k, '1']));
      const all = [...keys, ...many];

      // one SCAN reply: a nested array of 307 names, one of them 6 KB, in pieces of 1 to 3 bytes
      const [cursor, names] = await fast.client.call(['SCAN', '0', 'COUNT', '10000']) as [string, string[]];
      const [ioCursor, ioNames] = await w.scan('0', 'COUNT', '10000');
      assert.equal(cursor, ioCursor);
      assert.deepEqual([...names].sort(), [...ioNames].sort());
      assert.deepEqual([...names].sort(), all.filter(k => k !== 'missing:8').sort());

      // a perKey batch: 2 x 308 flat replies, among them error replies (a bad SAMPLES argument)
      const only = Uint8Array.from(all.map((_, i) => (i % 3 === 0 ? 1 : 0)));
      const [types, ttls, mems] = await fast.client.perKey!([{ argv: ['TYPE'] }, { argv: ['PTTL'] }, { argv: ['MEMORY', 'USAGE'], tail: ['SAMPLES', 'x'], only }], all) as unknown[][];
      for (let i = 0; i < all.length; i++) {
        assert.equal(types[i], await w.type(all[i]), all[i]);
        const pttl = await w.pttl(all[i]);
        assert.ok(pttl < 0 ? ttls[i] === pttl : Math.abs((ttls[i] as number) - pttl) < 5000, `${all[i]}: ${ttls[i]} vs ${pttl}`);
        if (!only[i]) { assert.equal(mems[i], undefined); continue; }
        const want = await w.call('MEMORY', 'USAGE', all[i], 'SAMPLES', 'x').then(() => assert.fail('SAMPLES x was accepted'), (e: Error) => e.message);
        assert.ok(mems[i] instanceof Error, `${all[i]}: ${String(mems[i])}`);
        assert.equal((mems[i] as Error).message, want);
      }

      // a pipeline with an error reply between two good ones, and a single error reply
      const out = await fast.client.pipeline([['PING'], ['CONFIG', 'GET'], ['DBSIZE']]);
      const ioErr = await w.call('CONFIG', 'GET').then(() => assert.fail('CONFIG GET without a pattern was accepted'), (e: Error) => e.message);
      assert.deepEqual(out.map(o => o.ok), [true, false, true]);
      assert.equal(out[0].ok && out[0].value, 'PONG');
      assert.equal(!out[1].ok && out[1].error.message, ioErr);
      assert.equal(out[2].ok && out[2].value, all.length - 1);
      await assert.rejects(fast.client.call(['CONFIG', 'GET']), (e: Error) => e.message === ioErr);

      // and the whole scanner over it
      const r = await scanPatterns(fast.client, { keyBudget: Infinity, sampleEvery: 1, count: 50 });
      assert.ok(r.complete);
      assert.equal(r.scanned, all.length - 1);
      assert.equal(byPattern(r.patterns).get('many:*:*')?.count, many.length);
      assert.equal(r.patterns.reduce((n, p) => n + p.sampled, 0), all.length - 1);
      // the replies really came in pieces
      assert.ok(proxy.pieces() > 5000, `${proxy.pieces()} pieces`);
    } finally {
      fast.close();
      await proxy.close();
      await w.flushdb();
      w.disconnect();
    }
  });

  test('RespConnection: a RESP3 reply fails the connection with a clear error, nothing hangs', { timeout: 60_000 }, async () => {
    // a map (`%`) as the whole reply
    const map = await fakeServer('%1\r\n+proto\r\n:3\r\n');
    // a set (`~`) as the second reply of a batch, after a good one
    const set = await fakeServer(':1\r\n~1\r\n+x\r\n');
    // a reply nobody asked for
    const unasked = await fakeServer('+hello\r\n', { onConnect: true });
    try {
      const a = await openScanConnection({ host: '127.0.0.1', port: map.port, commandTimeoutMs: 600_000 });
      await assert.rejects(a.client.call(['PING']), /^Error: protocol error from 127\.0\.0\.1:\d+: got "%" as reply type byte, which RESP2 does not have \(a RESP3 reply\?\); this connection speaks RESP2 only$/);
      await assert.rejects(a.client.call(['PING']), /got "%" as reply type byte/); // the connection stays failed
      await assert.rejects(a.client.pipeline([['PING']]), /got "%" as reply type byte/);

      const b = await openScanConnection({ host: '127.0.0.1', port: set.port, commandTimeoutMs: 600_000 });
      await assert.rejects(b.client.perKey!([{ argv: ['TYPE'] }], ['k1', 'k2']), /got "~" as reply type byte.*RESP2 only/);

      const c = await openScanConnection({ host: '127.0.0.1', port: unasked.port, commandTimeoutMs: 600_000 });
      await unasked.hungUp; // the client dropped the connection on the unasked reply
      await assert.rejects(c.client.call(['PING']), /a reply arrived with no command waiting for it/);

      // the connection never asks for RESP3 itself: HELLO 3 is refused before it is sent
      const d = await openScanConnection({ host: '127.0.0.1', port: srv.port });
      try {
        await assert.rejects(d.client.call(['HELLO', '3']), /HELLO 3: this connection speaks RESP2 only/);
        await assert.rejects(d.client.pipeline([['HELLO', '3']]).then(o => { if (!o[0].ok) throw o[0].error; }), /RESP2 only/);
        assert.equal(await d.client.call(['PING']), 'PONG');
      } finally {
        d.close();
      }
    } finally {
      await Promise.all([map.close(), set.close(), unasked.close()]);
    }
  });

  test('throughput against a bare SCAN loop (reported, not asserted)', async () => {
    const bare = async () => {
      const t = process.hrtime.bigint();
      let cursor = '0', n = 0;
      do { const [c, keys] = await product.call('SCAN', cursor, 'COUNT', '1000') as [string, string[]]; cursor = c; n += keys.length; } while (cursor !== '0');
      assert.ok(n >= TOTAL);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const timed = async (c: ReadOnlyClient) => {
      const t = process.hrtime.bigint();
      const r = await scanPatterns(c, { keyBudget: Infinity, timeBudgetMs: 120_000, sampleEvery: 0 });
      assert.ok(r.complete);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const fast = await openScanConnection({ host: '127.0.0.1', port: srv.port });
    try {
      for (let rep = 0; rep < 2; rep++) {
        const b = await bare();
        const f = await timed(fast.client);
        console.log(`# bare SCAN loop ${b.toFixed(0)} ms; scan + TYPE + PTTL + inference over RespConnection ${f.toFixed(0)} ms (${(f / b).toFixed(1)}×)`
          + (rep === 0 ? `; over ioredis (first test, with MEMORY USAGE samples) ${ioredisMs} ms (${(ioredisMs / b).toFixed(1)}×)` : ''));
      }
    } finally {
      fast.close();
    }
  });
});
