/**
 * Extension entry: starts the Redis Guard language server for redis-conf documents
 * and registers the editor commands that sit on top of it.
 */
import * as path from 'path';
import { ExtensionContext, ExtensionMode, Uri, commands, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { Sidebar } from './views/sidebar';
import { SERVER_EXEC_ARGV } from './server-launch';

let client: LanguageClient | undefined;
/** When this bundle was evaluated by the extension host (activation timing, see BENCHMARKS.md). */
const bundleLoadedAt = Date.now();

/** What activate() returns to other extensions and to the tests. */
export interface RedisGuardApi {
  /** Milliseconds from activate() to "language client ready", and from bundle load to ready. */
  activation: { activateToReadyMs: number; loadToReadyMs: number };
  /** The sidebar, only when the extension runs under test or development (never in production installs). */
  sidebar?: Sidebar;
}

/** Command ids: the palette command and the server command it calls. */
export const COMMANDS = {
  applyProductionProfile: 'redisGuard.applyProductionProfile',
  serverApplyProductionProfile: 'redisGuard.server.applyProductionProfile',
  /** Run by the server's "Show documentation for RGxxx" code action; not in the palette. */
  serverShowDocumentation: 'redisGuard.server.showDocumentation',
} as const;

export async function activate(context: ExtensionContext): Promise<RedisGuardApi> {
  const activateAt = Date.now();
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'redis-conf' }],
    synchronize: { configurationSection: 'redisGuard' },
    outputChannelName: 'Redis Guard',
  };
  client = new LanguageClient('redisGuard', 'Redis Guard', serverOptions, clientOptions);

  context.subscriptions.push(commands.registerCommand(COMMANDS.applyProductionProfile, async () => {
    const editor = window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'redis-conf') {
      void window.showInformationMessage('Open a Redis, Valkey or Memurai config file to apply the production profile.');
      return;
    }
    const result = await commands.executeCommand<{ applied: number; message: string }>(
      COMMANDS.serverApplyProductionProfile, editor.document.uri.toString());
    if (result) void window.showInformationMessage(`Redis Guard: ${result.message}`);
  }));
  // the language client passes a code action's arguments as JSON; the Markdown preview needs a Uri
  context.subscriptions.push(commands.registerCommand(COMMANDS.serverShowDocumentation, (uri: unknown) => {
    const page = typeof uri === 'string' ? Uri.parse(uri) : undefined;
    if (page?.scheme === 'file' && page.path.endsWith('.md')) return commands.executeCommand('markdown.showPreview', page);
  }));

  const sidebar = new Sidebar(context);
  sidebar.activate();

  await client.start();
  const readyAt = Date.now();
  return {
    activation: { activateToReadyMs: readyAt - activateAt, loadToReadyMs: readyAt - bundleLoadedAt },
    sidebar: context.extensionMode === ExtensionMode.Production ? undefined : sidebar,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
