/// <reference types="mocha" />
/**
 * SIDEBAR TESTS GO HERE (Redis Guard view container: health tree against a live server).
 *
 * To be written by whoever lands the sidebar. What is ready for them:
 *  - a live, throw-away redis-server on a free port (never 6379):
 *      import { startRedis } from '../../helpers/redis-server';
 *      const redis = await startRedis();   // redis.port, redis.cli(...), await redis.stop()
 *    (it runs in the extension host's Node, so it works under code-server and test-electron);
 *  - helpers.ts: waitFor(), workspaceUri(), EXTENSION_ID;
 *  - test/e2e/run.mjs takes the screenshot docs/images/sidebar-health.png once package.json
 *    contributes a `redisGuard` view container (see sidebarCheck() there; adjust how it
 *    configures the connection to match the real settings).
 * Ideas: the tree data provider's children for a configured connection, the password kept in
 * SecretStorage (context.secrets) and never in settings.json, a stopped server shown as an error item.
 */
import './host-guard';

suite('Sidebar (health view)', () => {
  // tests to come with the sidebar
});
