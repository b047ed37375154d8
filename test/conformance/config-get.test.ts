/**
 * The catalog against every real server build of the cache (test/helpers/servers.ts), each
 * against the catalog target of its version (redis 7.0.15 -> redis@7.0, valkey 8.1.1 -> valkey@8.1):
 *  - every name `CONFIG GET *` returns is a directive (or alias) of that target in the catalog,
 *  - every catalog default equals what `CONFIG GET` prints on a server started
 *    from an empty config file, except the settings the harness itself sets,
 *  - every catalog directive of a CONFIG-visible kind is returned by the server
 *    (hidden ones are asked for by exact name, as `CONFIG GET *` skips them).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Catalog, DirectiveVariant } from '../../server/src/engine/catalog/types';
import { startRedis, type RunningRedis } from '../helpers/redis-server';
import { missingBuilds, serverBuilds, targetOf } from '../helpers/servers';

/** The source JSON (compiled tests live in out/test/conformance). */
const CATALOG_PATH = path.join(__dirname, '../../../server/src/engine/catalog/catalog.json');

/**
 * Settings whose live value is set by the harness (startRedis), not by the server's defaults.
 * Values equal to the default (logfile "", daemonize no, appendonly no, supervised no) are listed
 * too, so that a harness change cannot silently turn into a catalog failure.
 */
const HARNESS_SET: Record<string, string> = {
  port: 'startRedis passes --port <free port> (never 6379)',
  bind: 'startRedis passes --bind 127.0.0.1 (default "* -::*" would listen on every interface)',
  save: 'startRedis passes --save "" (no RDB snapshots from tests)',
  appendonly: 'startRedis passes --appendonly no',
  dir: 'startRedis passes --dir <its temp dir> (the default is the working directory)',
  logfile: 'startRedis passes --logfile "" (logs to stdout)',
  daemonize: 'startRedis passes --daemonize no',
  pidfile: 'startRedis passes --pidfile <temp dir>/redis.pid',
  supervised: 'startRedis passes --supervised no',
};

/** Directives read by the config loader itself, never visible to CONFIG GET. */
const NOT_CONFIG_GET_TYPES = new Set(['ignored']);
const LOADER_DIRECTIVES = new Set(['include', 'rename-command', 'user', 'loadmodule', 'sentinel']);

const catalog = JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as Catalog;

function variantFor(variants: DirectiveVariant[], target: string): DirectiveVariant | undefined {
  return variants.find(v => v.versions.includes(target));
}

/** Canonical name + variant for a name as the server prints it (canonical or alias). */
function lookup(target: string, name: string): { name: string; spec: DirectiveVariant } | undefined {
  const direct = catalog.directives[name] && variantFor(catalog.directives[name], target);
  if (direct) return { name, spec: direct };
  for (const [canonical, variants] of Object.entries(catalog.directives)) {
    const v = variantFor(variants, target);
    if (v?.aliases?.includes(name)) return { name: canonical, spec: v };
  }
  return undefined;
}

/** redis-cli (non-tty) prints CONFIG GET as alternating name / value lines. */
function parsePairs(out: string): Map<string, string> {
  const lines = out.replace(/\n$/, '').split('\n');
  assert.equal(lines.length % 2, 0, `odd number of lines from CONFIG GET:\n${out}`);
  const m = new Map<string, string>();
  for (let i = 0; i < lines.length; i += 2) m.set(lines[i], lines[i + 1]);
  return m;
}

const builds = serverBuilds();

test('the server builds are in the cache', () => {
  assert.equal(missingBuilds(builds), undefined);
});

for (const build of builds) {
  const target = targetOf(build);
  describe(`${build.id} (${build.flavour} ${build.version}) against ${target}`, () => {
    let server: RunningRedis | undefined;
    let all = new Map<string, string>();

    before(async () => {
      assert.ok(catalog.targets.includes(target), `${target} is not a catalog target`);
      server = await startRedis({ binary: build.server, cliBinary: build.cli, config: '' });
      all = parsePairs(await server.cli('CONFIG', 'GET', '*'));
    });
    after(async () => { await server?.stop(); });

    test(`CONFIG GET * names are all ${target} directives of the catalog`, () => {
      assert.ok(all.size > 150, `CONFIG GET * returned only ${all.size} settings`);
      const unknown = [...all.keys()].filter(n => !lookup(target, n));
      assert.deepEqual(unknown, [], `names CONFIG GET * returns that the catalog does not know for ${target}`);
    });

    test(`catalog defaults equal the live defaults of ${build.flavour} ${build.version}`, async () => {
      const diffs: string[] = [];
      const values = new Map(all);
      // hidden configs are not matched by '*' but can be fetched by exact name
      for (const [name, variants] of Object.entries(catalog.directives)) {
        const v = variantFor(variants, target);
        if (v?.flags?.includes('hidden') && !values.has(name)) {
          const got = parsePairs(await server!.cli('CONFIG', 'GET', name));
          for (const [k, val] of got) values.set(k, val);
        }
      }
      for (const [name, live] of values) {
        if (name in HARNESS_SET) continue;
        const hit = lookup(target, name);
        if (!hit) continue; // reported by the previous test
        if (hit.spec.default !== live) {
          diffs.push(`${name}${hit.name !== name ? ` (alias of ${hit.name})` : ''}: server ${JSON.stringify(live)} catalog ${JSON.stringify(hit.spec.default)}`);
        }
      }
      assert.deepEqual(diffs, [], `defaults differ:\n${diffs.join('\n')}`);
    });

    test(`every CONFIG-visible ${target} catalog directive exists on the server`, async () => {
      const missing: string[] = [];
      for (const [name, variants] of Object.entries(catalog.directives)) {
        const v = variantFor(variants, target);
        if (!v || NOT_CONFIG_GET_TYPES.has(v.type) || LOADER_DIRECTIVES.has(name)) continue;
        if (all.has(name)) continue;
        if (v.flags?.includes('hidden')) {
          const got = parsePairs(await server!.cli('CONFIG', 'GET', name));
          if (got.has(name)) continue;
        }
        missing.push(`${name} (${v.type})`);
      }
      assert.deepEqual(missing, [], `catalog lists these for ${target} but the server does not know them`);
    });

    test('harness exceptions are real settings', () => {
      for (const name of Object.keys(HARNESS_SET)) assert.ok(all.has(name), `${name} is not a CONFIG GET setting`);
    });
  });
}
