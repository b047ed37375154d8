/**
 * The Redis Guard sidebar: connections tree, status bar, and the commands on them.
 * Every command that reaches a server goes through the monitors' read-only clients.
 */
import {
  ExtensionContext, window, commands, workspace, StatusBarAlignment, StatusBarItem, TreeView, languages,
  DiagnosticCollection, Diagnostic, DiagnosticSeverity, Range, Uri, TextDocumentContentProvider, EventEmitter,
  ProgressLocation, LogOutputChannel,
} from 'vscode';
import type { ConnectionProfile, Secrets } from '../../../server/src/live/redis/connection';
import { Monitor } from '../../../server/src/live/health/monitor';
import { resolveThresholds } from '../../../server/src/live/health/thresholds';
import type { HealthItem } from '../../../server/src/live/health/evaluate';
import { ConnectionStore } from './store';
import { safeName } from './profile-names';
import { errorText } from '../../../server/src/live/redact';
import { ConnectionsTree, Node, PatternRow } from './tree';
import { connectionWizard, probeConnection, ProbeResult } from './add-connection';
import { compare, directivesToCompare, Drift } from '../../../server/src/live/drift';
import { profileFromConfigText } from '../../../server/src/live/profile-from-config';
import { formatText } from '../../../server/src/live/health/report';
import { patternRowsFor, scanFailureText } from '../../../server/src/live/patterns/monitor-scan';
import { driftLabel, liveConfig, memberDrift, MemberDrift, targetFor } from '../../../server/src/live/member-drift';
import { deploymentsIn, readWorkspaceConfigs } from './deployment-files';
import { readMemberFile } from './read-bounded';
import { deploymentWizard } from './add-deployment';
import { memberStateText } from './deployment-model';
import { shownInput, ShownInput } from './add-connection';

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
  showWorst: 'redisGuard.showWorstCheck',
  addDeployment: 'redisGuard.addDeploymentFromConfigFiles',
  showMemberDrift: 'redisGuard.showMemberDrift',
  removeDeployment: 'redisGuard.removeDeployment',
} as const;

const INFO_SCHEME = 'redis-guard-info';
const REPORT_SCHEME = 'redis-guard-report';

/** The first of the items (depth first) with the worst status, preferring a row without children, and the labels that lead to it. */
export function worstCheck(items: HealthItem[], worst: string): { item: HealthItem; path: string[] } | undefined {
  let group: { item: HealthItem; path: string[] } | undefined;
  const visit = (list: HealthItem[], path: string[]): { item: HealthItem; path: string[] } | undefined => {
    for (const it of list) {
      if (it.status !== worst) continue;
      const here = [...path, it.label];
      if (!it.children?.length) return { item: it, path: here };
      group ??= { item: it, path: here };
      const inner = visit(it.children, here);
      if (inner) return inner;
    }
    return undefined;
  };
  return visit(items, []) ?? group;
}

export class Sidebar {
  private readonly store: ConnectionStore;
  private readonly monitors = new Map<string, Monitor>();
  readonly tree: ConnectionsTree;
  private view!: TreeView<Node>;
  private status!: StatusBarItem;
  private statusVisible = false;
  private active: string | undefined;
  private drift!: DiagnosticCollection;
  /** The last health report of each connection, shown read-only (REPORT_SCHEME). */
  private readonly reports = new Map<string, string>();
  private readonly reportChanged = new EventEmitter<Uri>();
  /** The last drift comparison of each deployment member with its own file, and the ones in flight. */
  private readonly memberDrifts = new Map<string, MemberDrift>();
  private readonly comparing = new Map<string, Promise<MemberDrift | undefined>>();

  constructor(private readonly context: ExtensionContext, private readonly log: LogOutputChannel) {
    this.store = new ConnectionStore(context);
    this.tree = new ConnectionsTree(() => this.store.list(), id => this.monitors.get(id), () => this.thresholds(), id => this.memberDrifts.get(id));
  }

  activate(): void {
    const c = this.context;
    this.view = window.createTreeView('redisGuard.connections', { treeDataProvider: this.tree, showCollapseAll: true });
    this.status = window.createStatusBarItem('redisGuard.health', StatusBarAlignment.Left, 20);
    this.status.name = 'Redis Guard: Health';
    this.status.command = SIDEBAR_COMMANDS.showWorst;
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
      workspace.registerTextDocumentContentProvider(REPORT_SCHEME, {
        onDidChange: this.reportChanged.event,
        provideTextDocumentContent: uri => this.reports.get(uri.query) ?? 'Run the health check again: this report is gone.',
      }),
      this.reportChanged,
      commands.registerCommand(SIDEBAR_COMMANDS.showWorst, () => this.showWorst()),
      commands.registerCommand(SIDEBAR_COMMANDS.add, () => this.addOrEdit()),
      commands.registerCommand(SIDEBAR_COMMANDS.edit, (n?: Node) => this.addOrEdit(this.profileOf(n))),
      commands.registerCommand(SIDEBAR_COMMANDS.remove, (n?: Node) => this.remove(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.refresh, (n?: Node) => this.refresh(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.showInfo, (n?: Node) => this.showInfo(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.healthCheck, (n?: Node) => this.healthCheck(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.scan, (n?: Node) => this.scan(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.fromConfig, () => this.fromConfig()),
      commands.registerCommand(SIDEBAR_COMMANDS.compare, () => this.compareWithLive()),
      commands.registerCommand(SIDEBAR_COMMANDS.addDeployment, () => this.addDeployment()),
      commands.registerCommand(SIDEBAR_COMMANDS.showMemberDrift, (n?: Node) => this.showMemberDrift(n)),
      commands.registerCommand(SIDEBAR_COMMANDS.removeDeployment, (n?: Node) => this.removeDeployment(n)),
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

  /** The open step of a multi-step input (Add Connection, Add Deployment), as shown. */
  shownInput(): ShownInput | undefined {
    return shownInput();
  }

  /** Compares a deployment member with its own file now (as after each refresh). */
  compareMember(id: string): Promise<MemberDrift | undefined> {
    const m = this.monitors.get(id);
    return m ? this.checkDrift(m) : Promise.resolve(undefined);
  }

  /** The last step of Add Connection: what the profile reaches, without saving it. */
  testConnection(profile: ConnectionProfile, secrets: Secrets = {}): Promise<ProbeResult> {
    return probeConnection(profile, secrets, this.thresholds());
  }

  /** What is selected in the tree. */
  selection(): readonly Node[] {
    return this.view.selection;
  }

  /** The status bar's text and tooltip, as shown. */
  statusBar(): { text: string; tooltip: string | undefined; visible: boolean } {
    const tip = this.status.tooltip;
    return { text: this.status.text, tooltip: typeof tip === 'string' ? tip : tip?.value, visible: this.statusVisible };
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
      if (!p || JSON.stringify(p) !== JSON.stringify(m.profile)) {
        this.info(m, `${safeName(m.profile.name)}: ${p ? 'settings changed, connecting again' : 'connection removed'}`);
        await m.dispose();
        this.monitors.delete(id);
        this.memberDrifts.delete(id);
      }
    }
    for (const p of profiles) {
      if (this.monitors.has(p.id)) continue;
      const m = new Monitor(p, await this.store.secrets(p.id), this.thresholds());
      this.watch(m);
      this.monitors.set(p.id, m);
    }
    if (!this.active || !ids.has(this.active)) this.active = profiles[0]?.id;
    void commands.executeCommand('setContext', 'redisGuard.hasConnections', profiles.length > 0);
    void commands.executeCommand('setContext', 'redisGuard.hasDeploymentMembers', profiles.some(p => p.member && p.member.role !== 'sentinel'));
    void commands.executeCommand('setContext', 'redisGuard.hasDeployments', profiles.some(p => p.member));
    this.tree.refresh();
    this.schedule();
    this.updateStatus();
  }

  /** Logs a monitor's state changes, reconnects and failed refreshes; every text passes its redaction. */
  private watch(m: Monitor): void {
    const name = safeName(m.profile.name);
    let last = 'idle';
    let wasUp = false;
    let lastError: string | undefined;
    let lastRefresh: number | undefined;
    this.info(m, `${name}: monitoring ${m.profile.kind}${m.profile.url ? ` ${m.profile.url}` : ''}`);
    m.onChange(() => {
      // a deployment member is compared with its own file after each refresh that reached it
      if (m.profile.member && m.profile.member.role !== 'sentinel' && m.state.refreshedAt !== lastRefresh && !m.state.error && m.connectionState().state === 'ready') {
        lastRefresh = m.state.refreshedAt;
        void this.checkDrift(m);
      }
      const { state, message } = m.connectionState();
      if (state !== last) {
        const text = `${name}: ${state}${message ? ` (${message})` : ''}`;
        if (state === 'ready') this.info(m, wasUp ? `${name}: reconnected` : text);
        else if (state === 'connecting' || state === 'loading' || state === 'closed') this.info(m, text);
        else this.log.warn(m.redact(text));
        if (state === 'ready') wasUp = true;
        last = state;
      }
      if (m.state.error !== lastError) {
        lastError = m.state.error;
        if (lastError) this.log.error(m.redact(`${name}: health check failed: ${lastError}`));
      }
      this.tree.refresh();
      this.updateStatus();
    });
  }

  /**
   * Drift of a member: its file (from disk: what a restart would load) against CONFIG GET,
   * through the monitor's read-only client and its command timeout. One comparison at a time per member.
   */
  private checkDrift(m: Monitor): Promise<MemberDrift | undefined> {
    const member = m.profile.member;
    if (!member || member.role === 'sentinel') return Promise.resolve(undefined);
    const id = m.profile.id;
    const running = this.comparing.get(id);
    if (running) return running;
    const p = (async () => {
      const file = member.configFile;
      const text = await readMemberFile(file);
      const d: MemberDrift = text === undefined
        ? { state: 'not-compared', why: `cannot read ${workspace.asRelativePath(file)}`, at: Date.now() }
        : await memberDrift(m.connection().client, text, targetFor(text, file, workspace.getConfiguration('redisGuard').get<string>('server')));
      if (d.state === 'not-compared') d.why = m.redact(d.why);
      if (this.monitors.get(id) !== m) return undefined; // removed or changed meanwhile
      const before = this.memberDrifts.get(id);
      this.memberDrifts.set(id, d);
      if (!before || driftLabel(before) !== driftLabel(d)) {
        const names = d.state === 'differ' ? `: ${d.drifts.map(x => x.name).join(', ')}` : d.state === 'not-compared' ? ` (${d.why})` : '';
        this.info(m, `${safeName(m.profile.name)}: drift from ${workspace.asRelativePath(file)}: ${driftLabel(d)}${names}`);
      }
      this.tree.refresh();
      return d;
    })().finally(() => this.comparing.delete(id));
    this.comparing.set(id, p);
    return p;
  }

  private info(m: Monitor, text: string): void {
    this.log.info(m.redact(text));
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
    if (!m) { this.status.hide(); this.statusVisible = false; return; }
    const conn = m.connectionState();
    const worst = conn.state === 'ready' || conn.state === 'idle' ? m.state.worst : 'problem';
    const icon = worst === 'ok' ? '$(pass)' : worst === 'warning' ? '$(warning)' : worst === 'problem' ? '$(error)' : worst === 'not-checked' ? '$(circle-slash)' : '$(database)';
    const name = safeName(m.profile.name);
    this.status.text = m.redact(`${icon} ${name}`);
    let tip: string;
    if (conn.state !== 'ready' && conn.state !== 'idle') {
      tip = `Redis Guard: ${name} is ${conn.state}${conn.message ? ` (${conn.message})` : ''}. Click to show it in the Redis Guard view.`;
    } else {
      const w = worst === 'ok' ? undefined : worstCheck(m.state.items, worst);
      tip = w
        ? `Redis Guard: ${name}: ${worst} — ${w.path.join(' › ')}: ${w.item.value}. Click to show this check.`
        : `Redis Guard: ${name}: ${m.state.items.length ? 'every check is ok' : 'not checked yet'}. Click to show it in the Redis Guard view.`;
    }
    this.status.tooltip = m.redact(tip);
    this.status.show();
    this.statusVisible = true;
  }

  /** The status bar's click: reveals and selects the worst check of the active connection (or the connection). */
  private async showWorst(): Promise<void> {
    const m = this.active ? this.monitors.get(this.active) : undefined;
    await commands.executeCommand('redisGuard.connections.focus');
    if (!m) return;
    const w = m.connectionState().state === 'ready' && m.state.worst !== 'ok' ? worstCheck(m.state.items, m.state.worst) : undefined;
    const node: Node = w ? { type: 'item', connectionId: m.profile.id, item: w.item } : { type: 'connection', profile: m.profile };
    await this.view.reveal(node, { select: true, focus: true, expand: true });
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
    const result = await connectionWizard(existing, async (p, secrets) =>
      this.testConnection(p, { ...(existing ? await this.store.secrets(existing.id) : {}), ...secrets }));
    if (!result) return;
    const { profile: p, secrets } = result;
    if (p.tls?.enabled && p.tls.rejectUnauthorized === false) {
      void window.showWarningMessage(`Certificate verification is OFF for "${safeName(p.name)}": anyone on the network path can impersonate the server.`);
    }
    await this.store.save(p, secrets);
    this.log.info(`${safeName(p.name)}: connection ${existing ? 'changed' : 'added'} (${p.kind})`);
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
    this.info(m, `${safeName(p.name)}: health check run, worst status ${state.worst}`);
    // a read-only document of our own scheme: nothing to save, never a dirty Untitled editor
    this.reports.set(p.id, text);
    const uri = Uri.from({ scheme: REPORT_SCHEME, path: `/${p.name.replace(/[^\w.-]+/g, '_')} health.txt`, query: p.id });
    this.reportChanged.fire(uri);
    await window.showTextDocument(await workspace.openTextDocument(uri), { preview: true });
  }

  private async scan(n?: Node): Promise<void> {
    const p = await this.pick(n);
    if (!p) return;
    const m = this.monitors.get(p.id);
    if (!m) return;
    const cfg = workspace.getConfiguration('redisGuard.keyPatterns');
    const name = safeName(p.name);
    const started = Date.now();
    this.info(m, `${name}: scanning key patterns (at most ${cfg.get<number>('keyBudget') ?? 100_000} keys, ${cfg.get<number>('timeBudgetSeconds') ?? 10} s)`);
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
        this.info(m, `${name}: scan found ${rows.length} key pattern${rows.length === 1 ? '' : 's'} in ${Date.now() - started} ms${abort.signal.aborted ? ' (cancelled)' : ''}`);
      } catch (e) {
        const why = scanFailureText(m, e);
        this.tree.setPatterns(p.id, why);
        this.log.warn(m.redact(`${name}: ${why}`));
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
    this.log.info(`${safeName(profile.name)}: connection added from ${workspace.asRelativePath(doc.uri)}${secrets.password ? ', its password kept in SecretStorage' : ''}`);
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
    // the target the language server checks this file against: its comment or name before the setting
    const target = targetFor(doc.getText(), doc.fileName, workspace.getConfiguration('redisGuard').get<string>('server'));
    const names = directivesToCompare(doc.getText(), target);
    const got = await liveConfig(m.connection().client, names);
    if ('error' in got) {
      void window.showWarningMessage(`CONFIG GET is not permitted on "${p.name}" (renamed or forbidden). Add the renamed name to the connection's renames.`);
      return;
    }
    const drift = compare(doc.getText(), target, got.live);
    this.showDrift(doc.uri, drift, p.name);
    this.info(m, `${safeName(p.name)}: compared ${names.length} directives of ${workspace.asRelativePath(doc.uri)}, ${drift.length} differ`);
    void window.showInformationMessage(drift.length ? `${drift.length} directive${drift.length === 1 ? '' : 's'} differ from "${p.name}".` : `The file matches "${p.name}" on ${names.length} directives.`);
  }

  /** Drift as information diagnostics on the lines of the file. */
  private showDrift(uri: Uri, drift: Drift[], name: string): void {
    this.drift.set(uri, drift.map(d => {
      const diag = new Diagnostic(new Range(d.line, d.character, d.line, d.endCharacter), d.message, DiagnosticSeverity.Information);
      diag.source = `redis-guard (live: ${safeName(name)})`;
      diag.code = 'drift';
      return diag;
    }));
  }

  // ------------------------------------------------------------------ deployments

  /**
   * Add Deployment from Config Files: the deployments in the workspace's config files (bounded
   * reading), one picked, its passwords asked once per distinct auth, and one connection per
   * member saved with its role, grouped under the deployment. Adding it again updates those
   * connections. Nothing is sent to any server before the monitors start (read-only, as always).
   */
  private async addDeployment(): Promise<void> {
    const configs = await window.withProgress({ location: ProgressLocation.Window, title: 'Redis Guard: reading config files' }, () => readWorkspaceConfigs());
    // a manifest that names no readable file has no member to connect to (the linter reports its problems)
    const deployments = deploymentsIn(configs, workspace.getConfiguration('redisGuard').get<string>('server')).filter(d => d.members.length > 0);
    if (!deployments.length) {
      const skipped = configs.skipped.length ? ` Skipped: ${configs.skipped.slice(0, 5).join(', ')}${configs.skipped.length > 5 ? ', …' : ''}.` : '';
      void window.showInformationMessage(`No deployment found in the workspace's ${configs.files.length} config file${configs.files.length === 1 ? '' : 's'}: a deployment needs a primary and its replicas or Sentinels (replicaof / sentinel monitor), files in one folder, or a redis-guard.json (or .redis-guard.yaml) manifest.${skipped}`);
      return;
    }
    const texts = new Map(configs.files.map(f => [f.path, f.text]));
    const choice = await deploymentWizard(deployments, texts, this.store.list(), p => workspace.asRelativePath(p));
    if (!choice) return;
    await this.store.saveMany(choice.entries, choice.removed.map(r => r.id));
    // a member whose password changed connects again with it (an unchanged profile keeps its monitor otherwise)
    for (const e of choice.entries) {
      const m = this.monitors.get(e.profile.id);
      if (!m || (e.secrets.password === undefined && e.secrets.sentinelPassword === undefined)) continue;
      await m.dispose();
      this.monitors.delete(e.profile.id);
      this.memberDrifts.delete(e.profile.id);
    }
    const d = choice.deployment;
    const counts = [`${choice.added.length} added`, `${choice.updated.length} updated`, ...(choice.removed.length ? [`${choice.removed.length} removed`] : [])].join(', ');
    this.log.info(`Deployment "${safeName(d.name)}" (${d.kind}) from ${d.manifestPath ? workspace.asRelativePath(d.manifestPath) : 'its config files'}: ${counts}: ${choice.entries.map(e => safeName(e.profile.name)).join('; ')}`);
    this.active = choice.entries[0]?.profile.id;
    await this.sync();
    void commands.executeCommand('redisGuard.connections.focus');
    void window.showInformationMessage(`Deployment "${safeName(d.name)}": ${counts}. Only read-only commands are sent to its members.`);
  }

  /** Removes every connection of a deployment (and their passwords), after one confirmation. */
  private async removeDeployment(n?: Node): Promise<void> {
    let key = n?.type === 'deployment' ? n.key : n?.type === 'connection' ? n.profile.member?.deployment : undefined;
    const all = this.store.list();
    if (!key) {
      const names = new Map(all.filter(p => p.member).map(p => [p.member!.deployment, p.member!.deploymentName]));
      if (!names.size) return;
      const chosen = names.size === 1 ? { key: [...names.keys()][0] } : await window.showQuickPick([...names].map(([k, name]) => ({ label: safeName(name), key: k })), { placeHolder: 'Deployment to remove' });
      key = chosen?.key;
    }
    const members = all.filter(p => p.member?.deployment === key);
    if (!members.length) return;
    const name = safeName(members[0].member!.deploymentName);
    const ok = await window.showWarningMessage(`Remove the deployment "${name}": its ${members.length} connections and their stored passwords?`, { modal: true }, 'Remove');
    if (ok !== 'Remove') return;
    await this.store.saveMany([], members.map(p => p.id));
    this.log.info(`Deployment "${name}": ${members.length} connections removed`);
    await this.sync();
  }

  /** Shows a member's drift from its own file as information diagnostics there (the file open in an editor). */
  private async showMemberDrift(n?: Node): Promise<void> {
    let p = n ? this.profileOf(n) : undefined;
    if (!p?.member) {
      const members = this.store.list().filter(x => x.member && x.member.role !== 'sentinel');
      if (!members.length) { void window.showInformationMessage('No deployment member to compare: add one with Add Deployment from Config Files.'); return; }
      const chosen = members.length === 1 ? { id: members[0].id } : await window.showQuickPick(members.map(x => ({ label: safeName(x.name), description: workspace.asRelativePath(x.member!.configFile), id: x.id })), { placeHolder: 'Show the drift of which member?' });
      p = chosen ? this.store.get(chosen.id) : undefined;
    }
    const member = p?.member;
    if (!p || !member) return;
    if (member.role === 'sentinel') { void window.showInformationMessage(`A Sentinel rewrites its own file: the drift of "${safeName(p.name)}" is not compared.`); return; }
    const m = this.monitors.get(p.id);
    if (!m) return;
    const doc = await workspace.openTextDocument(Uri.file(member.configFile));
    await window.showTextDocument(doc, { preview: false });
    const conn = m.connectionState();
    if (conn.state !== 'ready') await m.refresh();
    const now = m.connectionState();
    if (now.state !== 'ready') {
      void window.showWarningMessage(`"${safeName(p.name)}" is ${memberStateText(now.state, now.message)}: nothing compared.`);
      return;
    }
    const target = targetFor(doc.getText(), doc.fileName, workspace.getConfiguration('redisGuard').get<string>('server'));
    const d = await memberDrift(m.connection().client, doc.getText(), target);
    if (d.state === 'not-compared') { void window.showWarningMessage(m.redact(`"${safeName(p.name)}" not compared: ${d.why}`)); return; }
    this.showDrift(doc.uri, d.state === 'differ' ? d.drifts : [], p.name);
    void window.showInformationMessage(d.state === 'differ'
      ? `${d.drifts.length} directive${d.drifts.length === 1 ? '' : 's'} of ${workspace.asRelativePath(doc.uri)} differ from "${safeName(p.name)}".`
      : `${workspace.asRelativePath(doc.uri)} matches "${safeName(p.name)}" on ${d.compared} directives.`);
  }
}
