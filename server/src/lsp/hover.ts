/** Hover: what a directive, a value or a memory size means for the document's target. */
import { MarkupKind, Range } from 'vscode-languageserver/node';
import { hover } from '../engine';
import type { ServerContext } from './context';

export function registerHover({ connection, documents, settings, cache }: ServerContext): void {
  connection.onHover(async params => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const { target } = await settings.targetOf(doc.uri);
    const { line, character } = params.position;
    const h = hover(cache.parsedOf(doc), line, character, target);
    // the why behind the short messages of the findings under the cursor, and the server's own
    // words for a line it refuses (from the last check, never a new one)
    const why = cache.lastFindingsOf(doc)
      .filter(f => (f.details || f.serverMessage) && (f.line < line || (f.line === line && f.character <= character)) && (f.endLine > line || (f.endLine === line && f.endCharacter >= character)))
      .map(f => [f.details && `**${f.code}**: ${f.details}`, f.serverMessage && `**${f.code}**, the server's log line: \`${f.serverMessage.replace(/`/g, "'")}\``].filter(Boolean).join('\n\n'));
    if (!h && !why.length) return null;
    const value = [h?.markdown, ...why].filter(Boolean).join('\n\n---\n\n');
    return { contents: { kind: MarkupKind.Markdown, value }, range: h ? Range.create(h.line, h.start, h.line, h.end) : undefined };
  });
}
