/**
 * Language server: thin LSP glue over the pure engine (lint, hover, completion,
 * outline, include navigation). Runs over stdio or Node IPC.
 */
import * as nodePath from 'path';
import * as fs from 'fs';
import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, Diagnostic, DiagnosticSeverity,
  CompletionItem, CompletionItemKind, InsertTextFormat, DocumentSymbol, SymbolKind, MarkupKind, Location, Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';
import { lintWithTarget, nodeFileAccess, Finding } from './lint';
import { parse } from './parse';
import { resolveTarget, Target, DEFAULT_TARGET } from './catalog';
import { hover } from './hover';
import { complete } from './completion';
import { outline, OutlineNode } from './symbols';
import { includeTargets } from './definition';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

interface Settings { server: string }
let hasConfigurationCapability = false;
const settingsCache = new Map<string, Promise<Settings>>();
const pending = new Map<string, NodeJS.Timeout>();
const DEBOUNCE_MS = 120;
const docsRoot = nodePath.resolve(__dirname, '..', 'docs');

connection.onInitialize(params => {
  hasConfigurationCapability = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' '] },
      documentSymbolProvider: true,
      definitionProvider: true,
    },
    serverInfo: { name: 'redis-guard' },
  };
});

connection.onInitialized(() => {
  if (hasConfigurationCapability) {
    connection.client.register(require('vscode-languageserver/node').DidChangeConfigurationNotification.type, { section: 'redisGuard' }).catch(() => undefined);
  }
});

let globalSettings: Settings = { server: DEFAULT_TARGET };

connection.onDidChangeConfiguration(change => {
  settingsCache.clear();
  const s = change.settings?.redisGuard;
  if (s) globalSettings = { server: s.server ?? DEFAULT_TARGET };
  documents.all().forEach(d => schedule(d, 0));
});

function settingsFor(uri: string): Promise<Settings> {
  if (!hasConfigurationCapability) return Promise.resolve(globalSettings);
  let p = settingsCache.get(uri);
  if (!p) {
    p = connection.workspace.getConfiguration({ scopeUri: uri, section: 'redisGuard' })
      .then((s: Partial<Settings> | null) => ({ server: s?.server ?? DEFAULT_TARGET }), () => globalSettings);
    settingsCache.set(uri, p);
  }
  return p;
}

async function targetFor(uri: string): Promise<{ target: Target; warning?: string }> {
  const s = await settingsFor(uri);
  const t = resolveTarget(s.server);
  if ('error' in t) return { target: resolveTarget(DEFAULT_TARGET) as Target, warning: `redisGuard.server: ${t.error} Using ${DEFAULT_TARGET}.` };
  return { target: t };
}

function filePathOf(uri: string): string | undefined {
  return URI.toFilePath(uri);
}

/** VS Code hides a UTF-8 BOM from the document text; the server does not, so look at the file itself. */
function hasBomOnDisk(path: string | undefined, text: string): boolean {
  if (!path || text.charCodeAt(0) === 0xfeff) return false;
  try {
    const fd = fs.openSync(path, 'r');
    const buf = Buffer.alloc(3);
    fs.readSync(fd, buf, 0, 3, 0);
    fs.closeSync(fd);
    return buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  } catch {
    return false;
  }
}

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(f: Finding): Diagnostic {
  const href = URI.fromFilePath(nodePath.join(docsRoot, 'codes.md')) + '#' + f.code.toLowerCase();
  return {
    range: Range.create(f.line, f.character, f.endLine, f.endCharacter),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href },
    source: 'redis-guard',
    message: f.fatal ? `${f.message} — the server refuses to start with this file.` : f.message,
    data: { fatal: f.fatal },
  };
}

async function validateDocument(doc: TextDocument): Promise<void> {
  const version = doc.version;
  try {
    const { target, warning } = await targetFor(doc.uri);
    const path = filePathOf(doc.uri);
    let text = doc.getText();
    const bomShift = hasBomOnDisk(path, text);
    if (bomShift) text = '\ufeff' + text;
    let findings = lintWithTarget(text, target, { filePath: path, fs: path ? nodeFileAccess : null });
    if (bomShift) findings = findings.map(f => (f.line === 0 ? { ...f, character: Math.max(0, f.character - 1), endCharacter: Math.max(0, f.endCharacter - 1) } : f));
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

function schedule(doc: TextDocument, delay = DEBOUNCE_MS): void {
  const t = pending.get(doc.uri);
  if (t) clearTimeout(t);
  pending.set(doc.uri, setTimeout(() => { pending.delete(doc.uri); void validateDocument(doc); }, delay));
}

documents.onDidOpen(e => schedule(e.document, 0));
documents.onDidChangeContent(e => schedule(e.document));
documents.onDidClose(e => {
  const t = pending.get(e.document.uri);
  if (t) clearTimeout(t);
  pending.delete(e.document.uri);
  settingsCache.delete(e.document.uri);
  connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onHover(async params => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const { target } = await targetFor(doc.uri);
  const h = hover(parse(doc.getText()), params.position.line, params.position.character, target);
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
  return outline(parse(doc.getText())).map(toSymbol);
});

connection.onDefinition(params => {
  const doc = documents.get(params.textDocument.uri);
  const path = doc && filePathOf(doc.uri);
  if (!doc || !path) return null;
  return includeTargets(parse(doc.getText()), params.position.line, params.position.character, path, nodeFileAccess)
    .map(t => Location.create(URI.fromFilePath(t.path), Range.create(0, 0, 0, 0)));
});

process.on('uncaughtException', e => connection.console.error(`redis-guard: ${e.message}`));
process.on('unhandledRejection', e => connection.console.error(`redis-guard: ${String(e)}`));

documents.listen(connection);
connection.listen();
