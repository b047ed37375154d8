/**
 * Extension entry: starts the Redis Guard language server for redis-conf documents.
 */
import * as path from 'path';
import { ExtensionContext, workspace } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'redis-conf' }],
    synchronize: { configurationSection: 'redisGuard' },
    outputChannelName: 'Redis Guard',
  };
  client = new LanguageClient('redisGuard', 'Redis Guard', serverOptions, clientOptions);
  context.subscriptions.push(workspace.onDidChangeConfiguration(() => undefined));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
