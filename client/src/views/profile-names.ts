/**
 * Names and stored forms of connection profiles. Plain module (no `vscode`): what Add
 * Connection proposes as a name, and what may go to the `redisGuard.connections` setting.
 * A name never carries a URL's userinfo (user:password@), neither proposed nor saved.
 */
import type { ConnectionProfile } from '../../../server/src/live/redis/connection';

/** `user:pass@` or `:pass@` in front of a host, without a scheme. */
const BARE_USERINFO = /(^|[\s(<])[^\s@(<]*:[^\s@]*@(?=[\w[])/g;
/** The userinfo of a URL in the text. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

/** Does the text hold a URL's userinfo (with a password)? */
export function hasUserinfo(text: string): boolean {
  return safeName(text) !== text;
}

/** The name without any userinfo (`redis://:pw@host:6379` → `redis://host:6379`, `:pw@host` → `host`). */
export function safeName(name: string): string {
  return name.replace(URL_USERINFO, '$1').replace(BARE_USERINFO, '$1');
}

/** The name Add Connection proposes: host:port of the URL, the master name, or the first seed node. */
export function proposedName(p: ConnectionProfile): string {
  if (p.url) {
    try {
      const u = new URL(p.url.trim());
      return u.port ? `${u.hostname}:${u.port}` : u.hostname || 'Redis';
    } catch {
      return safeName(p.url.replace(/^rediss?:\/\//i, '')) || 'Redis';
    }
  }
  if (p.masterName) return p.masterName;
  const seed = p.nodes?.[0];
  return seed ? `${seed.host}:${seed.port}` : 'Redis';
}

/** What may be stored in settings: no password in the URL, no userinfo in the name. */
export function storable(p: ConnectionProfile): ConnectionProfile {
  const copy: ConnectionProfile = JSON.parse(JSON.stringify(p));
  copy.name = safeName(copy.name);
  if (copy.url) {
    try {
      const u = new URL(copy.url);
      u.password = '';
      copy.url = u.toString();
    } catch { /* keep as is: validation reports it */ }
  }
  return copy;
}
