/**
 * Facts in the generated directive catalog (server/src/engine/catalog/catalog.json).
 * These pin what scripts/generate-catalog.mjs extracts from the servers' sources:
 * version gates, types, bounds, defaults, aliases, enum values, sentinel and command tables.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import catalogJson from '../../server/src/engine/catalog/catalog.json';
import type { Catalog, DirectiveVariant } from '../../server/src/engine/catalog/types';
import { floatParserOf, keyspaceEventLettersOf, lookupDirective, memoryOverflowOf, resolveTarget, unknownDirectivesOf } from '../../server/src/engine/catalog';
import { lintText, verdictOf } from '../../server/src/engine/lint';

const catalog = catalogJson as unknown as Catalog;

const ALL = [
  'redis@6.0', 'redis@6.2', 'redis@7.0', 'redis@7.2', 'redis@7.4', 'redis@8.0', 'redis@8.2',
  'valkey@7.2', 'valkey@8.0', 'valkey@8.1', 'valkey@9.0', 'valkey@9.1', 'memurai@4.1',
];
const REDIS = ALL.filter(t => t.startsWith('redis@'));
const SEVEN_PLUS = ALL.filter(t => !['redis@6.0', 'redis@6.2'].includes(t));

const ULLONG_MAX = '18446744073709551615';
const LLONG_MAX = '9223372036854775807';
const INT_MAX = '2147483647';

/** The variant of a canonical directive name for a target, if any. */
function variant(name: string, target: string): DirectiveVariant | undefined {
  return catalog.directives[name]?.find(v => v.versions.includes(target));
}

/** Like the engine's lookup: canonical name first, then aliases. */
function lookup(name: string, target: string): { name: string; spec: DirectiveVariant } | undefined {
  const direct = variant(name, target);
  if (direct) return { name, spec: direct };
  for (const [canonical, variants] of Object.entries(catalog.directives)) {
    const v = variants.find(x => x.versions.includes(target));
    if (v?.aliases?.includes(name)) return { name: canonical, spec: v };
  }
  return undefined;
}

function must(name: string, target: string): DirectiveVariant {
  const v = variant(name, target);
  assert.ok(v, `${name} should exist for ${target}`);
  return v;
}

describe('catalog structure', () => {
  test('targets are the thirteen known ones, in order', () => {
    assert.deepEqual(catalog.targets, ALL);
  });

  test('every target has a source, commands, subcommands, ACL categories, keyspace letters and sentinel statements', () => {
    for (const t of ALL) {
      assert.match(catalog.keyspaceEvents[t], /^Ag\$lshzxeKEtm/, `keyspace letters for ${t}`);
      assert.ok(catalog.sentinel.filter(s => s.versions.includes(t)).length >= 19, `sentinel statements for ${t}`);
      assert.ok(catalog.sources[t], `source for ${t}`);
      assert.ok(Array.isArray(catalog.commands[t]) && catalog.commands[t].length > 150, `commands for ${t}`);
      assert.ok(catalog.subcommands[t] && typeof catalog.subcommands[t] === 'object', `subcommands for ${t}`);
      assert.ok(catalog.aclCategories[t].length >= 20, `ACL categories for ${t}`);
    }
  });

  test('sources record tags and commits, released source packages, or release notes marked unverified', () => {
    assert.match(catalog.sources['redis@7.0'], /tag 7\.0\.15, commit [0-9a-f]{40}/);
    assert.match(catalog.sources['valkey@8.0'], /tag 8\.0\.1, commit [0-9a-f]{40}/);
    assert.match(catalog.sources['redis@8.0'], /^Debian source package redis 5:8\.0\.6-3 .*upstream tarball of redis 8\.0\.6$/);
    assert.match(catalog.sources['valkey@8.1'], /^Debian source package valkey 8\.1\.1\+dfsg1-3\+deb13u3 .*upstream tarball of valkey 8\.1\.1$/);
    assert.match(catalog.sources['valkey@9.1'], /^Debian source package valkey 9\.1\.2-1 .*upstream tarball of valkey 9\.1\.2$/);
    for (const t of ALL) assert.doesNotMatch(catalog.sources[t], /HEAD|pre-release/, t);
    for (const t of ['redis@8.2', 'valkey@9.0']) assert.match(catalog.sources[t], /^UNVERIFIED, release notes only: .*https:\/\//, t);
    assert.match(catalog.sources['memurai@4.1'], /docs\.memurai\.com/);
    assert.match(catalog.sources['memurai@4.1'], /redis@7\.2/);
  });

  test('every variant names known targets, with no target twice per directive', () => {
    const known = new Set(ALL);
    for (const [name, variants] of Object.entries(catalog.directives)) {
      assert.equal(name, name.toLowerCase(), `${name} is lower-case`);
      assert.ok(variants.length > 0, `${name} has variants`);
      const seen = new Set<string>();
      for (const v of variants) {
        assert.ok(v.versions.length > 0, `${name} variant has versions`);
        for (const t of v.versions) {
          assert.ok(known.has(t), `${name}: unknown target ${t}`);
          assert.ok(!seen.has(t), `${name}: ${t} listed twice`);
          seen.add(t);
        }
      }
    }
  });

  test('variant fields are well formed', () => {
    const types = new Set(['bool', 'enum', 'int', 'memory', 'percent', 'octal', 'string', 'special', 'ignored']);
    for (const [name, variants] of Object.entries(catalog.directives)) {
      for (const v of variants) {
        assert.ok(types.has(v.type), `${name}: type ${v.type}`);
        if (v.min !== undefined) assert.match(v.min, /^-?\d+$/, `${name} min`);
        if (v.max !== undefined) assert.match(v.max, /^-?\d+$/, `${name} max`);
        if (v.min !== undefined && v.max !== undefined) assert.ok(BigInt(v.min) <= BigInt(v.max), `${name} min <= max`);
        if (v.type === 'enum') assert.ok(v.values && v.values.length > 0, `${name} enum values`);
        if (v.type === 'bool' && v.default !== undefined) assert.ok(['yes', 'no'].includes(v.default), `${name} bool default`);
        if (v.type === 'enum' && v.default !== undefined) {
          // multi-arg enums may print several names; each must be a value
          for (const part of v.default.split(' ')) assert.ok(v.values!.includes(part), `${name} enum default ${v.default}`);
        }
        if (['int', 'memory', 'percent', 'octal'].includes(v.type)) {
          assert.ok(v.numKind, `${name} numKind`);
          assert.ok(v.min !== undefined && v.max !== undefined, `${name} bounds`);
        }
        if (v.argc) {
          assert.equal(v.argc.length, 2);
          assert.ok(v.argc[1] === -1 || v.argc[1] >= v.argc[0], `${name} argc`);
        }
        for (const a of v.aliases ?? []) assert.equal(a, a.toLowerCase());
      }
    }
  });

  test('no alias of a target is also a canonical name for that target', () => {
    for (const t of ALL) {
      for (const variants of Object.values(catalog.directives)) {
        const v = variants.find(x => x.versions.includes(t));
        for (const a of v?.aliases ?? []) assert.equal(variant(a, t), undefined, `${a} is both alias and canonical for ${t}`);
      }
    }
  });
});

describe('version gates', () => {
  test('gopher-enabled exists up to 6.2 and is gone in 7.0', () => {
    assert.equal(must('gopher-enabled', 'redis@6.0').type, 'bool');
    assert.ok(variant('gopher-enabled', 'redis@6.2'));
    for (const t of SEVEN_PLUS) assert.equal(lookup('gopher-enabled', t), undefined, t);
  });

  test('enable-debug-command from 7.0', () => {
    assert.equal(variant('enable-debug-command', 'redis@6.2'), undefined);
    for (const t of SEVEN_PLUS) {
      const v = must('enable-debug-command', t);
      assert.equal(v.type, 'enum');
      assert.deepEqual(v.values, ['no', 'yes', 'local']);
      assert.equal(v.default, 'no');
      assert.ok(v.flags?.includes('immutable'));
    }
  });

  test('locale-collate from 7.2, hide-user-data-from-log from 7.4', () => {
    assert.equal(variant('locale-collate', 'redis@7.0'), undefined);
    for (const t of ['redis@7.2', 'redis@7.4', 'redis@8.0', 'valkey@7.2', 'memurai@4.1']) assert.ok(variant('locale-collate', t), t);
    assert.equal(variant('hide-user-data-from-log', 'redis@7.2'), undefined);
    assert.equal(variant('hide-user-data-from-log', 'valkey@7.2'), undefined);
    for (const t of ['redis@7.4', 'redis@8.0', 'valkey@8.0', 'valkey@8.1']) assert.equal(must('hide-user-data-from-log', t).type, 'bool');
  });

  test('tls-* directives exist for every target (TLS build)', () => {
    for (const t of ALL) {
      assert.equal(must('tls-protocols', t).type, 'string', t);
      assert.equal(must('tls-port', t).max, '65535', t);
      assert.deepEqual(must('tls-auth-clients', t).values, ['no', 'yes', 'optional'], t);
    }
  });

  test('ziplist names became aliases of listpack names in 7.0', () => {
    assert.equal(must('hash-max-ziplist-entries', 'redis@6.2').type, 'int');
    for (const t of SEVEN_PLUS) {
      const hit = lookup('hash-max-ziplist-entries', t);
      assert.equal(hit?.name, 'hash-max-listpack-entries', t);
      assert.equal(lookup('list-max-ziplist-size', t)?.name, 'list-max-listpack-size', t);
    }
  });

  test('deprecated names are ignored with one argument', () => {
    for (const t of ALL) {
      const v = must('list-max-ziplist-entries', t);
      assert.equal(v.type, 'ignored', t);
      assert.deepEqual(v.argc, [1, 1], t);
    }
    assert.equal(must('lua-replicate-commands', 'redis@6.2').type, 'bool');
    for (const t of SEVEN_PLUS) assert.equal(must('lua-replicate-commands', t).type, 'ignored', t);
    assert.equal(must('io-threads-do-reads', 'valkey@8.1').type, 'ignored');
    assert.equal(must('io-threads-do-reads', 'redis@7.4').type, 'bool');
  });

  test('redis 7.4 renamed the *_cpulist directives and kept the old names as aliases', () => {
    assert.ok(variant('server_cpulist', 'redis@7.2'));
    const hit = lookup('server_cpulist', 'redis@7.4');
    assert.equal(hit?.name, 'server-cpulist');
  });
});

describe('types, bounds and defaults', () => {
  test('maxmemory is memory ulonglong 0..ULLONG_MAX default 0 everywhere', () => {
    for (const t of ALL) {
      const v = must('maxmemory', t);
      assert.equal(v.type, 'memory');
      assert.equal(v.numKind, 'ulonglong');
      assert.deepEqual(v.numFlags, ['memory']);
      assert.equal(v.min, '0');
      assert.equal(v.max, ULLONG_MAX);
      assert.equal(v.default, '0');
    }
  });

  test('hz is a plain int with default 10', () => {
    for (const t of ALL) {
      const v = must('hz', t);
      assert.equal(v.type, 'int');
      assert.equal(v.numKind, 'int');
      assert.equal(v.numFlags, undefined);
      assert.equal(v.default, '10');
      assert.equal(v.max, INT_MAX);
    }
  });

  test('maxmemory-clients accepts memory and percent', () => {
    for (const t of SEVEN_PLUS) {
      const v = must('maxmemory-clients', t);
      assert.equal(v.type, 'memory');
      assert.equal(v.numKind, 'ssize_t');
      assert.deepEqual(v.numFlags, ['memory', 'percent']);
      assert.equal(v.min, '-100');
      assert.equal(v.max, LLONG_MAX);
      assert.equal(v.default, '0');
    }
  });

  test('unixsocketperm is octal 0..0777 from 7.0, hand-parsed before', () => {
    for (const t of SEVEN_PLUS) {
      const v = must('unixsocketperm', t);
      assert.equal(v.type, 'octal');
      assert.deepEqual(v.numFlags, ['octal']);
      assert.equal(v.min, '0');
      assert.equal(v.max, '511');
      assert.equal(v.default, '0');
    }
    const old = must('unixsocketperm', 'redis@6.0');
    assert.equal(old.type, 'special');
    assert.deepEqual(old.argc, [1, 1]);
  });

  test('numeric bounds resolved from macros and expressions', () => {
    const port = must('port', 'redis@7.0');
    assert.deepEqual([port.min, port.max, port.default], ['0', '65535', '6379']);
    const pmbl = must('proto-max-bulk-len', 'redis@7.0');
    assert.deepEqual([pmbl.min, pmbl.max, pmbl.default], ['1048576', LLONG_MAX, '536870912']);
    assert.equal(must('client-query-buffer-limit', 'redis@7.0').default, '1073741824');
    assert.equal(must('active-defrag-ignore-bytes', 'redis@7.0').default, '104857600');
    assert.equal(must('list-max-listpack-size', 'redis@7.0').min, '-2147483648');
    assert.equal(must('maxclients', 'redis@7.0').max, '4294967295');
    assert.equal(must('slowlog-log-slower-than', 'redis@7.0').min, '-1');
    assert.equal(must('repl-backlog-ttl', 'redis@7.0').numKind, 'time_t');
    assert.equal(must('auto-aof-rewrite-min-size', 'redis@7.0').numKind, 'off_t');
  });

  test('bools, strings and enums print their defaults like CONFIG GET', () => {
    assert.equal(must('protected-mode', 'redis@7.0').default, 'yes');
    assert.equal(must('daemonize', 'redis@7.0').default, 'no');
    assert.equal(must('dbfilename', 'redis@7.0').default, 'dump.rdb');
    assert.equal(must('dbfilename', 'redis@7.0').validator, 'isValidDBfilename');
    assert.equal(must('pidfile', 'redis@7.0').default, '');
    assert.equal(must('pidfile', 'redis@7.0').empty, 'empty-is-null');
    assert.equal(must('aclfile', 'redis@7.0').empty, 'allow-empty');
    assert.equal(must('proc-title-template', 'redis@7.0').default, '{title} {listen-addr} {server-mode}');
    assert.equal(must('syslog-facility', 'redis@7.0').default, 'local0');
    assert.equal(must('acl-pubsub-default', 'redis@6.2').default, 'allchannels');
    assert.equal(must('acl-pubsub-default', 'redis@7.0').default, 'resetchannels');
    assert.equal(must('shutdown-on-sigterm', 'redis@7.0').default, 'default');
    assert.ok(must('shutdown-on-sigterm', 'redis@7.0').flags?.includes('multi-arg'));
    assert.equal(must('syslog-ident', 'valkey@8.0').default, 'valkey');
    assert.equal(must('syslog-ident', 'redis@7.4').default, 'redis');
  });

  test('server flags are carried over', () => {
    assert.deepEqual(must('requirepass', 'redis@7.0').flags, ['sensitive']);
    assert.deepEqual(must('dir', 'redis@7.0').flags, ['deny-loading', 'protected']);
    assert.ok(must('use-exit-on-panic', 'redis@7.0').flags?.includes('hidden'));
    assert.ok(must('tls-cert-file', 'redis@7.0').flags?.includes('volatile'));
    assert.ok(must('repl-diskless-load', 'redis@7.0').flags?.includes('debug'));
    assert.ok(must('databases', 'redis@7.0').flags?.includes('immutable'));
  });

  test('special directives carry CONFIG GET defaults', () => {
    for (const t of ALL) {
      assert.equal(must('save', t).default, '3600 1 300 100 60 10000', t);
      assert.equal(must('client-output-buffer-limit', t).default,
        'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60', t);
      assert.equal(must('oom-score-adj-values', t).default, '0 200 800', t);
      assert.equal(must('notify-keyspace-events', t).default, '', t);
    }
    assert.equal(must('bind', 'redis@6.2').default, '');
    for (const t of SEVEN_PLUS) {
      assert.equal(must('bind', t).default, '* -::*', t);
      assert.equal(must('latency-tracking-info-percentiles', t).default, '50 99 99.9', t);
      assert.equal(must('save', t).type, 'special');
    }
  });
});

describe('enum values per version', () => {
  test('maxmemory-policy', () => {
    const policies = ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl',
      'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'];
    for (const t of ALL) {
      const v = must('maxmemory-policy', t);
      assert.equal(v.type, 'enum');
      assert.deepEqual([...(v.values ?? [])].sort(), [...policies].sort(), t);
      assert.equal(v.default, 'noeviction', t);
    }
    assert.deepEqual(must('maxmemory-policy', 'redis@7.0').values, policies);
  });

  test('appendfsync', () => {
    for (const t of ALL) {
      const v = must('appendfsync', t);
      assert.deepEqual([...(v.values ?? [])].sort(), ['always', 'everysec', 'no'], t);
      assert.equal(v.default, 'everysec', t);
    }
  });

  test('loglevel gains "nothing" in 7.2 (redis and valkey)', () => {
    for (const t of ['redis@6.0', 'redis@6.2', 'redis@7.0']) {
      assert.deepEqual(must('loglevel', t).values, ['debug', 'verbose', 'notice', 'warning'], t);
    }
    for (const t of ['redis@7.2', 'redis@7.4', 'redis@8.0', 'valkey@7.2', 'valkey@8.0', 'valkey@8.1', 'memurai@4.1']) {
      assert.deepEqual(must('loglevel', t).values, ['debug', 'verbose', 'notice', 'warning', 'nothing'], t);
    }
    for (const t of ALL) assert.equal(must('loglevel', t).default, 'notice', t);
  });

  test('oom-score-adj accepts yes and relative', () => {
    assert.deepEqual(must('oom-score-adj', 'redis@7.0').values, ['no', 'yes', 'relative', 'absolute']);
  });
});

describe('aliases', () => {
  test('slaveof is an alias of replicaof in every target', () => {
    for (const t of ALL) {
      const hit = lookup('slaveof', t);
      assert.equal(hit?.name, 'replicaof', t);
      assert.equal(hit?.spec.type, 'special', t);
      assert.deepEqual(hit?.spec.argc, [2, 2], t);
    }
  });

  test('slave-* names resolve to replica-* names', () => {
    for (const t of ALL) {
      assert.equal(lookup('slave-read-only', t)?.name, 'replica-read-only', t);
      assert.equal(lookup('slave-priority', t)?.name, 'replica-priority', t);
    }
  });

  test('valkey 8 made primaryauth canonical with masterauth as alias', () => {
    for (const t of ['valkey@8.0', 'valkey@8.1']) {
      assert.equal(variant('masterauth', t), undefined, t);
      assert.equal(lookup('masterauth', t)?.name, 'primaryauth', t);
      assert.equal(lookup('masteruser', t)?.name, 'primaryuser', t);
      assert.ok(must('primaryauth', t).flags?.includes('sensitive'));
    }
    for (const t of [...REDIS, 'valkey@7.2', 'memurai@4.1']) {
      assert.ok(variant('masterauth', t), t);
      assert.equal(variant('primaryauth', t), undefined, t);
    }
  });

  test('lua-time-limit is an alias of busy-reply-threshold from 7.0', () => {
    assert.equal(must('lua-time-limit', 'redis@6.2').type, 'int');
    for (const t of SEVEN_PLUS) assert.equal(lookup('lua-time-limit', t)?.name, 'busy-reply-threshold', t);
  });
});

describe('loader directives outside the config table', () => {
  test('include, rename-command, user, loadmodule, sentinel', () => {
    for (const t of ALL) {
      assert.deepEqual(must('include', t).argc, [1, 1], t);
      assert.deepEqual(must('rename-command', t).argc, [2, 2], t);
      assert.deepEqual(must('user', t).argc, [1, -1], t);
      assert.deepEqual(must('loadmodule', t).argc, [1, -1], t);
      assert.deepEqual(must('sentinel', t).argc, [0, -1], t);
      for (const n of ['include', 'rename-command', 'user', 'loadmodule', 'sentinel']) assert.equal(must(n, t).type, 'special');
    }
  });

  test('6.x hand-parsed directives keep their argument counts', () => {
    for (const t of ['redis@6.0', 'redis@6.2']) {
      assert.deepEqual(must('client-output-buffer-limit', t).argc, [4, 4], t);
      assert.deepEqual(must('oom-score-adj-values', t).argc, [3, 3], t);
      assert.deepEqual(must('bind', t).argc, [1, -1], t);
      assert.equal(must('logfile', t).type, 'special', t);
    }
    assert.equal(must('requirepass', 'redis@6.0').type, 'special');
    assert.equal(must('requirepass', 'redis@6.2').type, 'string');
  });

  test('7.0+ multi-arg specials', () => {
    assert.deepEqual(must('bind', 'redis@7.0').argc, [1, 16]);
    assert.deepEqual(must('oom-score-adj-values', 'redis@7.0').argc, [3, 3]);
    assert.deepEqual(must('dir', 'redis@7.0').argc, [1, 1]);
  });
});

describe('memurai', () => {
  test('has redis 7.2 directives plus its own', () => {
    for (const [name, variants] of Object.entries(catalog.directives)) {
      if (name === 'winlog-level' || name === 'instance-name') continue;
      const a = variants.find(v => v.versions.includes('redis@7.2'));
      const b = variants.find(v => v.versions.includes('memurai@4.1'));
      assert.equal(a, b, `${name}: memurai@4.1 shares the redis@7.2 variant`);
    }
    const w = must('winlog-level', 'memurai@4.1');
    assert.equal(w.type, 'enum');
    assert.deepEqual(w.values, ['debug', 'verbose', 'notice', 'warning', 'off']);
    assert.equal(must('instance-name', 'memurai@4.1').type, 'string');
    for (const t of ALL.filter(x => x !== 'memurai@4.1')) {
      assert.equal(variant('winlog-level', t), undefined, t);
      assert.equal(variant('instance-name', t), undefined, t);
    }
  });
});

describe('sentinel subcommands', () => {
  function sub(name: string, target: string) {
    return catalog.sentinel.find(s => s.name === name && s.versions.includes(target));
  }

  test('core subcommands with the argument counts the server checks', () => {
    for (const t of ALL) {
      assert.deepEqual(sub('monitor', t)?.argc, [4, 4], t);
      assert.deepEqual(sub('down-after-milliseconds', t)?.argc, [2, 2], t);
      assert.deepEqual(sub('auth-pass', t)?.argc, [2, 2], t);
      assert.deepEqual(sub('known-sentinel', t)?.argc, [3, 4], t);
      assert.deepEqual(sub('known-replica', t)?.argc, [3, 3], t);
      assert.deepEqual(sub('known-slave', t)?.argc, [3, 3], t);
      assert.deepEqual(sub('myid', t)?.argc, [1, 1], t);
      assert.deepEqual(sub('rename-command', t)?.argc, [3, 3], t);
    }
  });

  test('version gates', () => {
    assert.equal(sub('resolve-hostnames', 'redis@6.0'), undefined);
    assert.ok(sub('resolve-hostnames', 'redis@6.2'));
    assert.equal(sub('sentinel-user', 'redis@6.0'), undefined);
    assert.equal(sub('master-reboot-down-after-period', 'redis@6.2'), undefined);
    assert.ok(sub('master-reboot-down-after-period', 'redis@7.0'));
    assert.ok(sub('primary-reboot-down-after-period', 'valkey@8.0'));
    assert.equal(sub('primary-reboot-down-after-period', 'redis@7.4'), undefined);
  });

  test('no target twice for the same subcommand', () => {
    const seen = new Set<string>();
    for (const s of catalog.sentinel) {
      for (const t of s.versions) {
        const key = `${s.name}@@${t}`;
        assert.ok(!seen.has(key), key);
        seen.add(key);
      }
    }
  });
});

describe('commands and ACL categories', () => {
  test('config, flushall and keys exist for every target', () => {
    for (const t of ALL) {
      for (const c of ['config', 'flushall', 'keys', 'get', 'set', 'debug', 'shutdown']) {
        assert.ok(catalog.commands[t].includes(c), `${c} in ${t}`);
      }
      assert.deepEqual(catalog.commands[t], [...catalog.commands[t]].sort(), `${t} sorted`);
      assert.equal(new Set(catalog.commands[t]).size, catalog.commands[t].length, `${t} unique`);
    }
  });

  test('command gates', () => {
    assert.ok(!catalog.commands['redis@6.0'].includes('getdel'));
    assert.ok(catalog.commands['redis@6.2'].includes('getdel'));
    assert.ok(!catalog.commands['redis@6.2'].includes('function'));
    for (const t of SEVEN_PLUS) assert.ok(catalog.commands[t].includes('function'), t);
    assert.ok(catalog.commands['redis@7.4'].includes('hexpire'));
    assert.ok(!catalog.commands['valkey@8.0'].includes('hexpire'));
    for (const t of ALL) assert.ok(!catalog.commands[t].includes('sentinel'), `sentinel-only command excluded in ${t}`);
  });

  test('subcommands from 7.0', () => {
    assert.deepEqual(catalog.subcommands['redis@6.2'], {});
    for (const t of SEVEN_PLUS) {
      assert.deepEqual(catalog.subcommands[t].config, ['get', 'help', 'resetstat', 'rewrite', 'set'], t);
      assert.ok(catalog.subcommands[t].client.includes('kill'), t);
      assert.ok(catalog.subcommands[t].acl.includes('setuser'), t);
    }
  });

  test('ACL categories', () => {
    for (const t of ALL) {
      for (const c of ['keyspace', 'read', 'write', 'admin', 'dangerous', 'slow', 'fast', 'connection']) {
        assert.ok(catalog.aclCategories[t].includes(c), `${c} in ${t}`);
      }
    }
    // The 21 categories are unchanged from 6.0 through the newest sources, in source order.
    for (const t of ALL) {
      assert.equal(catalog.aclCategories[t].length, 21, t);
      assert.equal(catalog.aclCategories[t][0], 'keyspace', t);
      assert.equal(catalog.aclCategories[t][20], 'scripting', t);
    }
  });
});

describe('released sources (redis 8.0.6, valkey 8.1.1, valkey 9.1.2) and derived targets', () => {
  test('valkey@8.1 knows import-mode and the commandlog-* directives of 8.1.1', () => {
    assert.equal(must('import-mode', 'valkey@8.1').type, 'bool');
    assert.equal(variant('import-mode', 'valkey@8.0'), undefined);
    for (const n of ['commandlog-execution-slower-than', 'commandlog-slow-execution-max-len', 'commandlog-request-larger-than',
      'commandlog-large-request-max-len', 'commandlog-reply-larger-than', 'commandlog-large-reply-max-len']) {
      assert.equal(must(n, 'valkey@8.1').type, 'int', n);
    }
    // 8.1 kept the slowlog names as aliases of the commandlog ones
    assert.equal(lookup('slowlog-log-slower-than', 'valkey@8.1')?.name, 'commandlog-execution-slower-than');
    assert.equal(lookup('slowlog-max-len', 'valkey@8.1')?.name, 'commandlog-slow-execution-max-len');
    assert.ok(catalog.commands['valkey@8.1'].includes('commandlog'));
  });

  test('io-threads goes up to IO_THREADS_MAX_NUM: 128 in valkey 8.0.1 and redis 8.0, 256 in valkey 8.1.1', () => {
    assert.equal(must('io-threads', 'valkey@8.0').max, '128');
    assert.equal(must('io-threads', 'redis@8.0').max, '128');
    assert.equal(must('io-threads', 'valkey@8.1').max, '256');
    assert.equal(must('io-threads', 'valkey@9.1').max, '256');
    assert.ok(must('io-threads', 'valkey@8.1').flags?.includes('immutable'));
    assert.ok(!must('io-threads', 'valkey@9.1').flags?.includes('immutable')); // runtime io-threads since 9.0
  });

  test('redis@8.0 knows repl-rdb-channel (hidden bool, default yes) and deprecated io-threads-do-reads', () => {
    const v = must('repl-rdb-channel', 'redis@8.0');
    assert.equal(v.type, 'bool');
    assert.equal(v.default, 'yes');
    assert.ok(v.flags?.includes('hidden'));
    assert.equal(variant('repl-rdb-channel', 'redis@7.4'), undefined);
    assert.equal(must('io-threads-do-reads', 'redis@8.0').type, 'ignored');
    for (const c of ['hgetdel', 'hgetex', 'hsetex']) assert.ok(catalog.commands['redis@8.0'].includes(c), c);
  });

  test('notify-keyspace-events letters per version, as keyspaceEventsStringToFlags reads them', () => {
    assert.equal(catalog.keyspaceEvents['redis@6.0'], 'Ag$lshzxeKEtm');
    assert.equal(catalog.keyspaceEvents['redis@6.2'], 'Ag$lshzxeKEtmd');
    for (const t of ['redis@7.0', 'redis@7.4', 'redis@8.0', 'valkey@8.1', 'valkey@9.1', 'memurai@4.1']) {
      assert.equal(catalog.keyspaceEvents[t], 'Ag$lshzxeKEtmdn', t);
    }
    assert.equal(catalog.keyspaceEvents['redis@8.2'], 'Ag$lshzxeKEtmdnoc'); // o overwritten, c type changed (8.2 notes)
  });

  test('redis@8.2 is redis@8.0 plus its documented deltas', () => {
    assert.equal(must('cluster-slot-stats-enabled', 'redis@8.2').type, 'bool');
    assert.equal(variant('cluster-slot-stats-enabled', 'redis@8.0'), undefined);
    for (const c of ['xackdel', 'xdelex']) {
      assert.ok(catalog.commands['redis@8.2'].includes(c), c);
      assert.ok(!catalog.commands['redis@8.0'].includes(c), c);
    }
    assert.ok(catalog.subcommands['redis@8.2'].cluster.includes('slot-stats'));
    assert.deepEqual(catalog.aclCategories['redis@8.2'], catalog.aclCategories['redis@8.0']);
  });

  test('valkey@9.0 is valkey@9.1 without what the 9.1 notes add', () => {
    for (const n of ['hash-seed', 'tls-auto-reload-interval', 'cluster-config-save-behavior']) {
      assert.ok(variant(n, 'valkey@9.1'), n);
      assert.equal(variant(n, 'valkey@9.0'), undefined, n);
    }
    assert.deepEqual(must('tls-auth-clients-user', 'valkey@9.0').values, ['cn', 'off']);
    assert.deepEqual(must('log-format', 'valkey@9.0').values, ['legacy', 'logfmt']);
    for (const n of ['cluster-databases', 'mptcp', 'repl-mptcp', 'slot-migration-max-failover-repl-bytes']) {
      assert.ok(variant(n, 'valkey@9.0'), n);
      assert.equal(variant(n, 'valkey@8.1'), undefined, n);
    }
    for (const c of ['delifeq', 'hexpire', 'hsetex']) assert.ok(catalog.commands['valkey@9.0'].includes(c), c);
    for (const c of ['hgetdel', 'msetex', 'clusterscan']) {
      assert.ok(catalog.commands['valkey@9.1'].includes(c), c);
      assert.ok(!catalog.commands['valkey@9.0'].includes(c), c);
    }
  });
});

describe('engine access to the per-version facts', () => {
  test('keyspaceEventLettersOf gives the target letters, and notify-keyspace-events is checked against them', () => {
    assert.equal(keyspaceEventLettersOf('redis@6.0'), 'Ag$lshzxeKEtm');
    assert.equal(keyspaceEventLettersOf('redis@8.2'), 'Ag$lshzxeKEtmdnoc');
    const codes = (text: string, server: string) => lintText(text, { server, fs: null }).map(f => f.code);
    assert.ok(codes('notify-keyspace-events Kn\n', 'redis@6.0').includes('RG118'), 'n is not a class in 6.0');
    assert.ok(codes('notify-keyspace-events Kd\n', 'redis@6.0').includes('RG118'), 'd is not a class in 6.0');
    assert.ok(!codes('notify-keyspace-events Kd\n', 'redis@6.2').includes('RG118'), 'd is a class in 6.2');
    assert.ok(!codes('notify-keyspace-events KEA\n', 'redis@6.0').includes('RG118'));
    assert.ok(codes('notify-keyspace-events Ko\n', 'redis@8.0').includes('RG118'), 'o is new in 8.2');
    assert.ok(!codes('notify-keyspace-events Koc\n', 'redis@8.2').includes('RG118'));
    const f = lintText('notify-keyspace-events Kn\n', { server: 'redis@6.0', fs: null }).find(x => x.code === 'RG118');
    assert.match(f!.message, /use letters from "Ag\$lshzxeKEtm" \(case matters\)/);
  });

  test('resolveTarget knows the new targets; a bare major picks its newest minor', () => {
    assert.deepEqual(resolveTarget('valkey@9'), { id: 'valkey@9.1', flavour: 'valkey', major: 9, minor: 1 });
    assert.equal((resolveTarget('valkey@9.0') as { id: string }).id, 'valkey@9.0');
    assert.equal((resolveTarget('redis@8') as { id: string }).id, 'redis@8.2');
    assert.equal((resolveTarget('redis@8.0.6') as { id: string }).id, 'redis@8.0');
    assert.equal((resolveTarget('valkey') as { id: string }).id, 'valkey@9.1');
  });
});

test('unknown directives: Redis 8 keeps them for modules and aborts at start-up; the others refuse them at their line', () => {
  assert.equal(unknownDirectivesOf('redis@8.0'), 'startup');
  assert.equal(unknownDirectivesOf('redis@8.2'), 'startup');
  for (const t of ['redis@6.0', 'redis@7.0', 'redis@7.4', 'valkey@7.2', 'valkey@8.1', 'valkey@9.1', 'memurai@4.1'] as const) assert.equal(unknownDirectivesOf(t), 'line', t);
  const r8 = lintText('maxmemmory 1gb\nport 6390\n', { server: 'redis@8.0', profile: false });
  assert.deepEqual(verdictOf(r8), { kind: 'refused-startup' });
  assert.match(r8.find(f => f.fatal)!.message, /Did you mean "maxmemory"\?.*refuses it after reading the file/);
  assert.deepEqual(verdictOf(lintText('maxmemmory 1gb\n', { server: 'redis@7.4', profile: false })), { kind: 'refused', line: 1 });
  // without a value it is still refused at its line, and a loaded module may claim it
  assert.deepEqual(verdictOf(lintText('bogus\n', { server: 'redis@8.0', profile: false })), { kind: 'refused', line: 1 });
  const withModule = lintText('loadmodule /opt/m.so\nsearch-workers 4x\n', { server: 'redis@8.0', profile: false });
  assert.equal(withModule.filter(f => f.code === 'RG101').map(f => f.severity).join(), 'warning');
});

test('a validity function that refuses an empty value is a fact per target, with the server\'s own error', () => {
  const empty = (name: string, t: string) => lookupDirective(name, t)?.spec.refusesEmpty;
  assert.equal(empty('dbfilename', 'valkey@8.0'), "dbfilename can't be empty");
  assert.equal(empty('dbfilename', 'redis@8.0'), undefined);
  assert.equal(empty('cluster-config-file', 'valkey@9.1'), "cluster-config-file can't be empty");
  assert.equal(empty('appendfilename', 'redis@7.0'), "appendfilename can't be empty");
  assert.equal(empty('appendfilename', 'redis@6.2'), undefined, "6.2's isValidAOFfilename only refuses paths");
  const fatal = (text: string, t: string) => lintText(text, { server: t, profile: false }).filter(f => f.fatal).map(f => f.code);
  assert.deepEqual(fatal('dbfilename ""\n', 'valkey@8.1'), ['RG118']);
  assert.deepEqual(fatal('dbfilename ""\n', 'redis@8.0'), []);
  assert.deepEqual(fatal('appendfilename ""\n', 'redis@7.0'), ['RG118']);
});

test('memory values past 2^64-1 and hex floats: per target, as each source parses them', () => {
  assert.equal(memoryOverflowOf('valkey@9.1'), 'refuse');
  assert.equal(memoryOverflowOf('valkey@8.1'), 'saturate');
  assert.equal(memoryOverflowOf('redis@8.0'), 'saturate');
  assert.equal(floatParserOf('valkey@9.1'), 'fast-float');
  assert.equal(floatParserOf('valkey@8.1'), 'strtod', "8.1's fast_float is a build option that is off by default");
  assert.equal(floatParserOf('redis@7.0'), 'strtod');
  const fatal = (text: string, t: string) => lintText(text, { server: t, profile: false }).filter(f => f.fatal).map(f => f.code);
  assert.deepEqual(fatal('maxmemory 99999999999999999999\n', 'valkey@9.1'), ['RG107']);
  assert.deepEqual(fatal('maxmemory 99999999999999999999\n', 'valkey@8.1'), []);
  assert.deepEqual(fatal('latency-tracking-info-percentiles 0x1f\n', 'valkey@9.1'), ['RG118']);
  assert.deepEqual(fatal('latency-tracking-info-percentiles 0x1f\n', 'redis@7.0'), []);
  assert.deepEqual(fatal('latency-tracking-info-percentiles +50 99.9\n', 'valkey@9.1'), [], 'fast_float is set to take a leading +');
});
