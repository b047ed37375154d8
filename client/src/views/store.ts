/**
 * Where connections live: non-secret fields in the `redisGuard.connections` setting,
 * passwords only in VS Code SecretStorage (never in settings, logs or messages).
 */
import { ExtensionContext, workspace, ConfigurationTarget } from 'vscode';
import type { ConnectionProfile, Secrets } from '../../../server/src/live/redis/connection';
import { safeName, storable } from './profile-names';

const SECTION = 'redisGuard';

function secretKey(id: string, which: keyof Secrets): string {
  return `redisGuard.${which}.${id}`;
}

export class ConnectionStore {
  constructor(private readonly context: ExtensionContext) {}

  list(): ConnectionProfile[] {
    const raw = workspace.getConfiguration(SECTION).get<ConnectionProfile[]>('connections') ?? [];
    // names saved by older versions may hold a URL's userinfo: never shown
    return Array.isArray(raw) ? raw.filter(p => p && typeof p.id === 'string' && typeof p.name === 'string').map(p => ({ ...p, name: safeName(p.name) })) : [];
  }

  get(id: string): ConnectionProfile | undefined {
    return this.list().find(p => p.id === id);
  }

  /**
   * Where the list is written: where it is set now (a workspace's list hides the user's one, so
   * writing a connection to the user settings would make it disappear), else the user settings.
   */
  private where(): ConfigurationTarget {
    const set = workspace.getConfiguration(SECTION).inspect?.('connections'); // absent from the unit tests' stub
    return set?.workspaceValue !== undefined ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  }

  /** Saves the profile without a password in its URL or userinfo in its name (storable()). */
  async save(profile: ConnectionProfile, secrets?: Secrets): Promise<void> {
    const others = this.list().filter(p => p.id !== profile.id);
    // secrets first: the settings change starts the monitor, which reads them at once
    if (secrets) await this.setSecrets(profile.id, secrets);
    await workspace.getConfiguration(SECTION).update('connections', [...others, storable(profile)], this.where());
  }

  /**
   * Saves several profiles in one settings write (a deployment's members): each one already
   * stored keeps its place, new ones go to the end, and `removeIds` go with their passwords.
   */
  async saveMany(entries: Array<{ profile: ConnectionProfile; secrets?: Secrets }>, removeIds: string[] = []): Promise<void> {
    const byId = new Map(entries.map(e => [e.profile.id, storable(e.profile)]));
    const gone = new Set(removeIds);
    const kept = this.list().filter(p => !gone.has(p.id)).map(p => byId.get(p.id) ?? p);
    const added = [...byId.values()].filter(p => !kept.some(k => k.id === p.id));
    // secrets first: the settings change starts the monitors, which read them at once
    for (const e of entries) if (e.secrets) await this.setSecrets(e.profile.id, e.secrets);
    await workspace.getConfiguration(SECTION).update('connections', [...kept, ...added], this.where());
    for (const id of removeIds) {
      await this.context.secrets.delete(secretKey(id, 'password'));
      await this.context.secrets.delete(secretKey(id, 'sentinelPassword'));
    }
  }

  async remove(id: string): Promise<void> {
    await workspace.getConfiguration(SECTION).update('connections', this.list().filter(p => p.id !== id), this.where());
    await this.context.secrets.delete(secretKey(id, 'password'));
    await this.context.secrets.delete(secretKey(id, 'sentinelPassword'));
  }

  async secrets(id: string): Promise<Secrets> {
    return {
      password: await this.context.secrets.get(secretKey(id, 'password')) || undefined,
      sentinelPassword: await this.context.secrets.get(secretKey(id, 'sentinelPassword')) || undefined,
    };
  }

  async setSecrets(id: string, s: Secrets): Promise<void> {
    for (const which of ['password', 'sentinelPassword'] as const) {
      const v = s[which];
      if (v === undefined) continue;
      if (v === '') await this.context.secrets.delete(secretKey(id, which));
      else await this.context.secrets.store(secretKey(id, which), v);
    }
  }
}
