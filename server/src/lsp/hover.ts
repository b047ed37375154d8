/** Hover: what a directive, a value or a memory size means for the document's target. */
import { MarkupKind, Range } from 'vscode-languageserver/node';
import { hover } from '../engine';
import type { ServerContext } from './context';

export function registerHover({ connection, documents, settings, cache }: ServerContext): void {
  connection.onHover(async params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { target } = await settings.targetOf(doc.uri);
    const h = hover(cache.parsedOf(doc), params.position.line, params.position.character, target);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: Range.create(h.line, h.start, h.line, h.end) };
  });
}
