/**
 * The deployment side of `redis-guard lint`: a directory argument stands for the config files
 * in it and its subfolders (bounded in count, depth and bytes), each folder's `redis-guard.json`
 * names a deployment, and after the per-file checks the cross-file findings of every deployment
 * are added to the results of the files they are in (docs/deployments.md).
 */
import * as fs from 'fs';
import * as nodePath from 'path';
import { checkDeployment, groupDeployments, isManifestName, nodeFileAccess, DeploymentFinding, Finding, Level, Profile } from '../engine';

/** How far a directory argument is followed. */
export const DIRECTORY_LIMITS = { maxFiles: 1000, maxDepth: 16, maxEntriesPerFolder: 10_000, maxBytes: 64 * 1024 * 1024, maxFileBytes: 4 * 1024 * 1024 };


/** Files a directory argument stands for; `notes` says what was left out and why (reported as RG205 on the directory). */
export interface Expanded { files: string[]; manifests: string[]; notes: Array<{ path: string; message: string }> }

/** Config files are *.conf, except a cluster node's own state file (nodes.conf, nodes-7000.conf), which the server writes. */
const isConfigName = (name: string) => /\.conf$/i.test(name) && !/^nodes(-[^/\\]*)?\.conf$/i.test(name);

/** docker-compose files and Dockerfiles by their usual names: the servers they start are checked too (Kubernetes YAML only when named). */
const isContainerName = (name: string) => /^(docker-)?compose([.-][^/\\]*)?\.ya?ml$/i.test(name) || /^(Dockerfile|Containerfile)([.-][^/\\]*)?$/i.test(name);

/** Expands directory arguments; files given by name pass through as they are (the caller reads and reports them). */
export function expandArguments(paths: string[]): Expanded {
  const out: Expanded = { files: [], manifests: [], notes: [] };
  for (const p of paths) {
    let st: fs.Stats | undefined;
    try { st = p === '-' ? undefined : fs.statSync(p); } catch { st = undefined; }
    if (!st?.isDirectory()) { out.files.push(p); continue; }
    const before = out.files.length;
    let truncated = '';
    const walk = (dir: string, depth: number) => {
      if (truncated) return;
      let names: string[] = [];
      let d: fs.Dir | undefined;
      try {
        d = fs.opendirSync(dir);
        for (let e = d.readSync(); e; e = d.readSync()) {
          if (names.length >= DIRECTORY_LIMITS.maxEntriesPerFolder) { truncated = `${dir} has more than ${DIRECTORY_LIMITS.maxEntriesPerFolder.toLocaleString('en-US')} entries`; break; }
          names.push(e.name);
        }
      } catch { names = []; } finally { try { d?.closeSync(); } catch { /* closed */ } }
      names.sort();
      const folders: string[] = [];
      for (const name of names) {
        const full = nodePath.join(dir, name);
        let kind: fs.Stats;
        // symbolic links are not followed into folders (no loops); a link to a file is read as the file
        try { kind = fs.lstatSync(full); } catch { continue; }
        if (kind.isDirectory()) { if (!name.startsWith('.') && name !== 'node_modules') folders.push(full); continue; }
        if (kind.isSymbolicLink()) { try { if (fs.statSync(full).isDirectory()) continue; } catch { continue; } }
        if (!isManifestName(name) && !isConfigName(name) && !isContainerName(name)) continue;
        // a FIFO is never opened (a read would block), nor a device or socket
        if (!kind.isFile() && !kind.isSymbolicLink()) {
          out.notes.push({ path: full, message: `${name} is ${kind.isFIFO() ? 'a FIFO (named pipe)' : kind.isSocket() ? 'a socket' : 'a device'}, not a regular file: it was not read.` });
          continue;
        }
        if (isManifestName(name)) { out.manifests.push(full); continue; }
        if (out.files.length - before >= DIRECTORY_LIMITS.maxFiles) { truncated = `it holds more than ${DIRECTORY_LIMITS.maxFiles.toLocaleString('en-US')} config files`; return; }
        out.files.push(full);
      }
      for (const f of folders) {
        if (depth >= DIRECTORY_LIMITS.maxDepth) { truncated = `its folders go deeper than ${DIRECTORY_LIMITS.maxDepth} levels`; return; }
        walk(f, depth + 1);
      }
    };
    walk(p, 0);
    if (truncated) out.notes.push({ path: p, message: `Not every config file under this directory was checked: ${truncated}. Redis Guard checks at most ${DIRECTORY_LIMITS.maxFiles.toLocaleString('en-US')} files, ${DIRECTORY_LIMITS.maxDepth} folders deep; name the folders you mean.` });
  }
  return out;
}

/**
 * The texts kept for the cross-file checks, at most DIRECTORY_LIMITS.maxBytes of them together
 * (a run over a thousand large files does not hold them all); a file too large for the engine
 * to check is not kept at all.
 */
export class DeploymentTexts {
  readonly files: Array<{ path: string; text: string }> = [];
  private left = DIRECTORY_LIMITS.maxBytes;

  add(path: string, text: string): void {
    if (path === '-' || text.length > DIRECTORY_LIMITS.maxFileBytes || text.length > this.left) return;
    this.left -= text.length;
    this.files.push({ path, text });
  }
}

export interface Checked { path: string; findings: Finding[]; target: string; against?: string }

/**
 * Groups the checked files (and the manifests found) into deployments, and adds each cross-file
 * finding to the result of the file it is in; a finding in a manifest (RG400) gets a result of its own.
 * Reads manifests through the engine's bounded file access.
 */
export function addDeploymentFindings(results: Checked[], texts: DeploymentTexts, manifests: string[], options: { server?: string; profile: Profile; rules: Record<string, Level> }, notes: Expanded['notes'] = []): void {
  for (const n of notes) results.push({ path: n.path, target: 'directory', findings: [{ line: 0, character: 0, endLine: 0, endCharacter: 0, severity: 'warning', code: 'RG205', fatal: false, message: n.message }] });
  const files = texts.files;
  const byPath = new Map(results.filter(r => r.path !== '-').map(r => [nodePath.resolve(r.path), r]));
  const findings: DeploymentFinding[] = [];
  const manifestOf = new Map<string, { path: string; text: string }>();
  for (const m of manifests) {
    const text = nodeFileAccess.readFile(m, DIRECTORY_LIMITS.maxFileBytes);
    manifestOf.set(nodePath.dirname(nodePath.resolve(m)), { path: m, text: typeof text === 'string' ? text : '' });
  }
  // a folder with a manifest: its deployment as the manifest says; all other files grouped as found
  const named = new Set<string>();
  for (const [folder, manifest] of manifestOf) {
    const inFolder = files.filter(f => nodePath.dirname(nodePath.resolve(f.path)) === folder || nodePath.resolve(f.path).startsWith(folder + nodePath.sep));
    for (const d of groupDeployments(inFolder, { manifest, server: options.server }).filter(d => d.source === 'manifest')) {
      d.members.forEach(m => named.add(m.path));
      findings.push(...checkDeployment(d, inFolder, options));
    }
  }
  const rest = files.filter(f => !named.has(nodePath.resolve(f.path)));
  for (const d of groupDeployments(rest, { server: options.server })) findings.push(...checkDeployment(d, rest, options));
  for (const f of findings) {
    let r = byPath.get(f.path);
    if (!r) {
      r = { path: nodePath.relative(process.cwd(), f.path) || f.path, findings: [], target: 'manifest' };
      results.push(r);
      byPath.set(f.path, r);
    }
    r.findings.push(f);
  }
  for (const r of byPath.values()) r.findings.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** "path:line:col" of a related place, relative to the working directory like the paths given. */
export function placeText(p: { path: string; line: number; character: number }): string {
  return `${nodePath.relative(process.cwd(), p.path) || p.path}:${p.line + 1}:${p.character + 1}`;
}
