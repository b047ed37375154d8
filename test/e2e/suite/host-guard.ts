/**
 * Imported first by every file of the extension-host suite that uses the `vscode` API.
 *
 * `npm test` runs every .js file under out/test/ with `node --test`, these included.
 * Outside an extension host there is no `vscode` module and no mocha globals, so under
 * node:test this file ends the process quietly (the file counts as passed, with no tests)
 * before the `vscode` import that follows it. Anywhere else it explains how to run them.
 */
const mochaLoaded = typeof (globalThis as { suite?: unknown }).suite === 'function';

if (!mochaLoaded) {
  if (process.env.NODE_TEST_CONTEXT) process.exit(0);
  throw new Error('The extension-host suite runs inside VS Code: npm run test:e2e (code-server) or npm run test:vscode (desktop).');
}

export {};
