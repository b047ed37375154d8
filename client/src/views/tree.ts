/**
 * The "Redis Guard" connections tree: one node per connection, its health items
 * below it (status icon, tooltip that says why), and the key patterns of its last scan.
 * Only renders what the monitors hold; never talks to Redis itself. Every text it shows goes
 * through the connection's redaction (Monitor.redact, live/redact.ts).
 */
import {
  TreeDataProvider, TreeItem, TreeItemCollapsibleState, ThemeIcon, ThemeColor, EventEmitter, Event, MarkdownString,
} from 'vscode';
import type { ConnectionProfile } from '../../../server/src/live/redis/connection';
import type { HealthItem, HealthStatus as Status } from '../../../server/src/live/health/evaluate';
import type { Monitor } from '../../../server/src/live/health/monitor';
import { stripUserinfo } from '../../../server/src/live/redact';
import { safeName } from './profile-names';

export interface PatternRow { label: string; description: string; tooltip: string; status: Status }

export type Node =
  | { type: 'connection'; profile: ConnectionProfile }
  | { type: 'item'; connectionId: string; item: HealthItem }
  | { type: 'patterns'; connectionId: string }
  | { type: 'pattern'; connectionId: string; row: PatternRow };

const STATUS_ICON: Record<Status, ThemeIcon> = {
  ok: new ThemeIcon('pass', new ThemeColor('testing.iconPassed')),
  warning: new ThemeIcon('warning', new ThemeColor('list.warningForeground')),
  problem: new ThemeIcon('error', new ThemeColor('list.errorForeground')),
  'not-permitted': new ThemeIcon('lock'),
  'not-checked': new ThemeIcon('circle-slash', new ThemeColor('list.warningForeground')),
  unknown: new ThemeIcon('question'),
};

export function statusIcon(s: Status): ThemeIcon {
  return STATUS_ICON[s] ?? STATUS_ICON.unknown;
}

const STATE_ICON: Record<string, ThemeIcon> = {
  down: new ThemeIcon('debug-disconnect', new ThemeColor('list.errorForeground')),
  'auth-failed': new ThemeIcon('key', new ThemeColor('list.errorForeground')),
  'tls-error': new ThemeIcon('shield', new ThemeColor('list.errorForeground')),
  stalled: new ThemeIcon('watch', new ThemeColor('list.warningForeground')),
  loading: new ThemeIcon('loading~spin'),
  connecting: new ThemeIcon('loading~spin'),
};

const STATE_TEXT: Record<string, string> = {
  down: 'down — reconnecting with backoff',
  'auth-failed': 'authentication failed — check the user and password (Edit Connection)',
  'tls-error': 'TLS handshake failed — check the CA, certificate and server name',
  stalled: 'stalled — the server does not answer',
  loading: 'loading its dataset',
  connecting: 'connecting…',
  idle: 'not connected yet',
  closed: 'closed',
};

export class ConnectionsTree implements TreeDataProvider<Node> {
  private readonly changed = new EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData: Event<Node | undefined> = this.changed.event;
  private patterns = new Map<string, PatternRow[] | string>();

  constructor(private readonly profiles: () => ConnectionProfile[], private readonly monitor: (id: string) => Monitor | undefined) {}

  refresh(node?: Node): void { this.changed.fire(node); }

  setPatterns(connectionId: string, rows: PatternRow[] | string): void {
    this.patterns.set(connectionId, rows);
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.profiles().map(profile => ({ type: 'connection', profile }));
    if (node.type === 'connection') {
      const m = this.monitor(node.profile.id);
      const items = m?.state.items ?? [];
      const out: Node[] = items.map(item => ({ type: 'item', connectionId: node.profile.id, item }));
      out.push({ type: 'patterns', connectionId: node.profile.id });
      return out;
    }
    if (node.type === 'item') return (node.item.children ?? []).map(item => ({ type: 'item', connectionId: node.connectionId, item }));
    if (node.type === 'patterns') {
      const p = this.patterns.get(node.connectionId);
      if (!p || typeof p === 'string') return [];
      return p.map(row => ({ type: 'pattern', connectionId: node.connectionId, row }));
    }
    return [];
  }

  getTreeItem(node: Node): TreeItem {
    const m = this.monitor(node.type === 'connection' ? node.profile.id : node.connectionId);
    const scrub = (s: string) => (m ? m.redact(s) : stripUserinfo(s));
    // tooltips are redacted before they are escaped (escaping would hide a secret from redaction)
    const t = this.item(node, s => escape(scrub(s)));
    if (typeof t.label === 'string') t.label = scrub(t.label);
    if (typeof t.description === 'string') t.description = scrub(t.description);
    return t;
  }

  private item(node: Node, esc: (s: string) => string): TreeItem {
    switch (node.type) {
      case 'connection': {
        const m = this.monitor(node.profile.id);
        const conn = m?.connectionState() ?? { state: 'idle' };
        const t = new TreeItem(safeName(node.profile.name), TreeItemCollapsibleState.Expanded);
        t.id = `conn:${node.profile.id}`;
        t.contextValue = 'connection';
        const healthy = conn.state === 'ready';
        t.iconPath = healthy ? statusIcon(m?.state.worst ?? 'unknown') : STATE_ICON[conn.state] ?? new ThemeIcon('database');
        t.description = healthy ? `${node.profile.kind} · ${m?.state.worst ?? ''}` : STATE_TEXT[conn.state] ?? conn.state;
        t.tooltip = new MarkdownString(`**${esc(safeName(node.profile.name))}** (${node.profile.kind})\n\n${esc(conn.message ?? STATE_TEXT[conn.state] ?? conn.state)}${m?.state.error ? `\n\n${esc(m.state.error)}` : ''}`);
        return t;
      }
      case 'item': {
        const it = node.item;
        const t = new TreeItem(it.label, it.children?.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
        t.id = `item:${node.connectionId}:${it.id}`;
        t.description = it.value;
        t.iconPath = statusIcon(it.status);
        t.tooltip = new MarkdownString(`**${esc(it.label)}**: ${esc(it.value ?? '')}\n\n${esc(it.why ?? '')}`);
        t.contextValue = `health-${it.status}`;
        return t;
      }
      case 'patterns': {
        const p = this.patterns.get(node.connectionId);
        const t = new TreeItem('Key patterns', Array.isArray(p) && p.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
        t.id = `patterns:${node.connectionId}`;
        t.iconPath = new ThemeIcon('symbol-key');
        t.contextValue = 'patterns';
        // scanning is an explicit action (the inline button or the context menu), never a side effect of a click
        t.description = p === undefined ? 'not scanned yet (Scan Key Patterns)' : typeof p === 'string' ? p : `${p.length} pattern${p.length === 1 ? '' : 's'}`;
        return t;
      }
      case 'pattern': {
        const t = new TreeItem(node.row.label, TreeItemCollapsibleState.None);
        t.description = node.row.description;
        t.tooltip = new MarkdownString(esc(node.row.tooltip));
        t.iconPath = statusIcon(node.row.status);
        return t;
      }
    }
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => '\\' + c);
}
