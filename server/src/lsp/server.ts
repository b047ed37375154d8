/**
 * Language server: thin LSP glue over the pure engine (lint, hover, completion,
 * outline, include navigation). Runs over stdio or Node IPC.
 */
import * as nodePath from 'path';
import * as fs from 'fs';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, Diagnostic, DiagnosticSeverity,
  CompletionItem, CompletionItemKind, InsertTextFormat, DocumentSymbol, SymbolKind, MarkupKind, Location, Range,
  CodeAction, CodeActionKind, TextEdit, DidChangeConfigurationNotification,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { lintWithTarget, nodeFileAccess, Finding, LintOptions } from '../engine';
import { Fix } from '../engine';
import { fixAll, wholeDocumentEdit } from '../engine';
import { Level, Profile, PROFILES } from '../engine';
import { RULES } from '../engine';
import { parse, ParsedFile } from '../engine';
import { resolveTarget, Target, DEFAULT_TARGET } from '../engine';
import { hover } from '../engine';
import { complete } from '../engine';
import { outline, OutlineNode } from '../engine';
import { includeTargets } from '../engine';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings { server: string; profile: Profile; rules: Record<string, Level> }
const DEFAULT_SETTINGS: Settings = { server: DEFAULT_TARGET, profile: 'production', rules: {} };
export const FIX_ALL_KIND = CodeActionKind.SourceFixAll + '.redisGuard';
export const APPLY_PROFILE_COMMAND = 'redisGuard.server.applyProductionProfile';

function normalise(s: Partial<Settings> | null | undefined): Settings {
  const profile = s?.profile && (PROFILES as readonly string[]).includes(s.profile) ? s.profile : DEFAULT_SETTINGS.profile;
  return { server: s?.server ?? DEFAULT_TARGET, profile, rules: s?.rules && typeof s.rules === 'object' ? s.rules : {} };
}
let hasConfigurationCapability = false;
const settingsCache = new Map<string, Promise<Settings>>();
const pending = new Map<string, { cancel: () => void }>();
/** The last parse of each open document, reused by hover, outline and definition until the next change. */
const parsed = new Map<string, { version: number; file: ParsedFile }>();

function parsedOf(doc: TextDocument): ParsedFile {
  const hit = parsed.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.file;
  const file = parse(doc.getText());
  remember(parsed, doc.uri, { version: doc.version, file });
  return file;
}
/** How long the last check of each document took: quick files are checked at once, slow ones after a pause in typing. */
const lastLintMs = new Map<string, number>();
const docsRoot = nodePath.resolve(__dirname, '..', 'docs');

connection.onInitialize(params => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' '] },
      documentSymbolProvider: true,
      definitionProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      executeCommandProvider: { commands: [APPLY_PROFILE_COMMAND] },
    },
    serverInfo: { name: 'redis-guard' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    connection.client.register(DidChangeConfigurationNotification.type, { section: 'redisGuard' }).catch(() => undefined);
  }
});

let globalSettings: Settings = DEFAULT_SETTINGS;

connection.onDidChangeConfiguration(change => {
  settingsCache.clear();
  const s = change.settings?.redisGuard;
  if (s) globalSettings = normalise(s);
  documents.all().forEach(d => schedule(d, 0));
});

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfigurationCapability) return Promise.resolve(globalSettings);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'redisGuard' })
      .then((s: Partial<Settings> | null) => normalise(s), () => globalSettings);
    settingsCache.set(uri, p);
  }
  return p;
}

async function targetFor(uri: string): Promise<{ target: Target; settings: Settings; warning?: string }> {
  const settings = await settingsFor(uri);
  const t = resolveTarget(settings.server);
  if ('error' in t) return { target: resolveTarget(DEFAULT_TARGET) as Target, settings, warning: `redisGuard.server: ${t.error} Using ${DEFAULT_TARGET}.` };
  return { target: t, settings };
}

/** The lint options every check of a document uses; `profile` overrides the setting (Apply production profile). */
function lintOptions(doc: TextDocument, settings: Settings, profile?: Profile): LintOptions {
  const path = filePathOf(doc.uri);
  return { filePath: path, fs: path ? nodeFileAccess : null, profile: profile ?? settings.profile, rules: settings.rules };
}

/** Lints a document's current text the way the diagnostics do (BOM from disk, settings, file access). */
async function lintDocument(doc: TextDocument): Promise<{ findings: Finding[]; warning?: string }> {
  const { target, settings, warning } = await targetFor(doc.uri);
  const bom = bomOnDisk.get(doc.uri) === true && doc.getText().charCodeAt(0) !== 0xfeff;
  const text = bom ? '\ufeff' + doc.getText() : doc.getText();
  // the parse is shared with hover, outline and definition unless a BOM changes the text
  let findings = lintWithTarget(text, target, { ...lintOptions(doc, settings), parsed: bom ? undefined : parsedOf(doc) });
  // positions on line 0 move back over the BOM the editor does not show; their edits would not fit, so they go
  if (bom) findings = findings.map(f => (f.line === 0 ? withoutFixes(f, Math.max(0, f.character - 1), Math.max(0, f.endCharacter - 1)) : f));
  remember(lastFindings, doc.uri, { version: doc.version, findings });
  return { findings, warning };
}

/** A copy of a finding at other columns of its line, without fixes (and without building them). */
function withoutFixes(f: Finding, character: number, endCharacter: number): Finding {
  const { fixes: _unread, ...rest } = f;
  return { ...rest, character, endCharacter };
}

/** Keeps the entry of the few documents being worked on; the rest are computed again when asked. */
function remember<T>(cache: Map<string, T>, uri: string, value: T): void {
  cache.delete(uri);
  cache.set(uri, value);
  if (cache.size > 4) cache.delete(cache.keys().next().value as string);
}

/**
 * The findings of the last check of each recent document. Quick fixes are built from them
 * when the editor asks for code actions, so diagnostics do not carry edits (most are never opened).
 */
const lastFindings = new Map<string, { version: number; findings: Finding[] }>();

/** The findings of a document's current version: from the last check, or a new one. */
async function currentFindings(doc: TextDocument): Promise<Finding[]> {
  const hit = lastFindings.get(doc.uri);
  if (hit && hit.version === doc.version) return hit.findings;
  return (await lintDocument(doc)).findings;
}

function filePathOf(uri: string): string | undefined {
  return URI.toFilePath(uri);
}

/**
 * VS Code hides a UTF-8 BOM from the document text; the server does not, so look at the
 * file itself. Read once when a document opens and again when it is saved, not per keystroke.
 */
const bomOnDisk = new Map<string, boolean>();

function readBomOnDisk(uri: string): void {
  const path = filePathOf(uri);
  let bom = false;
  if (path) {
    try {
      const fd = fs.openSync(path, 'r');
      const buf = Buffer.alloc(3);
      fs.readSync(fd, buf, 0, 3, 0);
      fs.closeSync(fd);
      bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    } catch { /* not on disk (yet) */ }
  }
  bomOnDisk.set(uri, bom);
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

const hrefs = new Map<string, string>();

function docHref(code: string): string {
  let href = hrefs.get(code);
  if (href === undefined) {
    href = RULES.some(r => r.meta.code === code)
      ? URI.fromFilePath(nodePath.join(docsRoot, 'rules', `${code}.md`))
      : URI.fromFilePath(nodePath.join(docsRoot, 'codes.md')) + '#' + code.toLowerCase();
    hrefs.set(code, href);
  }
  return href;
}

function diagnosticMessage(f: Finding): string {
  return f.fatal ? `${f.message} — the server refuses to start with this file.` : f.message;
}

export function toDiagnostic(f: Finding): Diagnostic {
  const href = docHref(f.code);
  return {
    range: Range.create(f.line, f.character, f.endLine, f.endCharacter),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href },
    source: 'redis-guard',
    message: diagnosticMessage(f),
    data: { fatal: f.fatal },
  };
}

/** The finding a diagnostic was made from: same code, range and message. */
function findingOf(d: Diagnostic, findings: Finding[]): Finding | undefined {
  const r = d.range;
  return findings.find(f => f.code === d.code && f.line === r.start.line && f.character === r.start.character
    && f.endLine === r.end.line && f.endCharacter === r.end.character && diagnosticMessage(f) === d.message);
}

function toTextEdits(fix: Fix): TextEdit[] {
  return fix.edits.map(e => TextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText));
}

connection.onCodeAction(async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const wantQuickFix = !only || only.some(k => CodeActionKind.QuickFix.startsWith(k) || k.startsWith(CodeActionKind.QuickFix));
  if (wantQuickFix) {
    const ours = params.context.diagnostics.filter(d => d.source === 'redis-guard' && d.code);
    const findings = ours.length ? await currentFindings(doc) : [];
    for (const d of ours) {
      const fixes: Fix[] = findingOf(d, findings)?.fixes ?? [];
      fixes.forEach((fix, i) => actions.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: i === 0 && fix.auto,
        edit: { changes: { [doc.uri]: toTextEdits(fix) } },
      }));
    }
  }
  const wantFixAll = !only || only.some(k => FIX_ALL_KIND.startsWith(k) || k === CodeActionKind.Source);
  if (wantFixAll) {
    const before = doc.getText();
    const { target, settings } = await targetFor(doc.uri);
    const options = lintOptions(doc, settings);
    const result = fixAll(before, t => lintWithTarget(t, target, options));
    if (result.text !== before) {
      actions.push({ title: `Fix all auto-fixable problems (${result.applied.length})`, kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: [toWhole(before, result.text)] } } });
    }
  }
  return actions;
});

function toWhole(before: string, after: string): TextEdit {
  const e = wholeDocumentEdit(before, after);
  return TextEdit.replace(Range.create(e.line, e.character, e.endLine, e.endCharacter), e.newText);
}

connection.onExecuteCommand(async params => {
  if (params.command !== APPLY_PROFILE_COMMAND) return null;
  const uri = String(params.arguments?.[0] ?? '');
  const doc = documents.get(uri);
  if (!doc) return { applied: 0, message: 'Open a Redis config file first.' };
  const { target, settings } = await targetFor(doc.uri);
  const before = doc.getText();
  const options = lintOptions(doc, { ...settings, rules: {} }, 'production');
  const result = fixAll(before, t => lintWithTarget(t, target, options));
  if (result.text === before) return { applied: 0, message: 'Nothing to fix automatically for the production profile.' };
  const r = await connection.workspace.applyEdit({ label: 'Apply production profile', edit: { changes: { [uri]: [toWhole(before, result.text)] } } });
  return { applied: r.applied ? result.applied.length : 0, message: r.applied ? `Applied ${result.applied.length} fixes.` : 'The editor did not apply the changes.' };
});

async function validateDocument(doc: TextDocument): Promise<void> {
  const version = doc.version;
  try {
    const { findings, warning } = await lintDocument(doc);
    if (documents.get(doc.uri)?.version !== version) return; // a newer change is on its way
    const diagnostics = findings.map(toDiagnostic);
    if (warning) diagnostics.unshift({ range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Warning, source: 'redis-guard', message: warning });
    connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  } catch (e) {
    // never crash on a file: show the problem as a diagnostic instead
    connection.console.error(`redis-guard: could not check ${doc.uri}: ${(e as Error).message}`);
    connection.sendDiagnostics({ uri: doc.uri, diagnostics: [{ range: Range.create(0, 0, 0, 0), severity: DiagnosticSeverity.Warning, source: 'redis-guard', message: 'Redis Guard could not check this file (internal error); see the output channel.' }] });
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
    void validateDocument(current).finally(() => lastLintMs.set(uri, Date.now() - started));
  };
  // setImmediate still lets changes queued in the same read be applied first, without setTimeout's 1 ms floor
  pending.set(uri, wait === 0 ? { cancel: clearImmediate.bind(null, setImmediate(run)) } : { cancel: clearTimeout.bind(null, setTimeout(run, wait)) });
}

documents.onDidOpen(e => { readBomOnDisk(e.document.uri); schedule(e.document, 0); });
documents.onDidSave(e => { readBomOnDisk(e.document.uri); schedule(e.document, 0); });
documents.onDidChangeContent(e => schedule(e.document));
documents.onDidClose(e => {
  pending.get(e.document.uri)?.cancel();
  pending.delete(e.document.uri);
  parsed.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  lastLintMs.delete(e.document.uri);
  lastFindings.delete(e.document.uri);
  bomOnDisk.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const { target } = await targetFor(doc.uri);
  const h = hover(parsedOf(doc), params.position.line, params.position.character, target);
  if (!h) return null;
  return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: Range.create(h.line, h.start, h.line, h.end) };
});

connection.onCompletion(async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const { target } = await targetFor(doc.uri);
  const line = params.position.line;
  return complete(doc.getText(), line, params.position.character, target).map((e): CompletionItem => ({
    label: e.label,
    kind: e.kind === 'directive' ? CompletionItemKind.Property : e.kind === 'unit' ? CompletionItemKind.Unit : e.kind === 'subcommand' ? CompletionItemKind.Keyword : CompletionItemKind.Value,
    detail: e.detail,
    documentation: e.documentation,
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: Range.create(line, e.replaceStart, line, e.replaceEnd), newText: e.snippet ?? e.label },
  }));
});

function toSymbol(n: OutlineNode): DocumentSymbol {
  const range = Range.create(n.line, n.start, n.endLine, n.end);
  return {
    name: n.name, detail: n.detail, kind: n.kind === 'section' ? SymbolKind.Namespace : SymbolKind.Property,
    range, selectionRange: Range.create(n.line, n.start, n.line, n.kind === 'section' ? n.end : n.start + n.name.length),
    children: n.children.map(toSymbol),
  };
}

connection.onDocumentSymbol(params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return outline(parsedOf(doc)).map(toSymbol);
});

connection.onDefinition(params => {
  const doc = documents.get(params.textDocument.uri);
  const path = doc && filePathOf(doc.uri);
  if (!doc || !path) return null;
  return includeTargets(parsedOf(doc), params.position.line, params.position.character, path, nodeFileAccess)
    .map(t => Location.create(URI.fromFilePath(t.path), Range.create(0, 0, 0, 0)));
});

process.on('uncaughtException', e => connection.console.error(`redis-guard: ${e.message}`));
process.on('unhandledRejection', e => connection.console.error(`redis-guard: ${String(e)}`));

documents.listen(connection);
connection.listen();
