/**
 * The language server: thin LSP wiring over the pure engine, one file per handler
 * (diagnostics, hover, completion, symbols, definition, code actions), sharing the
 * settings and the document cache. Runs over stdio or Node IPC.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, CodeActionKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerContext } from './context';
import { SettingsService, targetLabel } from './settings';
import { DocumentCache, filePathOf } from './documents';
import { registerDiagnostics, CHECK_TIMEOUT_MS } from './diagnostics';
import { Checker } from './checker';
import { registerCodeActions, FIX_ALL_KIND, APPLY_PROFILE_COMMAND } from './code-actions';
import { registerHover } from './hover';
import { registerCompletion } from './completion';
import { registerSymbols } from './symbols';
import { registerDefinition } from './definition';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const settings = new SettingsService(connection);
// REDIS_GUARD_CHECK_TIMEOUT_MS shortens the limit for the tests that check the cut-off
const checkTimeoutMs = Number(process.env.REDIS_GUARD_CHECK_TIMEOUT_MS) || CHECK_TIMEOUT_MS;
const checker = new Checker(checkTimeoutMs);
const cache = new DocumentCache(settings, checker);
const context: ServerContext = { connection, documents, settings, cache };
settings.useDocuments(uri => {
  const doc = documents.get(uri);
  return doc && { file: cache.parsedOf(doc), filePath: filePathOf(uri) };
});

/** The request the client's language status item asks: what an open document is checked against. */
export const FILE_STATUS_REQUEST = 'redisGuard/fileStatus';

connection.onInitialize(params => {
  settings.init(!!params.capabilities.workspace?.configuration);
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
  settings.register();
  connection.console.info(`Language server started (pid ${process.pid}, Node ${process.version}; a check stops after ${checkTimeoutMs / 1000} s)`);
});

connection.onRequest(FILE_STATUS_REQUEST, async (params: { uri: string }) => {
  if (!documents.get(params.uri)) return null;
  const t = await settings.targetOf(params.uri);
  return { target: t.target.id, label: targetLabel(t.target), targetSource: t.targetSource, profile: t.profile, profileSource: t.profileSource, warning: t.warning };
});

registerDiagnostics(context);
registerCodeActions(context);
registerHover(context);
registerCompletion(context);
registerSymbols(context);
registerDefinition(context);

process.on('uncaughtException', e => connection.console.error(`redis-guard: ${e.message}`));
process.on('unhandledRejection', e => connection.console.error(`redis-guard: ${String(e)}`));

connection.onShutdown(() => {
  connection.console.info('Language server stopping');
  checker.dispose();
});

documents.listen(connection);
connection.listen();
