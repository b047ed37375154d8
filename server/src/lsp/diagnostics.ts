/** Checks documents as they open, change and save, and publishes the findings as diagnostics. */
import * as path from 'path';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { docPage, Finding } from '../engine';
import type { ServerContext } from './context';
import { CheckTimeout, PlainFinding } from './checker';
import { URI } from './uri';
import { fileNameOf } from './settings';

/** Diagnostics published per document; a file with more gets these (the most severe first) and one that counts the rest. */
export const MAX_DIAGNOSTICS = 1000;

/** How long one check may run in the worker before it is stopped. */
export const CHECK_TIMEOUT_MS = 5000;

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

const hrefs = new Map<string, string>();

function docHref(code: string): string {
  let href = hrefs.get(code);
  if (href === undefined) {
    const { file, anchor } = docPage(code);
    href = URI.fromFilePath(file) + (anchor ? `#${anchor}` : '');
    hrefs.set(code, href);
  }
  return href;
}

export function diagnosticMessage(f: Pick<Finding, 'fatal' | 'message'>): string {
  return f.fatal ? `${f.message} — the server refuses to start with this file.` : f.message;
}

export function toDiagnostic(f: PlainFinding): Diagnostic {
  return {
    range: Range.create(f.line, f.character, f.endLine, f.endCharacter),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: docHref(f.code) },
    source: 'redis-guard',
    message: diagnosticMessage(f),
    data: { fatal: f.fatal },
    ...(f.related?.length ? {
      relatedInformation: f.related.map(p => ({ location: { uri: URI.fromFilePath(p.path), range: Range.create(p.line, p.character, p.endLine, p.endCharacter) }, message: p.message })),
    } : {}),
  };
}

const RANK: Record<Finding['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * At most MAX_DIAGNOSTICS diagnostics, in the document's order, chosen fatal findings first, then
 * those that say what was not checked (RG205), then by severity, so that what stops the server is
 * never among those left out; then one that says how many more there are.
 */
function capped(findings: PlainFinding[]): Diagnostic[] {
  if (findings.length <= MAX_DIAGNOSTICS) return findings.map(toDiagnostic);
  const order = findings.map((f, i) => i).sort((a, b) => {
    const fa = findings[a], fb = findings[b];
    return Number(fb.fatal) - Number(fa.fatal) || Number(fb.code === 'RG205') - Number(fa.code === 'RG205') || RANK[fa.severity] - RANK[fb.severity] || a - b;
  });
  const kept = order.slice(0, MAX_DIAGNOSTICS).sort((a, b) => a - b).map(i => toDiagnostic(findings[i]));
  kept.push({
    range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Information, source: 'redis-guard', code: 'RG205',
    message: `${(findings.length - MAX_DIAGNOSTICS).toLocaleString('en-US')} more problems are not shown: Redis Guard shows at most ${MAX_DIAGNOSTICS.toLocaleString('en-US')} per file (redis-guard lint lists them all).`,
  });
  return kept;
}

/** The folder of a file: URI (undefined for other schemes). */
function folderOf(uri: string): string | undefined {
  const p = URI.toFilePath(uri);
  return p === undefined ? undefined : path.dirname(p);
}

export function registerDiagnostics({ connection, documents, settings, cache }: ServerContext): void {
  const pending = new Map<string, { cancel: () => void }>();
  /** How long the last check of each document took: quick files are checked at once, slow ones after a pause in typing. */
  const lastLintMs = new Map<string, number>();

  async function validate(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const started = Date.now();
    try {
      const { findings, warning } = await cache.lint(doc);
      if (documents.get(doc.uri)?.version !== version) return; // a newer change is on its way
      const t = await settings.targetOf(doc.uri);
      connection.console.debug(`Checked ${fileNameOf(doc.uri)} (version ${version}) against ${t.target.id} (from the ${t.targetSource}), profile ${t.profile}: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${Date.now() - started} ms`);
      const diagnostics = capped(findings);
      if (warning) diagnostics.unshift({ range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Warning, source: 'redis-guard', message: warning });
      connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
    } catch (e) {
      if (documents.get(doc.uri)?.version !== version) return;
      // never crash on a file: say what happened instead
      const message = e instanceof CheckTimeout
        ? `Redis Guard stopped checking this file after ${e.ms / 1000} s; nothing in it was checked. Hover and outline still work.`
        : 'Redis Guard could not check this file (internal error); see the output channel.';
      if (e instanceof CheckTimeout) connection.console.warn(`Stopped checking ${fileNameOf(doc.uri)} after ${e.ms / 1000} s`);
      else connection.console.error(`Could not check ${fileNameOf(doc.uri)}: ${(e as Error).message}`);
      connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [{ range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Warning, source: 'redis-guard', code: 'RG205', message }] });
    }
  }

  function schedule(doc: TextDocument, delay?: number): void {
    const uri = doc.uri;
    pending.get(uri)?.cancel();
    const took = lastLintMs.get(uri) ?? 0;
    // changes that arrive together are coalesced; a file that takes long to check waits for a pause
    const wait = delay ?? (took < 10 ? 0 : Math.min(200, took * 2));
    const run = () => {
      pending.delete(uri);
      const current = documents.get(uri);
      if (!current) return;
      const started = Date.now();
      void validate(current).finally(() => lastLintMs.set(uri, Date.now() - started));
    };
    // setImmediate still lets changes queued in the same read be applied first, without setTimeout's 1 ms floor
    pending.set(uri, wait === 0 ? { cancel: clearImmediate.bind(null, setImmediate(run)) } : { cancel: clearTimeout.bind(null, setTimeout(run, wait)) });
  }

  connection.onDidChangeConfiguration(change => {
    settings.changed(change.settings);
    documents.all().forEach(d => schedule(d, 0));
  });
  documents.onDidOpen(e => { cache.readBomOnDisk(e.document.uri); schedule(e.document, 0); });
  documents.onDidSave(e => {
    cache.readBomOnDisk(e.document.uri);
    schedule(e.document, 0);
    // the other open files of its folder may be members of its deployment: their cross-file findings read this file from disk
    const folder = folderOf(e.document.uri);
    if (folder) documents.all().filter(d => d.uri !== e.document.uri && folderOf(d.uri) === folder).forEach(d => schedule(d, 0));
  });
  documents.onDidChangeContent(e => schedule(e.document));
  documents.onDidClose(e => {
    const uri = e.document.uri;
    pending.get(uri)?.cancel();
    pending.delete(uri);
    lastLintMs.delete(uri);
    cache.forget(uri);
    settings.forget(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] });
  });
}
