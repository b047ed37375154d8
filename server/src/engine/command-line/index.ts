/**
 * Command-line configs: the servers a docker-compose file, a Dockerfile or a Kubernetes
 * manifest starts, checked as the config text their arguments become. See docs/command-line.md.
 *
 * argv.ts (the server's rule), words.ts (how Compose and sh split words), yaml-source.ts,
 * compose.ts, dockerfile.ts, kubernetes.ts (the extractors, each keeping every argument's text
 * range), sites.ts (what they find), lint.ts (the check and where its findings land).
 */
export { lintCommandFile, lintDocument, commandFileKind, checkArgv, extractCommandLines, isContainerPath } from './lint';
export type { CommandFileKind } from './lint';
export { argvToConfig } from './argv';
