/** The outline: sections from section comments, directives inside them. */
import { DocumentSymbol, Range, SymbolKind } from 'vscode-languageserver/node';
import { outline, OutlineNode } from '../engine';
import type { ServerContext } from './context';

function toSymbol(n: OutlineNode): DocumentSymbol {
  const range = Range.create(n.line, n.start, n.endLine, n.end);
  return {
    name: n.name, detail: n.detail, kind: n.kind === 'section' ? SymbolKind.Namespace : SymbolKind.Property,
    range, selectionRange: Range.create(n.line, n.start, n.line, n.kind === 'section' ? n.end : n.start + n.name.length),
    children: n.children.map(toSymbol),
  };
}

export function registerSymbols({ connection, documents, cache }: ServerContext): void {
  connection.onDocumentSymbol(params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return outline(cache.parsedOf(doc)).map(toSymbol);
  });
}
