/**
 * Every server build that scripts/fetch-servers.sh provides is there and really runs here:
 * it starts with a config file of ours on a free loopback port, says which version it is,
 * and answers CONFIG GET *. The conformance and catalog checks against these builds stand on this.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXPECTED_BUILDS, missingBuilds, serverBuilds } from '../helpers/servers';
import { startRedis } from '../helpers/redis-server';

const builds = serverBuilds();

test('every expected build is in the cache', () => {
  assert.equal(missingBuilds(builds), undefined);
  assert.equal(new Set(builds.map(b => b.id)).size, builds.length, 'ids are unique');
});

for (const expected of EXPECTED_BUILDS) {
  const build = builds.find(b => b.flavour === expected.flavour && b.suite === expected.suite);
  test(`${expected.flavour} from ${expected.suite}${build ? ` (${build.version})` : ''} starts, reports its version and answers CONFIG GET *`, async () => {
    assert.ok(build, missingBuilds(builds));
    const s = await startRedis({ binary: build.server, cliBinary: build.cli, config: 'maxmemory 64mb\nmaxmemory-policy noeviction\n' });
    try {
      const info = await s.cli('INFO', 'server');
      const version = new RegExp(`^${build.flavour}_version:(\\S+)`, 'm').exec(info)?.[1];
      assert.equal(version, build.version, info);
      assert.match(info, /^(redis|server)_mode:standalone\r?$/m); // Valkey says server_mode
      const config = (await s.cli('CONFIG', 'GET', '*')).split('\n');
      const at = config.indexOf('maxmemory-policy');
      assert.ok(at >= 0 && config[at + 1] === 'noeviction', 'the config file of ours was read');
      assert.ok(config.length > 300, `${config.length / 2} parameters`);
    } finally {
      await s.stop();
    }
  });
}
