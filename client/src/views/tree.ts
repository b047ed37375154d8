/**
 * The "Redis Guard" connections tree: one node per connection, its health items
 * below it (status icon, tooltip that says why), and the key patterns of its last scan.
 * Only renders what the monitors hold; never talks to Redis itself. Every text it shows goes
 * through the connection's redaction (Monitor.redact, live/redact.ts).
 */
import * as nodePath from 'path';
import {
  TreeDataProvider, TreeItem, TreeItemCollapsibleState, ThemeIcon, ThemeColor, EventEmitter, Event, MarkdownString,
} from 'vscode';
import type { ConnectionProfile } from '../../../server/src/live/redis/connection';
import type { HealthItem, HealthStatus as Status } from '../../../server/src/live/health/evaluate';
import type { Monitor } from '../../../server/src/live/health/monitor';
import { resolveThresholds, Thresholds } from '../../../server/src/live/health/thresholds';
import { stripUserinfo } from '../../../server/src/live/redact';
import { safeName } from './profile-names';
import { thresholdLines } from './health-tooltip';
import { driftDetails, driftLabel, MemberDrift } from '../../../server/src/live/member-drift';
import { memberStateText } from './deployment-model';

export interface PatternRow { label: string; description: string; tooltip: string; status: Status }

/** The last key-pattern scan of a connection: its rows (or why it failed) and when it ran. */
interface PatternScan { rows: PatternRow[] | string; at: number }

const STATUS_TEXT: Record<Status, string> = {
  ok: 'ok', warning: 'warning', problem: 'problem', 'not-permitted': 'not permitted', 'not-checked': 'not checked', unknown: 'unknown',
};

/** HH:MM in local time. */
export function clock(t: number): string {
  const d = new Date(t);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

const STALE_ICON = new ThemeIcon('history', new ThemeColor('disabledForeground'));

export type Node =
  | { type: 'deployment'; key: string; name: string }
  | { type: 'connection'; profile: ConnectionProfile }
  | { type: 'drift'; connectionId: string }
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
  private patterns = new Map<string, PatternScan>();

  constructor(
    private readonly profiles: () => ConnectionProfile[],
    private readonly monitor: (id: string) => Monitor | undefined,
    private readonly thresholds: () => Thresholds = () => resolveThresholds({}),
    /** The last drift comparison of a deployment member with its own file. */
    private readonly drift: (id: string) => MemberDrift | undefined = () => undefined,
  ) {}

  refresh(node?: Node): void { this.changed.fire(node); }

  setPatterns(connectionId: string, rows: PatternRow[] | string, at = Date.now()): void {
    this.patterns.set(connectionId, { rows, at });
    this.changed.fire(undefined);
  }

  /** Why the key patterns of a connection may no longer hold (its connection is not up), or undefined while it is. */
  staleness(connectionId: string): string | undefined {
    const m = this.monitor(connectionId);
    if (!m) return 'the connection was removed';
    const { state } = m.connectionState();
    return state === 'ready' ? undefined : `the connection is ${STATE_TEXT[state]?.split(' — ')[0] ?? state}`;
  }

  /** The parent of a node (for TreeView.reveal): health items are looked up in their monitor's items. */
  getParent(node: Node): Node | undefined {
    if (node.type === 'deployment') return undefined;
    if (node.type === 'connection') {
      const m = node.profile.member;
      return m ? { type: 'deployment', key: m.deployment, name: m.deploymentName } : undefined;
    }
    const profile = this.profiles().find(p => p.id === node.connectionId);
    if (!profile) return undefined;
    const root: Node = { type: 'connection', profile };
    if (node.type === 'patterns' || node.type === 'drift') return root;
    if (node.type === 'pattern') return { type: 'patterns', connectionId: node.connectionId };
    const find = (items: HealthItem[], parent: HealthItem | undefined): Node | undefined => {
      for (const it of items) {
        if (it.id === node.item.id) return parent ? { type: 'item', connectionId: node.connectionId, item: parent } : root;
        const inner = it.children && find(it.children, it);
        if (inner) return inner;
      }
      return undefined;
    };
    return find(this.monitor(node.connectionId)?.state.items ?? [], undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      // connections of a deployment sit under it, where its first member is in the list
      const out: Node[] = [];
      const seen = new Set<string>();
      for (const profile of this.profiles()) {
        const m = profile.member;
        if (!m) out.push({ type: 'connection', profile });
        else if (!seen.has(m.deployment)) { seen.add(m.deployment); out.push({ type: 'deployment', key: m.deployment, name: m.deploymentName }); }
      }
      return out;
    }
    if (node.type === 'deployment') return this.members(node.key).map(profile => ({ type: 'connection', profile }));
    if (node.type === 'connection') {
      const m = this.monitor(node.profile.id);
      const items = m?.state.items ?? [];
      const out: Node[] = items.map(item => ({ type: 'item', connectionId: node.profile.id, item }));
      if (node.profile.member && node.profile.member.role !== 'sentinel') out.unshift({ type: 'drift', connectionId: node.profile.id });
      out.push({ type: 'patterns', connectionId: node.profile.id });
      return out;
    }
    if (node.type === 'item') return (node.item.children ?? []).map(item => ({ type: 'item', connectionId: node.connectionId, item }));
    if (node.type === 'patterns') {
      const p = this.patterns.get(node.connectionId)?.rows;
      if (!p || typeof p === 'string') return [];
      return p.map(row => ({ type: 'pattern', connectionId: node.connectionId, row }));
    }
    return [];
  }

  private members(key: string): ConnectionProfile[] {
    return this.profiles().filter(p => p.member?.deployment === key);
  }

  getTreeItem(node: Node): TreeItem {
    if (node.type === 'deployment') return this.deploymentItem(node);
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
      case 'deployment':
        return this.deploymentItem(node);
      case 'connection': {
        if (node.profile.member) return this.memberItem(node.profile, esc);
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
      case 'drift': {
        const profile = this.profiles().find(p => p.id === node.connectionId);
        const file = profile?.member ? nodePath.basename(profile.member.configFile) : 'its file';
        const d = this.drift(node.connectionId);
        const t = new TreeItem(`Drift from ${file}`, TreeItemCollapsibleState.None);
        t.id = `drift:${node.connectionId}`;
        t.contextValue = 'drift';
        // the last comparison stays, marked stale, while the member cannot be reached
        const conn = this.monitor(node.connectionId)?.connectionState().state;
        t.description = !d ? 'not compared yet' : conn === 'ready' ? driftLabel(d) : `stale · ${driftLabel(d)}`;
        t.iconPath = !d ? new ThemeIcon('loading~spin') : statusIcon(d.state === 'in-sync' ? 'ok' : d.state === 'differ' ? 'warning' : 'not-checked');
        t.tooltip = new MarkdownString(d ? driftDetails(d, file).map((l, i) => (i ? `- ${esc(l)}` : esc(l))).join('\n') + `\n\n*Compared at ${clock(d.at)}. Click to show it in the file.*` : 'Compared after the next refresh.');
        t.command = { command: 'redisGuard.showMemberDrift', title: 'Show Drift in Config File', arguments: [node] };
        return t;
      }
      case 'item': {
        const it = node.item;
        const t = new TreeItem(it.label, it.children?.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
        t.id = `item:${node.connectionId}:${it.id}`;
        t.description = it.value;
        t.iconPath = statusIcon(it.status);
        t.tooltip = this.itemTooltip(it, esc);
        t.contextValue = `health-${it.status}`;
        return t;
      }
      case 'patterns': {
        const scan = this.patterns.get(node.connectionId);
        const p = scan?.rows;
        const t = new TreeItem('Key patterns', Array.isArray(p) && p.length ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None);
        t.id = `patterns:${node.connectionId}`;
        t.contextValue = 'patterns';
        const stale = scan && Array.isArray(p) ? this.staleness(node.connectionId) : undefined;
        t.iconPath = stale ? STALE_ICON : new ThemeIcon('symbol-key');
        // scanning is an explicit action (the inline button or the context menu), never a side effect of a click
        t.description = !scan ? 'not scanned yet (Scan Key Patterns)'
          : typeof p === 'string' ? p
            : `${p!.length} pattern${p!.length === 1 ? '' : 's'} · ${stale ? 'stale, ' : ''}scanned ${clock(scan.at)}`;
        if (scan) {
          t.tooltip = new MarkdownString(`Scanned at ${clock(scan.at)}.${stale ? `\n\n**Stale**: ${esc(stale)}, so the keys may have changed since. Scan again once it is back.` : ''}`);
        }
        return t;
      }
      case 'pattern': {
        const t = new TreeItem(node.row.label, TreeItemCollapsibleState.None);
        const scan = this.patterns.get(node.connectionId);
        const stale = this.staleness(node.connectionId);
        t.description = stale ? `stale · ${node.row.description}` : node.row.description;
        t.tooltip = new MarkdownString(`${esc(node.row.tooltip)}${scan ? `\n\n*Scanned at ${clock(scan.at)}.*` : ''}${stale ? `\n\n**Stale**: ${esc(stale)}.` : ''}`);
        t.iconPath = stale ? STALE_ICON : statusIcon(node.row.status);
        return t;
      }
    }
  }

  /** A deployment: its name, how many members, and how many of them are unreachable or drift. */
  private deploymentItem(node: { key: string; name: string }): TreeItem {
    const members = this.members(node.key);
    const t = new TreeItem(safeName(node.name), TreeItemCollapsibleState.Expanded);
    t.id = `deployment:${node.key}`;
    t.contextValue = 'deployment';
    t.iconPath = new ThemeIcon('server-environment');
    const down = members.filter(p => { const s = this.monitor(p.id)?.connectionState().state; return s !== undefined && s !== 'ready' && s !== 'idle' && s !== 'connecting'; }).length;
    const drifting = members.filter(p => this.drift(p.id)?.state === 'differ').length;
    t.description = [`${members.length} member${members.length === 1 ? '' : 's'}`, down ? `${down} unreachable` : '', drifting ? `${drifting} with drift` : ''].filter(Boolean).join(' · ');
    t.tooltip = new MarkdownString(members.map(p => `- ${escape(safeName(p.name))}`).join('\n'));
    return t;
  }

  /**
   * A member of a deployment: its role and address, its health and whether its live config
   * matches its own file ("in sync", "3 differ"); a state in words when it cannot be reached.
   */
  private memberItem(profile: ConnectionProfile, esc: (s: string) => string): TreeItem {
    const member = profile.member!;
    const m = this.monitor(profile.id);
    const conn = m?.connectionState() ?? { state: 'idle' };
    const prefix = `${member.deploymentName}: `;
    const name = safeName(profile.name);
    const t = new TreeItem(name.startsWith(prefix) ? name.slice(prefix.length) : name, TreeItemCollapsibleState.Collapsed);
    t.id = `conn:${profile.id}`;
    t.contextValue = member.role === 'sentinel' ? 'connection-sentinel' : 'connection-member';
    const healthy = conn.state === 'ready';
    const d = member.role === 'sentinel' ? undefined : this.drift(profile.id);
    t.iconPath = healthy ? statusIcon(m?.state.worst ?? 'unknown') : STATE_ICON[conn.state] ?? new ThemeIcon('database');
    t.description = healthy ? [m?.state.worst, d ? driftLabel(d) : undefined].filter(Boolean).join(' · ') : memberStateText(conn.state, conn.message);
    const file = nodePath.basename(member.configFile);
    const lines = [`**${esc(name)}** (${member.role}, ${esc(file)})`, esc(conn.message ?? STATE_TEXT[conn.state] ?? conn.state)];
    if (m?.state.error) lines.push(esc(m.state.error));
    if (d) lines.push(driftDetails(d, file).map((l, i) => (i ? `- ${esc(l)}` : esc(l))).join('\n'));
    else if (member.role === 'sentinel') lines.push(esc(`Drift is not compared: a Sentinel rewrites ${file} itself.`));
    t.tooltip = new MarkdownString(lines.join('\n\n'));
    return t;
  }

  /**
   * The figure in full (labels and values are cut in the tree, never here), the status and
   * why, the threshold that decides it and why it matters. The texts from the server are
   * escaped; the threshold and the explanation are ours.
   */
  private itemTooltip(it: HealthItem, esc: (s: string) => string): MarkdownString {
    const { threshold, matters } = thresholdLines(it, this.thresholds());
    const lines = [`**${esc(it.label)}**: ${esc(it.value ?? '')} (${STATUS_TEXT[it.status] ?? it.status})`, esc(it.why ?? '')];
    if (it.children?.length) lines.push(it.children.map(c => `- ${esc(c.label)}: ${esc(c.value)} (${STATUS_TEXT[c.status] ?? c.status})`).join('\n'));
    lines.push(`**Threshold:** ${threshold}`);
    if (matters) lines.push(`**Why it matters:** ${matters}`);
    return new MarkdownString(lines.filter(Boolean).join('\n\n'));
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => '\\' + c);
}
