/**
 * The checks of the language server, in a worker thread of their own: the engine reads included
 * files synchronously and a check of a hostile file can take long, so none of it runs on the
 * thread that answers the editor (lsp/checker.ts starts this worker and stops it when a check
 * overruns). Keeps the findings of the last check per document, so that quick fixes, which are
 * built only when asked for, can be built here on request.
 */
import { parentPort } from 'worker_threads';
import { deploymentFindingsOf, fixAll, fixAllTracked, isContainerPath, lintDocument, lintWithTarget, nodeFileAccess, resolveTarget, Finding, Fix, Level, Profile, RelatedPlace } from '../engine';
import type { CheckRequest, CheckReply, PlainFinding } from './checker';

const last = new Map<string, { version: number; findings: Finding[] }>();

/** The options of a request as the engine takes them (file access cannot cross threads: it is chosen here). */
function optionsOf(r: { filePath?: string; profile: Profile; rules: Record<string, Level> }) {
  return { filePath: r.filePath, fs: r.filePath ? nodeFileAccess : null, profile: r.profile, rules: r.rules };
}

function plain(f: Finding): PlainFinding {
  return {
    line: f.line, character: f.character, endLine: f.endLine, endCharacter: f.endCharacter,
    severity: f.severity, code: f.code, fatal: f.fatal, message: f.message, details: f.details, serverMessage: f.serverMessage,
    ...('related' in f ? { related: (f as Finding & { related: RelatedPlace[] }).related } : {}),
  };
}

function handle(r: CheckRequest): CheckReply {
  const target = resolveTarget(r.target);
  if ('error' in target) return { id: r.id, error: target.error };
  switch (r.kind) {
    case 'lint': {
      // lintDocument: a docker-compose file, Dockerfile or Kubernetes manifest gets the findings about the servers it starts
      const findings = lintDocument(r.text, target, optionsOf(r));
      // a config file's deployment (its folder's config files and manifest): the cross-file findings placed in this file, after the file's own
      if (r.filePath && !isContainerPath(r.filePath)) {
        try {
          for (const f of deploymentFindingsOf(r.filePath, r.text, nodeFileAccess, { server: target.id, profile: r.profile, rules: r.rules })) findings.push(f);
        } catch { /* a broken folder never breaks the file's own check */ }
      }
      last.delete(r.uri);
      last.set(r.uri, { version: r.version, findings });
      if (last.size > 8) last.delete(last.keys().next().value as string);
      return { id: r.id, findings: findings.map(plain) };
    }
    case 'fixes': {
      const hit = last.get(r.uri);
      const fixes: Fix[][] = r.indices.map(i => (hit && hit.version === r.version ? hit.findings[i]?.fixes ?? [] : []));
      return { id: r.id, fixes };
    }
    case 'fixAll': {
      const lint = (t: string) => lintWithTarget(t, target, optionsOf(r));
      // tracked: each fix tied to the block of lines it changed, for a preview that lists each change (diffed here, off the editor's thread)
      if (r.tracked) return { id: r.id, ...fixAllTracked(r.text, lint, { includeReview: r.includeReview }) };
      const result = fixAll(r.text, lint, { includeReview: r.includeReview });
      return { id: r.id, text: result.text, applied: result.applied };
    }
  }
}

parentPort?.on('message', (r: CheckRequest | { kind: 'forget'; uri: string }) => {
  if (r.kind === 'forget') { last.delete(r.uri); return; }
  let reply: CheckReply;
  try {
    reply = handle(r);
  } catch (e) {
    reply = { id: r.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
parentPort?.postMessage('ready');
