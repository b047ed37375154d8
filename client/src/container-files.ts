/**
 * The documents the language server checks: config files (`redis-conf`), and docker-compose
 * files, Dockerfiles and Kubernetes YAML on disk, whose language stays theirs. The server
 * reports on a container file only when it starts redis-server, valkey-server or a Sentinel;
 * the editor features of a config file (hover, completion, outline, definition, quick fixes)
 * are kept to config files, so that YAML and Dockerfiles keep their own.
 */
import type { DocumentSelector } from 'vscode-languageclient/node';
import type { Middleware } from 'vscode-languageclient/node';

export const DOCUMENT_SELECTOR: DocumentSelector = [
  { language: 'redis-conf' },
  { scheme: 'file', language: 'dockercompose' },
  { scheme: 'file', language: 'dockerfile' },
  { scheme: 'file', language: 'yaml' },
];

const isConfig = (d: { languageId: string }) => d.languageId === 'redis-conf';

/** Only diagnostics reach container files. */
export const CONFIG_FILES_ONLY: Middleware = {
  provideHover: (d, p, t, next) => (isConfig(d) ? next(d, p, t) : undefined),
  provideCompletionItem: (d, p, c, t, next) => (isConfig(d) ? next(d, p, c, t) : undefined),
  provideDocumentSymbols: (d, t, next) => (isConfig(d) ? next(d, t) : undefined),
  provideDefinition: (d, p, t, next) => (isConfig(d) ? next(d, p, t) : undefined),
  provideCodeActions: (d, r, c, t, next) => (isConfig(d) ? next(d, r, c, t) : undefined),
};
