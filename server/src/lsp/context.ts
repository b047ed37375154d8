/** What every handler shares: the connection, the open documents, their settings and their cached analysis. */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SettingsService } from './settings';
import type { DocumentCache } from './documents';

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsService;
  cache: DocumentCache;
}
