/**
 * The workspace's config files for Add Deployment from Config Files, read within bounds: at most
 * MAX_FILES files found by `workspace.findFiles` (with an exclude), regular files only (a FIFO
 * or a device is skipped, never opened), at most 4 MB each and 16 MB in all. The deployments in
 * them come from the engine's `groupDeployments`.
 */
import * as fs from 'fs';
import { workspace } from 'vscode';
import { DEFAULT_LIMITS } from '../../../server/src/engine';
import type { DeploymentLike } from './deployment-model';
import { groupInFolders } from './deployment-fallback';

/** The language's file names (package.json `languages`) and the manifest. */
const INCLUDE = '**/{redis.conf,memurai.conf,sentinel.conf,valkey.conf,redis-*.conf,memurai-*.conf,valkey-*.conf,sentinel-*.conf,*.redis.conf,redis-guard.json}';
const EXCLUDE = '**/{node_modules,.git,.hg,.svn,dist,out,.test-tmp}/**';
export const MAX_FILES = 256;
const MAX_FILE_BYTES = DEFAULT_LIMITS.maxTextChars;
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

export interface WorkspaceConfigs {
  files: Array<{ path: string; text: string }>;
  manifest?: { path: string; text: string };
  /** What was left out, for the message when nothing is found. */
  skipped: string[];
}

/** Reads the config files of the workspace, within the bounds above. */
export async function readWorkspaceConfigs(): Promise<WorkspaceConfigs> {
  const uris = await workspace.findFiles(INCLUDE, EXCLUDE, MAX_FILES);
  const out: WorkspaceConfigs = { files: [], skipped: [] };
  let total = 0;
  for (const uri of [...uris].sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (uri.scheme !== 'file') continue;
    const path = uri.fsPath;
    try {
      const st = await fs.promises.stat(path);
      if (!st.isFile()) { out.skipped.push(`${workspace.asRelativePath(uri)} (not a regular file)`); continue; }
      if (st.size > MAX_FILE_BYTES || total + st.size > MAX_TOTAL_BYTES) { out.skipped.push(`${workspace.asRelativePath(uri)} (too large)`); continue; }
      total += st.size;
      // an unsaved editor is what the user sees; else the file on disk
      const open = workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : await fs.promises.readFile(path, 'utf8');
      if (path.endsWith('redis-guard.json')) { if (!out.manifest) out.manifest = { path, text }; } else out.files.push({ path, text });
    } catch {
      out.skipped.push(`${workspace.asRelativePath(uri)} (unreadable)`);
    }
  }
  return out;
}

/** The deployments in the files: the one line that calls the engine. */
export function deploymentsIn(configs: WorkspaceConfigs, server: string | undefined): DeploymentLike[] {
  return groupInFolders(configs.files, { manifest: configs.manifest, server });
}

/** A member's file text for drift (bounded, regular files only); undefined when it cannot be read. */
export async function readMemberFile(path: string): Promise<string | undefined> {
  try {
    const st = await fs.promises.stat(path);
    if (!st.isFile() || st.size > MAX_FILE_BYTES) return undefined;
    return await fs.promises.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
