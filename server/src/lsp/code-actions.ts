/** Quick fixes (built on request from the last check's findings), Fix all, and the Apply production profile command. */
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver/node';
import { wholeDocumentEdit, Fix } from '../engine';
import type { ServerContext } from './context';
import { diagnosticMessage } from './diagnostics';
import type { DocumentFinding } from './documents';
import { CheckTimeout } from './checker';

export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.redisGuard';
export const APPLY_PROFILE_COMMAND = 'redisGuard.server.applyProductionProfile';

/** The finding a diagnostic was made from: same code, range and message. */
function findingOf(d: Diagnostic, findings: DocumentFinding[]): DocumentFinding | undefined {
  const r = d.range;
  return findings.find(f => f.code === d.code && f.line === r.start.line && f.character === r.start.character
    && f.endLine === r.end.line && f.endCharacter === r.end.character && diagnosticMessage(f) === d.message);
}

function toTextEdits(fix: Fix): TextEdit[] {
  return fix.edits.map(e => TextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText));
}

function toWhole(before: string, after: string): TextEdit {
  const e = wholeDocumentEdit(before, after);
  return TextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText);
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
    }
    const wantFixAll = !only || only.some(k => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.Source);
    if (wantFixAll) {
      const before = doc.getText();
      // a fix-all that overruns the check time limit offers nothing rather than failing the request
      const result = await cache.fixAll(doc).catch(() => ({ text: before, applied: [] as unknown[] }));
      if (result.text !== before) {
        actions.push({ title: `Fix all auto-fixable problems (${result.applied.length})`, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [toWhole(before, result.text)] } } });
      }
    }
    return actions;
  });

  connection.onExecuteCommand(async params => {
    if (params.command !== APPLY_PROFILE_COMMAND) return null;
    const uri = String(params.arguments?.[0] ?? '');
    const doc = documents.get(uri);
    if (!doc) return { applied: 0, message: 'Open a Redis config file first.' };
    const before = doc.getText();
    let result;
    try {
      result = await cache.fixAll(doc, 'production');
    } catch (e) {
      return { applied: 0, message: `Could not apply the production profile: ${e instanceof CheckTimeout ? `the check ${e.message}` : 'internal error'}.` };
    }
    if (result.text === before) return { applied: 0, message: 'Nothing to fix automatically for the production profile.' };
    const r = await connection.workspace.applyEdit({ label: 'Apply production profile', edit: { changes: { [uri]: [toWhole(before, result.text)] } } });
    return { applied: r.applied ? result.applied.length : 0, message: r.applied ? `Applied ${result.applied.length} fixes.` : 'The editor did not apply the changes.' };
  });
}
