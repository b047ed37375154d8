/** Completion of directive names, values (described, the default first) and memory units for the document's target. */
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
    // the cursor's line only: splitting a whole large document per keystroke would stall the editor
    const lineText = doc.getText(Range.create(line, 0, line + 1, 0)).replace(/\r?\n$/, '');
    if (lineText.length > 64 * 1024) return [];
    return complete(lineText, 0, params.position.character, target).map((e, i): CompletionItem => ({
      label: e.label,
      kind: KIND[e.kind] ?? CompletionItemKind.Value,
      detail: e.detail,
      // a value's description beside it in the list, its default marked, preselected and first
      ...(e.kind === 'value' ? { labelDetails: { detail: e.isDefault ? ' (default)' : undefined, description: e.detail }, sortText: String(i).padStart(4, '0') } : {}),
      ...(e.isDefault ? { preselect: true } : {}),
      documentation: e.documentation,
      insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range: Range.create(line, e.replaceStart, line, e.replaceEnd), newText: e.snippet ?? e.label },
    }));
  });
}
