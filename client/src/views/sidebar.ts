/**
 * The Redis Guard sidebar: connections tree, status bar, and the commands on them.
 * Every command that reaches a server goes through the monitors' read-only clients.
 */
import * as crypto from 'crypto';
import {
  ExtensionContext, window, commands, workspace, StatusBarAlignment, StatusBarItem, TreeView, languages,
  DiagnosticCollection, Diagnostic, DiagnosticSeverity, Range, Uri, TextDocumentContentProvider, EventEmitter,
  ProgressLocation, QuickPickItem,
} from 'vscode';
import type { ConnectionProfile, Secrets } from '../../../server/src/live/redis/connection';
import { Monitor } from '../../../server/src/live/health/monitor';
import { resolveThresholds } from '../../../server/src/live/health/thresholds';
import { ConnectionStore } from './store';
import { hasUserinfo, proposedName, safeName } from './profile-names';
import { errorText } from '../../../server/src/live/redact';
import { parseRedisUrl } from '../../../server/src/live/redis/connection';
import { ConnectionsTree, Node, PatternRow } from './tree';
import { compare, directivesToCompare } from '../../../server/src/live/drift';
import { profileFromConfigText } from '../../../server/src/live/profile-from-config';
import { formatText } from '../../../server/src/live/health/report';
import { patternRowsFor, scanFailureText } from '../../../server/src/live/patterns/monitor-scan';
import { resolveTarget, Target } from '../../../server/src/engine';

export const SIDEBAR_COMMANDS = {
  add: 'redisGuard.addConnection',
  edit: 'redisGuard.editConnection',
  remove: 'redisGuard.removeConnection',
  refresh: 'redisGuard.refresh',
  showInfo: 'redisGuard.showInfo',
  healthCheck: 'redisGuard.runHealthCheck',
  scan: 'redisGuard.scanKeyPatterns',
  fromConfig: 'redisGuard.connectFromConfig',
  compare: 'redisGuard.compareWithLive',
} as const;

const INFO_SCHEME = 'redis-guard-info';

export class Sidebar {
  private readonly store: ConnectionStore;
  private readonly monitors = new Map<string, Monitor>();
  readonly tree: ConnectionsTree;
  private view!: TreeView<Node>;
  private status!: StatusBarItem;
  private active: string | undefined;
  private drift!: DiagnosticCollection;

  constructor(private readonly context: ExtensionContext) {
    this.store = new ConnectionStore(context);
    this.tree = new ConnectionsTree(() => this.store.list(), id => this.monitors.get(id));
  }

  activate(): void {
    const c = this.context;
    this.view = window.createTreeView('redisGuard.connections', { treeDataProvider: this.tree, showCollapseAll: true });
    this.status = window.createStatusBarItem(StatusBarAlignment.Left, 20);
    this.status.command = 'redisGuard.connections.focus';
    this.drift = languages.createDiagnosticCollection('redis-guard-drift');
    c.subscriptions.push(this.view, this.status, this.drift);

    c.subscriptions.push(
      this.view.onDidChangeVisibility(() => this.schedule()),
      this.view.onDidChangeSelection(e => {
        const n = e.selection[0];
        const id = n?.type === 'connection' ? n.profile.id : n && 'connectionId' in n ? n.connectionId : undefined;
        if (id) { this.active = id; this.updateStatus(); }
      }),
      workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('redisGuard.connections')) void this.sync();
        if (e.affectsConfiguration('redisGuard.refreshIntervalSeconds') || e.affectsConfiguration('redisGuard.thresholds')) {
          for (const m of this.monitors.values()) m.setThresholds(this.thresholds());
          this.schedule();
        }
      }),
      workspace.registerTextDocumentContentProvider(INFO_SCHEME, this.infoProvider()),
      commands.registerCommand(SIDEBAR_COMMANDS.add, () => this.addOrEdit()),
      commands.registerCommand(SIDEBAR_COMMANDS.edit, (n?: Node) => this.addOrEdit(this.profileOf(n))),
      commands.registerCommand(SIDEBAR_COMMANDS.remove, (n?: Node) => this.remove(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.refresh, (n?: Node) => this.refresh(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.showInfo, (n?: Node) => this.showInfo(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.healthCheck, (n?: Node) => this.healthCheck(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.scan, (n?: Node) => this.scan(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.fromConfig, () => this.fromConfig()),
      commands.registerCommand(SIDEBAR_COMMANDS.compare, () => this.compareWithLive()),
      { dispose: () => { for (const m of this.monitors.values()) void m.dispose(); this.monitors.clear(); } },
    );
    void this.sync();
  }

  // ------------------------------------------------------------------ for tests

  /** Stores a connection (password to SecretStorage) and starts monitoring it, as Add Connection does. */
  async saveConnection(profile: ConnectionProfile, secrets: Secrets = {}): Promise<void> {
    await this.store.save(profile, secrets);
    this.active = profile.id;
    await this.sync();
  }

  async removeConnection(id: string): Promise<void> {
    await this.store.remove(id);
    await this.sync();
  }

  monitorOf(id: string): Monitor | undefined {
    return this.monitors.get(id);
  }

  // ------------------------------------------------------------------ monitors

  private thresholds() {
    return resolveThresholds(workspace.getConfiguration('redisGuard').get<Record<string, unknown>>('thresholds') ?? {});
  }

  /** Opens monitors for new connections and closes those of removed ones. */
  async sync(): Promise<void> {
    const profiles = this.store.list();
    const ids = new Set(profiles.map(p => p.id));
    for (const [id, m] of this.monitors) {
      const p = profiles.find(x => x.id === id);
      if (!p || JSON.stringify(p) !== JSON.stringify(m.profile)) { await m.dispose(); this.monitors.delete(id); }
    }
    for (const p of profiles) {
      if (this.monitors.has(p.id)) continue;
      const m = new Monitor(p, await this.store.secrets(p.id), this.thresholds());
      m.onChange(() => { this.tree.refresh(); this.updateStatus(); });
      this.monitors.set(p.id, m);
    }
    if (!this.active || !ids.has(this.active)) this.active = profiles[0]?.id;
    void commands.executeCommand('setContext', 'redisGuard.hasConnections', profiles.length > 0);
    this.tree.refresh();
    this.schedule();
    this.updateStatus();
  }

  /** Refresh on an interval while the view is visible; paused while it is hidden. */
  private schedule(): void {
    const seconds = workspace.getConfiguration('redisGuard').get<number>('refreshIntervalSeconds') ?? 10;
    const visible = this.view?.visible ?? false;
    for (const m of this.monitors.values()) {
      m.every(visible ? Math.max(1, seconds) : 0);
      if (visible && !m.state.refreshedAt) void m.refresh();
    }
  }

  private updateStatus(): void {
    const m = this.active ? this.monitors.get(this.active) : undefined;
    if (!m) { this.status.hide(); return; }
    const conn = m.connectionState();
    const worst = conn.state === 'ready' || conn.state === 'idle' ? m.state.worst : 'problem';
    const icon = worst === 'ok' ? '$(pass)' : worst === 'warning' ? '$(warning)' : worst === 'problem' ? '$(error)' : worst === 'not-checked' ? '$(circle-slash)' : '$(database)';
    this.status.text = `${icon} ${m.profile.name}`;
    this.status.tooltip = `Redis Guard: ${m.profile.name} is ${conn.state === 'ready' ? worst : conn.state}${conn.message ? ` (${conn.message})` : ''}`;
    this.status.show();
  }

  private profileOf(n?: Node): ConnectionProfile | undefined {
    const id = n?.type === 'connection' ? n.profile.id : n && 'connectionId' in n ? n.connectionId : this.active;
    return id ? this.store.get(id) : undefined;
  }

  private async pick(n?: Node, placeHolder = 'Choose a connection'): Promise<ConnectionProfile | undefined> {
    const direct = n ? this.profileOf(n) : undefined;
    if (direct) return direct;
    const list = this.store.list();
    if (list.length <= 1) return list[0];
    const chosen = await window.showQuickPick(list.map(p => ({ label: p.name, description: p.kind, id: p.id })), { placeHolder });
    return chosen ? this.store.get(chosen.id) : undefined;
  }

  // ------------------------------------------------------------------ commands

  private async refresh(n?: Node): Promise<void> {
    const p = n ? this.profileOf(n) : undefined;
    const targets = p ? [this.monitors.get(p.id)] : [...this.monitors.values()];
    await Promise.all(targets.map(m => m?.refresh()));
  }

  private async addOrEdit(existing?: ConnectionProfile): Promise<void> {
    const kinds: Array<QuickPickItem & { deployment: ConnectionProfile['kind'] }> = [
      { label: 'Standalone', description: 'redis:// or rediss:// URL', deployment: 'standalone' },
      { label: 'Sentinel', description: 'sentinel addresses and master name', deployment: 'sentinel' },
      { label: 'Cluster', description: 'seed nodes', deployment: 'cluster' },
    ];
    const kind = existing?.kind ?? (await window.showQuickPick(kinds, { placeHolder: 'What kind of deployment?' }))?.deployment;
    if (!kind) return;
    const p: ConnectionProfile = existing ? { ...existing } : { id: crypto.randomUUID(), name: '', kind };
    const hostList = (v: string) => v.split(/[\s,]+/).filter(Boolean).map(hp => { const i = hp.lastIndexOf(':'); return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) }; });
    const validHosts = (v: string) => (v.split(/[\s,]+/).filter(Boolean).every(hp => /^[^\s:]+:\d{1,5}$/.test(hp)) && v.trim() ? undefined : 'host:port, separated by commas');
    let urlPassword: string | undefined;
    if (kind === 'standalone') {
      const url = await window.showInputBox({ prompt: 'Server URL (the password is asked for separately)', value: p.url ?? 'redis://127.0.0.1:6379', validateInput: v => (/^rediss?:\/\/[^\s]+$/.test(v) ? undefined : 'redis://host:port or rediss://host:port') });
      if (url === undefined) return;
      p.url = url;
      // a password typed into the URL goes to SecretStorage, never into settings or the name
      try { urlPassword = parseRedisUrl(url).password; } catch { urlPassword = undefined; }
      p.tls = url.startsWith('rediss://') ? { enabled: true, ...(p.tls ?? {}) } : p.tls;
    } else if (kind === 'sentinel') {
      const s = await window.showInputBox({ prompt: 'Sentinel addresses', value: (p.sentinels ?? []).map(h => `${h.host}:${h.port}`).join(', ') || '127.0.0.1:26379', validateInput: validHosts });
      if (s === undefined) return;
      p.sentinels = hostList(s);
      const name = await window.showInputBox({ prompt: 'Master name (as in "sentinel monitor <name> …")', value: p.masterName ?? 'mymaster', validateInput: v => (v.trim() ? undefined : 'required') });
      if (name === undefined) return;
      p.masterName = name;
    } else {
      const s = await window.showInputBox({ prompt: 'Cluster seed nodes', value: (p.nodes ?? []).map(h => `${h.host}:${h.port}`).join(', ') || '127.0.0.1:7000', validateInput: validHosts });
      if (s === undefined) return;
      p.nodes = hostList(s);
    }
    const name = await window.showInputBox({
      prompt: 'Name shown in the sidebar', value: p.name ? safeName(p.name) : proposedName(p),
      validateInput: v => (hasUserinfo(v) ? 'A name must not contain a user name or password (user:password@)' : undefined),
    });
    if (name === undefined) return;
    p.name = safeName(name);
    const user = await window.showInputBox({ prompt: 'ACL user name (empty for the default user)', value: p.username ?? '' });
    if (user === undefined) return;
    p.username = user || undefined;
    const password = await window.showInputBox({ prompt: existing ? 'Password (leave empty to keep the stored one; type a single space to remove it)' : 'Password (empty for none). Stored in VS Code SecretStorage, never in settings.', password: true });
    if (password === undefined) return;
    const secrets: Secrets = {};
    if (password === ' ') secrets.password = '';
    else if (password) secrets.password = password;
    else if (urlPassword) secrets.password = urlPassword;
    if (kind === 'sentinel') {
      const sp = await window.showInputBox({ prompt: 'Password of the sentinels themselves (empty for none)', password: true });
      if (sp === undefined) return;
      if (sp) secrets.sentinelPassword = sp;
    }
    if (p.tls?.enabled) {
      const ca = await window.showInputBox({ prompt: 'CA certificate file for TLS (empty: the system CAs)', value: p.tls.caFile ?? '' });
      if (ca === undefined) return;
      p.tls.caFile = ca || undefined;
      if (p.tls.rejectUnauthorized === false) {
        void window.showWarningMessage(`Certificate verification is OFF for "${p.name}": anyone on the network path can impersonate the server.`);
      }
    }
    await this.store.save(p, secrets);
    this.active = p.id;
    await this.sync();
  }

  private async remove(n?: Node): Promise<void> {
    const p = await this.pick(n, 'Connection to remove');
    if (!p) return;
    const ok = await window.showWarningMessage(`Remove the connection "${p.name}" and its stored password?`, { modal: true }, 'Remove');
    if (ok !== 'Remove') return;
    await this.store.remove(p.id);
    await this.sync();
  }

  private infoProvider(): TextDocumentContentProvider {
    const changed = new EventEmitter<Uri>();
    return {
      onDidChange: changed.event,
      provideTextDocumentContent: async uri => {
        const m = this.monitors.get(uri.query);
        if (!m) return 'This connection no longer exists.';
        try {
          const info = await m.connection().client.call(['info', 'everything']);
          return String(info).replace(/\r\n/g, '\n');
        } catch (e) {
          return `INFO is not available: ${m.redact(errorText(e))}`;
        }
      },
    };
  }

  private async showInfo(n?: Node): Promise<void> {
    const p = await this.pick(n);
    if (!p) return;
    const uri = Uri.from({ scheme: INFO_SCHEME, path: `/${p.name.replace(/[^\w.-]+/g, '_')}.info`, query: p.id });
    await window.showTextDocument(await workspace.openTextDocument(uri), { preview: true });
  }

  private async healthCheck(n?: Node): Promise<void> {
    const p = await this.pick(n);
    if (!p) return;
    const m = this.monitors.get(p.id);
    if (!m) return;
    const state = await m.refresh();
    const text = state.error
      ? `Redis Guard health check of ${safeName(p.name)}\n[FAIL] could not check: ${m.redact(state.error)}\n`
      : m.redact(formatText(state.items, { target: `${safeName(p.name)} (${state.snapshot?.target ?? p.kind})`, coverage: state.coverage }));
    await window.showTextDocument(await workspace.openTextDocument({ content: text, language: 'plaintext' }));
  }

  private async scan(n?: Node): Promise<void> {
    const p = await this.pick(n);
    if (!p) return;
    const m = this.monitors.get(p.id);
    if (!m) return;
    const cfg = workspace.getConfiguration('redisGuard.keyPatterns');
    await window.withProgress({ location: ProgressLocation.Notification, title: `Scanning key patterns of ${p.name}`, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        const rows: PatternRow[] = await patternRowsFor(m, {
          keyBudget: cfg.get<number>('keyBudget') ?? 100_000,
          timeBudgetMs: (cfg.get<number>('timeBudgetSeconds') ?? 10) * 1000,
          delimiters: cfg.get<string[]>('delimiters'),
          pinned: cfg.get<string[]>('pinned') ?? [],
          signal: abort.signal,
          onProgress: (scanned: number, total?: number) => progress.report({ message: `${scanned.toLocaleString()} keys${total ? ` of ~${total.toLocaleString()}` : ''}` }),
        });
        this.tree.setPatterns(p.id, rows);
      } catch (e) {
        this.tree.setPatterns(p.id, scanFailureText(m, e));
      }
    });
  }

  private async fromConfig(): Promise<void> {
    const doc = window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'redis-conf') {
      void window.showInformationMessage('Open a redis.conf, valkey.conf or memurai.conf to connect with its settings.');
      return;
    }
    const { profile, password } = profileFromConfigText(doc.getText(), doc.fileName);
    let secrets: Secrets = {};
    if (password) {
      const ok = await window.showInformationMessage(`The file sets a password. Store it in VS Code SecretStorage for "${profile.name}"?`, { modal: true }, 'Store password');
      if (ok === 'Store password') secrets = { password };
    }
    await this.store.save(profile, secrets);
    this.active = profile.id;
    await this.sync();
    void commands.executeCommand('redisGuard.connections.focus');
  }

  private async compareWithLive(): Promise<void> {
    const doc = window.activeTextEditor?.document;
    if (!doc || doc.languageId !== 'redis-conf') {
      void window.showInformationMessage('Open the config file to compare with a live instance.');
      return;
    }
    const p = await this.pick(undefined, 'Compare with which live instance?');
    if (!p) return;
    const m = this.monitors.get(p.id);
    if (!m) return;
    const target = resolveTarget(workspace.getConfiguration('redisGuard').get<string>('server')) as Target;
    const names = directivesToCompare(doc.getText(), 'id' in target ? target : resolveTarget('redis@7.2') as Target);
    const live: Record<string, string> = {};
    const replies = await m.connection().client.pipeline(names.map(n => ['config', 'get', n]));
    replies.forEach(r => {
      if (r.ok && Array.isArray(r.value)) for (let i = 0; i + 1 < r.value.length; i += 2) live[String(r.value[i])] = String(r.value[i + 1]);
    });
    if (replies.length && replies.every(r => !r.ok)) {
      void window.showWarningMessage(`CONFIG GET is not permitted on "${p.name}" (renamed or forbidden). Add the renamed name to the connection's renames.`);
      return;
    }
    const drift = compare(doc.getText(), target, live);
    this.drift.set(doc.uri, drift.map(d => {
      const diag = new Diagnostic(new Range(d.line, d.character, d.line, d.endCharacter), d.message, DiagnosticSeverity.Information);
      diag.source = `redis-guard (live: ${p.name})`;
      diag.code = 'drift';
      return diag;
    }));
    void window.showInformationMessage(drift.length ? `${drift.length} directive${drift.length === 1 ? '' : 's'} differ from "${p.name}".` : `The file matches "${p.name}" on ${names.length} directives.`);
  }
}
