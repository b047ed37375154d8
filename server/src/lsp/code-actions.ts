/**
 * The light bulb (quick fixes built on request from the last check's findings, "Disable RGxxx for
 * this line / file", "Show documentation for RGxxx"), Fix all (safe fixes only), and the Apply
 * production profile command (every fix; those that change behaviour are applied only once ticked
 * in VS Code's refactor preview).
 */
import * as path from 'path';
import {
  AnnotatedTextEdit, ChangeAnnotation, CodeAction, CodeActionKind, Diagnostic, Range, TextDocumentEdit, TextEdit,
} from 'vscode-languageserver/node';
import { canSuppress, disableFileEdit, disableLineEdit, docPage, lineHunks, DOCS_ROOT, wholeDocumentEdit, AppliedFix, Edit, Fix, ProfileChange } from '../engine';
import type { ServerContext } from './context';
import { diagnosticMessage } from './diagnostics';
import type { DocumentFinding } from './documents';
import { CheckTimeout } from './checker';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.redisGuard';
export const APPLY_PROFILE_COMMAND = 'redisGuard.server.applyProductionProfile';
/** The extension's Open Documentation (client/src/docs.ts): a page of the package, rendered in the Markdown preview. */
const OPEN_DOCS_COMMAND = 'redisGuard.openDocs';

/** The finding a diagnostic was made from: same code, range and message. */
function findingOf(d: Diagnostic, findings: DocumentFinding[]): DocumentFinding | undefined {
  const r = d.range;
  return findings.find(f => f.code === d.code && f.line === r.start.line && f.character === r.start.character
    && f.endLine === r.end.line && f.endCharacter === r.end.character && diagnosticMessage(f) === d.message);
}

function toTextEdit(e: Edit): TextEdit {
  return TextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText);
}

function toTextEdits(fix: Fix): TextEdit[] {
  return fix.edits.map(toTextEdit);
}

/** A code's documentation page as the package names it ("docs/rules/RG331.md", "docs/codes.md#rg113"). */
function docsPage(code: string): string {
  const { file, anchor } = docPage(code);
  return ['docs', ...path.relative(DOCS_ROOT, file).split(path.sep)].join('/') + (anchor ? `#${anchor}` : '');
}

/** Fix codes whose fixes may write a new password. */
const PASSWORD_CODES = new Set(['RG301', 'RG302', 'RG303']);

function writesPassword(f: AppliedFix): boolean {
  return PASSWORD_CODES.has(f.code) && /password/i.test(f.title);
}

/** Titles in order, each once, with how many times it was applied. */
function titles(fixes: AppliedFix[]): string[] {
  const counts = new Map<string, number>();
  for (const f of fixes) counts.set(f.title, (counts.get(f.title) ?? 0) + 1);
  return [...counts].map(([t, n]) => (n > 1 ? `${t} (×${n})` : t));
}

/** Where a new password went, by directive (never the value): "requirepass", "user default". */
function passwordPlace(h: ProfileChange['hunk'], after: string[]): string {
  for (const raw of after.slice(h.newStart, h.newEnd)) {
    const words = raw.trim().split(/\s+/);
    const name = words[0]?.toLowerCase();
    if (name === 'user' && words[1]) return `user ${words[1]}`;
    if (name === 'requirepass' || name === 'masterauth' || name === 'primaryauth') return name;
  }
  return 'the config';
}

const CLIENTS = 'update every client (and masterauth on every replica) with it before the server restarts with this file';

/** Where a change writes a new password (by directive, never the value), or undefined. */
function passwordOf({ hunk, fixes }: ProfileChange, after: string[]): string | undefined {
  return fixes.some(writesPassword) ? passwordPlace(hunk, after) : undefined;
}

/**
 * The production profile's changes as one edit per block of changed lines, each annotated with
 * the fixes it carries. Those that change behaviour need confirmation: VS Code shows them in its
 * refactor preview, unticked until the user ticks them; the safe ones are ticked already.
 */
function profileEdit(uri: string, version: number, after: string[], changes: ProfileChange[]) {
  const annotations: Record<string, ChangeAnnotation> = {};
  const edits: AnnotatedTextEdit[] = [];
  changes.forEach((change, i) => {
    const review = change.fixes.some(f => f.safety === 'review');
    const place = passwordOf(change, after);
    const description = [
      review ? 'Changes behaviour: tick it once you have checked it.' : 'Changes nothing clients rely on.',
      place ? `Writes a new random password to ${place}, shown here once: ${CLIENTS}.` : '',
    ].filter(Boolean).join(' ');
    const id = `redis-guard-${i}`;
    annotations[id] = { label: titles(change.fixes).join('; ') || 'Change for the production profile', description, needsConfirmation: review };
    const e = change.hunk.edit;
    edits.push(AnnotatedTextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText, id));
  });
  return { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)], changeAnnotations: annotations };
}

/** The changes the document now holds (the preview may have left some out). */
function keptChanges(before: string, now: string, changes: ProfileChange[]): ProfileChange[] {
  const actual = lineHunks(before, now);
  return changes.filter(c => actual.some(a => a.start === c.hunk.start && a.end === c.hunk.end && a.edit.newText === c.hunk.edit.newText));
}

/**
 * The document's text after an edit the editor applied: the editor may answer the request before
 * it sends the change, so wait for the next version (a moment at most; none comes when the
 * preview kept nothing).
 */
function textAfterEdit(documents: ServerContext['documents'], uri: string, version: number, ms = 3000): Promise<string> {
  return new Promise(resolve => {
    const current = documents.get(uri);
    if (!current || current.version !== version) { resolve(current?.getText() ?? ''); return; }
    const done = (text: string) => { clearTimeout(timer); sub.dispose(); resolve(text); };
    const timer = setTimeout(() => done(documents.get(uri)?.getText() ?? ''), ms);
    const sub = documents.onDidChangeContent(e => { if (e.document.uri === uri && e.document.version !== version) done(e.document.getText()); });
  });
}

export function registerCodeActions({ connection, documents, cache }: ServerContext): void {
  connection.onCodeAction(async params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    const wantQuickFix = !only || only.some(k => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
    if (wantQuickFix) {
      const ours = params.context.diagnostics.filter(d => d.source === 'redis-guard' && d.code);
      const findings = ours.length ? await cache.currentFindings(doc) : [];
      const matched = ours.map(d => ({ d, f: findingOf(d, findings) })).filter((m): m is { d: Diagnostic; f: DocumentFinding } => m.f !== undefined);
      const fixes = matched.length ? await cache.fixesOf(doc, matched.map(m => m.f)).catch(() => []) : [];
      matched.forEach(({ d }, k) => (fixes[k] ?? []).forEach((fix, i) => actions.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0 && fix.safety === 'safe',
        edit: { changes: { [doc.uri]: toTextEdits(fix) } },
      })));
      // suppression comments silence rules only, and only findings of the current text (a stale line would be the wrong one)
      const seen = new Set<string>();
      const once = (a: CodeAction) => { if (!seen.has(a.title)) { seen.add(a.title); actions.push(a); } };
      for (const { d, f } of matched) {
        if (f.fatal || !canSuppress(f.code)) continue;
        const file = cache.parsedOf(doc);
        const line = disableLineEdit(file, f.code, f.line);
        if (line) once({ title: `Disable ${f.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [toTextEdit(line)] } } });
        once({ title: `Disable ${f.code} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [doc.uri]: [toTextEdit(disableFileEdit(file, f.code))] } } });
      }
      for (const d of ours) {
        const code = String(d.code);
        once({ title: `Show documentation for ${code}`, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title: `Show documentation for ${code}`, command: OPEN_DOCS_COMMAND, arguments: [docsPage(code)] } });
      }
    }
    const wantFixAll = !only || only.some(k => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.Source);
    if (wantFixAll) {
      const before = doc.getText();
      // safe fixes only; a fix-all that overruns the check time limit offers nothing rather than failing the request
      const result = await cache.fixAll(doc).catch(() => ({ text: before, applied: [] as unknown[] }));
      if (result.text !== before) {
        actions.push({ title: `Fix all auto-fixable problems (${result.applied.length})`, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [toTextEdit(wholeDocumentEdit(before, result.text))] } } });
      }
    }
    return actions;
  });

  connection.onExecuteCommand(async params => {
    if (params.command !== APPLY_PROFILE_COMMAND) return null;
    const uri = String(params.arguments?.[0] ?? '');
    const doc = documents.get(uri);
    if (!doc) return { applied: 0, message: 'Open a Redis config file first.' };
    const { version } = doc;
    const before = doc.getText();
    let result;
    try {
      result = await cache.fixAll(doc, { profile: 'production', includeReview: true, tracked: true });
    } catch (e) {
      return { applied: 0, message: `Could not apply the production profile: ${e instanceof CheckTimeout ? `the check ${e.message}` : 'internal error'}.` };
    }
    if (!result.changes?.length) return { applied: 0, message: 'Nothing to change for the production profile.' };
    const after = result.text.split('\n');
    const r = await connection.workspace.applyEdit({ label: 'Apply production profile', edit: profileEdit(uri, version, after, result.changes) });
    // what the document holds once the editor's change has arrived is what the preview kept
    const kept = r.applied ? keptChanges(before, await textAfterEdit(documents, uri, version), result.changes) : [];
    if (!kept.length) return { applied: 0, message: 'Nothing was changed.' };
    const fixes = kept.flatMap(c => c.fixes);
    const left = result.changes.filter(c => !kept.includes(c)).flatMap(c => c.fixes);
    const passwords = new Set(kept.map(c => passwordOf(c, after)).filter((p): p is string => p !== undefined));
    const message = [
      `Applied ${fixes.length} ${fixes.length === 1 ? 'fix' : 'fixes'} for the production profile: ${titles(fixes).join('; ')}.`,
      left.length ? `Left out in the preview: ${titles(left).join('; ')}.` : '',
      ...[...passwords].map(p => `A new password is in ${p}: ${CLIENTS}.`),
    ].filter(Boolean).join(' ');
    return { applied: fixes.length, message };
  });
}
