/**
 * The deployment of one file, found the way the language server needs it: the config files of
 * the file's folder and its manifest, read through a FileAccess (bounded: at most
 * FOLDER_LIMITS.maxFiles files of at most maxFileBytes each and maxTotalBytes together), with the file's own current text
 * in place of the one on disk. Returns the cross-file findings placed in that file.
 */
import * as nodePath from 'path';
import type { FileAccess } from '../file-access';
import type { Level, Profile } from '../rules/types';
import type { DeploymentFinding } from './types';
import { groupDeployments, MANIFEST_NAMES } from './group';
import { checkDeployment } from './check';

export const FOLDER_LIMITS = { maxFiles: 64, maxFileBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };

/** Cluster state files (nodes.conf, nodes-7000.conf) are written by the server, not configs. */
const STATE_FILE = /^nodes(-[^/\\]*)?\.conf$/i;

export function deploymentFindingsOf(filePath: string, text: string, fs: FileAccess, options: { server?: string; profile?: Profile; rules?: Record<string, Level> } = {}): DeploymentFinding[] {
  const self = nodePath.resolve(filePath);
  const dir = nodePath.dirname(self);
  const escaped = dir.replace(/[[\]*?\\]/g, c => `\\${c}`);
  const paths = fs.glob(nodePath.join(escaped, '*.conf'), FOLDER_LIMITS.maxFiles).slice(0, FOLDER_LIMITS.maxFiles);
  const files = [{ path: self, text }];
  let budget = FOLDER_LIMITS.maxTotalBytes;
  for (const p of paths) {
    if (budget <= 0) break;
    const abs = nodePath.resolve(p);
    if (abs === self || STATE_FILE.test(nodePath.basename(abs))) continue;
    const t = fs.readFile(abs, FOLDER_LIMITS.maxFileBytes);
    if (typeof t === 'string') { files.push({ path: abs, text: t }); budget -= t.length; }
  }
  if (files.length < 2) return [];
  const manifestPath = MANIFEST_NAMES.map(n => nodePath.join(dir, n)).find(p => fs.stat(p) === 'file');
  const manifestText = manifestPath ? fs.readFile(manifestPath, FOLDER_LIMITS.maxFileBytes) : undefined;
  const manifest = manifestPath && typeof manifestText === 'string' ? { path: manifestPath, text: manifestText } : undefined;
  const out: DeploymentFinding[] = [];
  for (const d of groupDeployments(files, { manifest, server: options.server })) {
    if (!d.members.some(m => m.path === self)) continue;
    for (const f of checkDeployment(d, files, options)) if (f.path === self) out.push(f);
  }
  return out;
}
