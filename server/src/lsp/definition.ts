/** Go to definition on an `include` line: the file (or the files of a glob) it reads. */
import { Location, Range } from 'vscode-languageserver/node';
import { includeTargets, nodeFileAccess } from '../engine';
import type { ServerContext } from './context';
import { filePathOf } from './documents';
import { URI } from './uri';

export function registerDefinition({ connection, documents, cache }: ServerContext): void {
  connection.onDefinition(params => {
    const doc = documents.get(params.textDocument.uri);
    const path = doc && filePathOf(doc.uri);
    if (!doc || !path) return null;
    return includeTargets(cache.parsedOf(doc), params.position.line, params.position.character, path, nodeFileAccess)
      .map(t => Location.create(URI.fromFilePath(t.path), Range.create(0, 0, 0, 0)));
  });
}
