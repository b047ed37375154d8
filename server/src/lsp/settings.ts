/** The `redisGuard` settings per document (asked of the client when it can answer, cached until they change). */
import type { Connection } from 'vscode-languageserver/node';
import { DidChangeConfigurationNotification } from 'vscode-languageserver/node';
import { resolveTarget, Target, DEFAULT_TARGET, Level, Profile, PROFILES } from '../engine';

/** The settings the server reads; package.json contributes each of them. */
export interface Settings { server: string; profile: Profile; rules: Record<string, Level> }

const DEFAULT_SETTINGS: Settings = { server: DEFAULT_TARGET, profile: 'production', rules: {} };

function normalise(s: Partial<Settings> | null | undefined): Settings {
  const profile = s?.profile && (PROFILES as readonly string[]).includes(s.profile) ? s.profile : DEFAULT_SETTINGS.profile;
  return { server: s?.server ?? DEFAULT_TARGET, profile, rules: s?.rules && typeof s.rules === 'object' ? s.rules : {} };
}

export class SettingsService {
  private pull = false;
  private global: Settings = DEFAULT_SETTINGS;
  private readonly perDocument = new Map<string, Promise<Settings>>();

  constructor(private readonly connection: Connection) {}

  /** Whether the client answers workspace/configuration requests (from the initialize params). */
  init(canPull: boolean): void { this.pull = canPull; }

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
        .then((s: Partial<Settings> | null) => normalise(s), () => this.global);
      this.perDocument.set(uri, p);
    }
    return p;
  }

  /** The target to check a document against; an unusable `redisGuard.server` falls back to the default, with a warning. */
  async targetOf(uri: string): Promise<{ target: Target; settings: Settings; warning?: string }> {
    const settings = await this.of(uri);
    const t = resolveTarget(settings.server);
    if ('error' in t) return { target: resolveTarget(DEFAULT_TARGET) as Target, settings, warning: `redisGuard.server: ${t.error} Using ${DEFAULT_TARGET}.` };
    return { target: t, settings };
  }
}
