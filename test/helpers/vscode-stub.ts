/**
 * Just enough of the `vscode` module for the sidebar's tree and connection store to run under
 * node --test: tree items, icons, markdown, events, a settings store and SecretStorage kept in
 * memory. Import this before any client module; `settingsWritten` is everything written to
 * settings, as JSON text (what a settings.json would hold).
 */
import Module from 'node:module';

class TreeItem {
  id?: string; description?: string; tooltip?: unknown; iconPath?: unknown; contextValue?: string;
  constructor(public label: string, public collapsibleState?: number) {}
}
class ThemeIcon { constructor(readonly id: string, readonly color?: unknown) {} }
class ThemeColor { constructor(readonly id: string) {} }
class MarkdownString { constructor(public value = '') {} }
class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  event = (l: (e: T) => void) => { this.listeners.push(l); return { dispose: () => { this.listeners = this.listeners.filter(x => x !== l); } }; };
  fire(e: T) { for (const l of this.listeners) l(e); }
}

const settings = new Map<string, unknown>();
export const settingsWritten: string[] = [];

const workspace = {
  getConfiguration(section: string) {
    return {
      get: <T>(key: string): T | undefined => settings.get(`${section}.${key}`) as T | undefined,
      update: async (key: string, value: unknown) => {
        settings.set(`${section}.${key}`, value);
        settingsWritten.push(JSON.stringify({ [`${section}.${key}`]: value }, null, 2));
      },
    };
  },
};

/** A stand-in for ExtensionContext with SecretStorage in memory. */
export function fakeContext(): { secrets: { get(k: string): Promise<string | undefined>; store(k: string, v: string): Promise<void>; delete(k: string): Promise<void> } } {
  const m = new Map<string, string>();
  return { secrets: { get: async k => m.get(k), store: async (k, v) => { m.set(k, v); }, delete: async k => { m.delete(k); } } };
}

const stub = {
  TreeItem, ThemeIcon, ThemeColor, MarkdownString, EventEmitter, workspace,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
};

const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = M._load;
M._load = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};
