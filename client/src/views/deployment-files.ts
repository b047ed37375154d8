/**
 * The workspace's config files for Add Deployment from Config Files: at most MAX_FILES found by
 * one `workspace.findFiles` (with an exclude), read within bounds by read-bounded.ts, and the
 * deployments in them from the engine's `groupDeployments`.
 */
import { workspace } from 'vscode';
import { groupDeployments, Deployment } from '../../../server/src/engine';
import { ConfigFiles, readConfigFiles } from './read-bounded';

/** The language's file names (package.json `languages`) and the manifest. */
const INCLUDE = '**/{redis.conf,memurai.conf,sentinel.conf,valkey.conf,redis-*.conf,memurai-*.conf,valkey-*.conf,sentinel-*.conf,*.redis.conf,redis-guard.json,.redis-guard.yaml,.redis-guard.yml}';
const EXCLUDE = '**/{node_modules,.git,.hg,.svn,dist,out,.test-tmp}/**';
const MAX_FILES = 256;

/** Reads the config files of the workspace, within the bounds. */
export async function readWorkspaceConfigs(): Promise<ConfigFiles> {
  const uris = (await workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES)).filter(u => u.scheme === 'file');
  const open = new Map(workspace.textDocuments.filter(d => d.uri.scheme === 'file').map(d => [d.uri.fsPath, d]));
  return readConfigFiles(uris.map(u => u.fsPath), p => open.get(p)?.getText(), p => workspace.asRelativePath(p));
}

/** The deployments in the files: the one line that calls the engine. */
export function deploymentsIn(configs: ConfigFiles, server: string | undefined): Deployment[] {
  return groupDeployments(configs.files, { manifest: configs.manifest, server });
}
