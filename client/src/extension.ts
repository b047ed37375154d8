/**
 * Extension entry: starts the Redis Guard language server for redis-conf documents
 * and registers the editor commands that sit on top of it.
 */
import * as path from 'path';
import { ExtensionContext, ExtensionMode, Uri, commands, window } from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from 'vscode-languageclient/node';
import { Sidebar } from './views/sidebar';
import { SERVER_EXEC_ARGV } from './server-launch';
import { CONFIG_FILES_ONLY, DOCUMENT_SELECTOR } from './container-files';
import { LanguageStatus } from './language-status';
import { registerDocs } from './docs';

let client: LanguageClient | undefined;
/** When this bundle was evaluated by the extension host (activation timing, see BENCHMARKS.md). */
const bundleLoadedAt = Date.now();

/** What activate() returns to other extensions and to the tests. */
export interface RedisGuardApi {
  /** Milliseconds from activate() to "language client ready", and from bundle load to ready. */
  activation: { activateToReadyMs: number; loadToReadyMs: number };
  /** The sidebar, only when the extension runs under test or development (never in production installs). */
  sidebar?: Sidebar;
  /** The language status items, and the folder of the "Redis Guard" log file (test or development only). */
  languageStatus?: LanguageStatus;
  logUri?: Uri;
}

/** Command ids: the palette command and the server command it calls. */
export const COMMANDS = {
  applyProductionProfile: 'redisGuard.applyProductionProfile',
  serverApplyProductionProfile: 'redisGuard.server.applyProductionProfile',
  showLog: 'redisGuard.showLog',
} as const;

export async function activate(context: ExtensionContext): Promise<RedisGuardApi> {
  const activateAt = Date.now();
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_EXEC_ARGV } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  // the one output channel, with levels: the language server's lines (through the client) and the sidebar's
  const channel = window.createOutputChannel('Redis Guard', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    middleware: CONFIG_FILES_ONLY,
    synchronize: { configurationSection: 'redisGuard' },
    outputChannel: channel,
  };
  client = new LanguageClient('redisGuard', 'Redis Guard', serverOptions, clientOptions);
  context.subscriptions.push(channel, commands.registerCommand(COMMANDS.showLog, () => channel.show(true)));
  context.subscriptions.push(client.onDidChangeState(e => {
    if (e.newState === State.Starting) channel.info('Starting the language server');
    else if (e.newState === State.Running) channel.info('Language server running');
    else if (e.oldState === State.Starting) channel.error('The language server could not start');
    else channel.info('Language server stopped');
  }));

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

  registerDocs(context);
  const sidebar = new Sidebar(context, channel);
  sidebar.activate();

  await client.start();
  const languageStatus = new LanguageStatus(client, channel);
  context.subscriptions.push(languageStatus);
  const readyAt = Date.now();
  return {
    activation: { activateToReadyMs: readyAt - activateAt, loadToReadyMs: readyAt - bundleLoadedAt },
    ...(context.extensionMode === ExtensionMode.Production ? {} : { sidebar, languageStatus, logUri: context.logUri }),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
