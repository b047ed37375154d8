/**
 * Reading config files for Add Deployment and member drift within bounds (no `vscode`): regular
 * files only (a FIFO, a device or a socket is skipped after `stat`, never opened, so nothing
 * waits on it), at most 4 MB each and 16 MB in all, the first manifest (`redis-guard.json` or `.redis-guard.yaml`).
 */
import * as fs from 'fs';
import { DEFAULT_LIMITS, isManifestName } from '../../../server/src/engine';

const MAX_FILE_BYTES = DEFAULT_LIMITS.maxTextChars;
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

export interface ConfigFiles {
  files: Array<{ path: string; text: string }>;
  manifest?: { path: string; text: string };
  /** What was left out and why ("x.conf (not a regular file)"), for the message when nothing is found. */
  skipped: string[];
}

/**
 * Reads `paths` (sorted) within the bounds. `openText` gives the text of an open editor (what the
 * user sees, unsaved edits included), else the file is read from disk; `relative` names a file in messages.
 */
export async function readConfigFiles(paths: string[], openText: (path: string) => string | undefined = () => undefined, relative: (path: string) => string = p => p): Promise<ConfigFiles> {
  const out: ConfigFiles = { files: [], skipped: [] };
  let total = 0;
  for (const path of [...paths].sort()) {
    try {
      const st = await fs.promises.stat(path);
      if (!st.isFile()) { out.skipped.push(`${relative(path)} (not a regular file)`); continue; }
      if (st.size > MAX_FILE_BYTES || total + st.size > MAX_TOTAL_BYTES) { out.skipped.push(`${relative(path)} (too large)`); continue; }
      total += st.size;
      const text = openText(path) ?? await fs.promises.readFile(path, 'utf8');
      if (isManifestName(path.replace(/^.*[\\/]/, ''))) { if (!out.manifest) out.manifest = { path, text }; } else out.files.push({ path, text });
    } catch {
      out.skipped.push(`${relative(path)} (unreadable)`);
    }
  }
  return out;
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
