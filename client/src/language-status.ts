/**
 * The language status of a `redis-conf` document: which server (e.g. "Memurai 4.1") and which
 * profile it is checked against, where each came from (a comment in the file, its name, the
 * setting), and a command to change each. The language server answers what it uses itself
 * (FILE_STATUS_REQUEST), so the items never disagree with the diagnostics.
 */
import {
  ConfigurationTarget, Disposable, LanguageStatusItem, LanguageStatusSeverity, LogOutputChannel, QuickPickItem,
  TextDocument, commands, extensions, languages, window, workspace,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/** What the language server says about one open document (server/src/lsp/server.ts). */
export interface FileStatus {
  target: string;
  label: string;
  targetSource: 'comment' | 'file name' | 'setting' | 'default';
  profile: string;
  profileSource: 'comment' | 'setting';
  warning?: string;
}

export const STATUS_COMMANDS = {
  selectServer: 'redisGuard.selectServer',
  selectProfile: 'redisGuard.selectProfile',
} as const;

const FILE_STATUS_REQUEST = 'redisGuard/fileStatus';
const SELECTOR = { language: 'redis-conf' };

const FROM: Record<FileStatus['targetSource'], string> = {
  comment: 'from a redis-guard comment in the file',
  'file name': 'from the file name',
  setting: 'from the redisGuard.server setting',
  default: 'the default (the redisGuard.server setting is unusable)',
};

export class LanguageStatus implements Disposable {
  readonly target: LanguageStatusItem;
  readonly profile: LanguageStatusItem;
  /** The status of the document the items show, once known. */
  current: FileStatus | undefined;
  private readonly disposables: Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;

  constructor(private readonly client: LanguageClient, private readonly log: LogOutputChannel) {
    this.target = languages.createLanguageStatusItem('redisGuard.target', SELECTOR);
    this.target.name = 'Redis Guard: server';
    this.profile = languages.createLanguageStatusItem('redisGuard.profile', SELECTOR);
    this.profile.name = 'Redis Guard: profile';
    this.target.text = this.profile.text = '…';
    this.target.busy = true;
    this.disposables.push(
      this.target, this.profile,
      commands.registerCommand(STATUS_COMMANDS.selectServer, () => this.selectServer()),
      commands.registerCommand(STATUS_COMMANDS.selectProfile, () => this.selectProfile()),
      window.onDidChangeActiveTextEditor(() => this.update(0)),
      workspace.onDidChangeConfiguration(e => { if (e.affectsConfiguration('redisGuard')) this.update(100); }),
      // a redis-guard comment may name the server or the profile
      workspace.onDidChangeTextDocument(e => { if (e.document === window.activeTextEditor?.document) this.update(300); }),
    );
    this.update(0);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.disposables.forEach(d => d.dispose());
  }

  private document(): TextDocument | undefined {
    const doc = window.activeTextEditor?.document;
    return doc?.languageId === 'redis-conf' ? doc : undefined;
  }

  private update(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
  }

  /** Asks the server; a document it has not been told about yet is asked again shortly after. */
  private async refresh(attempt = 0): Promise<void> {
    const doc = this.document();
    if (!doc) return;
    const generation = ++this.generation;
    let status: FileStatus | null = null;
    try {
      status = await this.client.sendRequest<FileStatus | null>(FILE_STATUS_REQUEST, { uri: doc.uri.toString() });
    } catch (e) {
      this.log.warn(`Could not ask the language server what ${workspace.asRelativePath(doc.uri)} is checked against: ${(e as Error).message}`);
    }
    if (generation !== this.generation) return; // a newer question is on its way
    if (!status) {
      if (attempt < 20) this.timer = setTimeout(() => void this.refresh(attempt + 1), 250);
      return;
    }
    this.show(status);
  }

  private show(s: FileStatus): void {
    this.current = s;
    const t = this.target;
    t.busy = false;
    t.text = s.label;
    t.detail = FROM[s.targetSource];
    t.severity = s.warning ? LanguageStatusSeverity.Warning : LanguageStatusSeverity.Information;
    t.command = { title: 'Change Server', command: STATUS_COMMANDS.selectServer, tooltip: 'Pick the server and version files are checked against (redisGuard.server)' };
    const p = this.profile;
    p.text = `Profile: ${s.profile}`;
    p.detail = s.profileSource === 'comment' ? 'from a redis-guard comment in the file' : 'from the redisGuard.profile setting';
    p.command = { title: 'Change Profile', command: STATUS_COMMANDS.selectProfile, tooltip: 'Pick the deployment profile (redisGuard.profile)' };
  }

  private async selectServer(): Promise<void> {
    const own = this.current && (this.current.targetSource === 'comment' || this.current.targetSource === 'file name');
    const placeHolder = own
      ? `This file is checked against ${this.current!.label} ${FROM[this.current!.targetSource]}; the setting applies to files that name no server`
      : 'Server and version to check redis-conf files against';
    await pickSetting('server', placeHolder, this.document());
  }

  private async selectProfile(): Promise<void> {
    const placeHolder = this.current?.profileSource === 'comment'
      ? `A redis-guard comment in this file sets the profile ${this.current.profile}; the setting applies to the other files`
      : 'How strict the production rules are';
    await pickSetting('profile', placeHolder, this.document());
  }
}

/** A quick pick of a setting's enum (with its enumDescriptions from the manifest), written where the setting is set now. */
async function pickSetting(key: 'server' | 'profile', placeHolder: string, doc: TextDocument | undefined): Promise<void> {
  const schema = extensions.getExtension('redis-guard.redis-guard')?.packageJSON?.contributes?.configuration?.properties?.[`redisGuard.${key}`] as
    { enum?: string[]; enumDescriptions?: string[] } | undefined;
  const config = workspace.getConfiguration('redisGuard', doc?.uri);
  const value = config.get<string>(key);
  const items: Array<QuickPickItem & { value: string }> = (schema?.enum ?? []).map((v, i) => ({
    label: v, value: v, description: v === value ? '(current)' : undefined, detail: schema?.enumDescriptions?.[i],
  }));
  const chosen = await window.showQuickPick(items, { title: `Redis Guard: ${key === 'server' ? 'Server' : 'Profile'}`, placeHolder, matchOnDetail: true });
  if (!chosen || chosen.value === value) return;
  const where = config.inspect<string>(key);
  const target = where?.workspaceFolderValue !== undefined ? ConfigurationTarget.WorkspaceFolder
    : where?.workspaceValue !== undefined || (workspace.workspaceFolders?.length && where?.globalValue === undefined) ? ConfigurationTarget.Workspace
      : ConfigurationTarget.Global;
  await config.update(key, chosen.value, target);
}
