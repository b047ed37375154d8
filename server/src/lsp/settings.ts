/**
 * The `redisGuard` settings per document (asked of the client when it can answer, cached until
 * they change), and the target and profile each document is checked against: what the file says
 * about itself comes before the settings (engine/target-of-file.ts).
 */
import * as nodePath from 'path';
import type { Connection } from 'vscode-languageserver/node';
import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { resolveTarget, targetOfFile, profileOfFile, Target, DEFAULT_TARGET, Level, ParsedFile, Profile, PROFILES } from '../engine';

/** The settings the server reads; package.json contributes each of them. */
export interface Settings { server: string; profile: Profile; rules: Record<string, Level> }

/** Where a document's target or profile came from. */
export type Source = 'comment' | 'file name' | 'setting' | 'default';

export interface DocumentTarget {
  target: Target;
  targetSource: Source;
  /** The profile the document is checked with, and where it came from. */
  profile: Profile;
  profileSource: Source;
  settings: Settings;
  /** Set when `redisGuard.server` is unusable and the default target is used instead. */
  warning?: string;
}

/** What the settings service needs of an open document: its parse and its path on disk. */
export type DocumentLookup = (uri: string) => { file: ParsedFile; filePath?: string } | undefined;

const DEFAULT_SETTINGS: Settings = { server: DEFAULT_TARGET, profile: 'production', rules: {} };

function normalise(s: Partial<Settings> | null | undefined): Settings {
  const profile = s?.profile && (PROFILES as readonly string[]).includes(s.profile) ? s.profile : DEFAULT_SETTINGS.profile;
  return { server: s?.server ?? DEFAULT_TARGET, profile, rules: s?.rules && typeof s.rules === 'object' ? s.rules : {} };
}

export class SettingsService {
  private pull = false;
  private global: Settings = DEFAULT_SETTINGS;
  private readonly perDocument = new Map<string, Promise<Settings>>();
  private lookup: DocumentLookup = () => undefined;
  private lastLogged = '';

  constructor(private readonly connection: Connection) {}

  /** Whether the client answers workspace/configuration requests (from the initialize params). */
  init(canPull: boolean): void { this.pull = canPull; }

  /** How to find an open document's parse and path (the document cache). */
  useDocuments(lookup: DocumentLookup): void { this.lookup = lookup; }

  /** After initialized: ask to be told when the section changes. */
  register(): void {
    if (this.pull) this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'redisGuard' }).catch(() => undefined);
  }

  /** The client says the settings changed; `settings` is its push (clients without pull support). */
  changed(settings: { redisGuard?: Partial<Settings> } | undefined): void {
    this.perDocument.clear();
    if (settings?.redisGuard) this.global = normalise(settings.redisGuard);
  }

  forget(uri: string): void { this.perDocument.delete(uri); }

  of(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.perDocument.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'redisGuard' })
        .then((s: Partial<Settings> | null) => this.logged(normalise(s)), () => this.global);
      this.perDocument.set(uri, p);
    }
    return p;
  }

  /** Logs the settings the server runs with, each time they differ from the last ones logged (they hold no secrets). */
  private logged(s: Settings): Settings {
    const text = `server ${s.server}, profile ${s.profile}, rules ${JSON.stringify(s.rules)}`;
    if (text !== this.lastLogged) {
      this.lastLogged = text;
      this.connection.console.info(`Settings: ${text}`);
    }
    return s;
  }

  /**
   * The target and profile to check a document against. A `# redis-guard: server=…` comment or
   * the file's name (memurai.conf, valkey-*.conf) comes before `redisGuard.server`; an unusable
   * setting falls back to the default, with a warning.
   */
  async targetOf(uri: string): Promise<DocumentTarget> {
    const settings = await this.of(uri);
    const doc = this.lookup(uri);
    const own = targetOfFile(doc?.file ?? '', doc?.filePath, settings.server);
    const named = doc ? profileOfFile(doc.file) : undefined;
    const profile = { profile: named ?? settings.profile, profileSource: (named ? 'comment' : 'setting') as Source };
    if ('error' in own) {
      return { target: resolveTarget(DEFAULT_TARGET) as Target, targetSource: 'default', ...profile, settings, warning: `redisGuard.server: ${own.error} Using ${DEFAULT_TARGET}.` };
    }
    return { target: own.target, targetSource: own.source, ...profile, settings };
  }
}

/** "Memurai 4.1", "Redis 7.0", "Valkey 9.1". */
export function targetLabel(t: Target): string {
  return `${t.flavour[0].toUpperCase()}${t.flavour.slice(1)} ${t.major}.${t.minor}`;
}

/** The file name of a document URI, for log lines. */
export function fileNameOf(uri: string): string {
  return nodePath.posix.basename(decodeURIComponent(uri.replace(/[?#].*$/, '')));
}
