/** Completion of directive names, values and memory units for the document's target. */
import { CompletionItem, CompletionItemKind, InsertTextFormat, Range } from 'vscode-languageserver/node';
import { complete } from '../engine';
import type { ServerContext } from './context';

const KIND: Partial<Record<string, CompletionItemKind>> = { directive: CompletionItemKind.Property, unit: CompletionItemKind.Unit, subcommand: CompletionItemKind.Keyword };

export function registerCompletion({ connection, documents, settings }: ServerContext): void {
  connection.onCompletion(async params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const { target } = await settings.targetOf(doc.uri);
    const line = params.position.line;
    return complete(doc.getText(), line, params.position.character, target).map((e): CompletionItem => ({
      label: e.label,
      kind: KIND[e.kind] ?? CompletionItemKind.Value,
      detail: e.detail,
      documentation: e.documentation,
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: Range.create(line, e.replaceStart, line, e.replaceEnd), newText: e.snippet ?? e.label },
    }));
  });
}
