/**
 * Redis Guard: Open Documentation — the packaged README or a page under docs/, rendered in the
 * Markdown preview (never the raw file in an editor). The settings' "See …" links call it.
 */
import { ExtensionContext, Uri, commands, window } from 'vscode';

export const DOCS_COMMAND = 'redisGuard.openDocs';

/** Pages that may be opened: the README and the Markdown files under docs/, with an optional #anchor. */
const PAGE = /^(README\.md|docs\/(?:[\w-]+\/)*[\w.-]+\.md)(?:#([\w-]+))?$/;

export function registerDocs(context: ExtensionContext): void {
  context.subscriptions.push(commands.registerCommand(DOCS_COMMAND, async (page: unknown = 'README.md') => {
    const m = typeof page === 'string' ? PAGE.exec(page) : null;
    if (!m || m[1].includes('..')) {
      void window.showWarningMessage(`Redis Guard has no documentation page "${String(page)}".`);
      return;
    }
    const uri = Uri.joinPath(context.extensionUri, ...m[1].split('/')).with({ fragment: m[2] ?? '' });
    await commands.executeCommand('markdown.showPreview', uri);
  }));
}
