/**
 * What the instance holds, which decides how persistence and eviction are judged: the file's
 * `# redis-guard: role=…` comment, else a cache when the settings say so (nothing kept on disk —
 * `save ""` and no AOF — and an `allkeys-*` policy under a maxmemory limit: a deliberate cache),
 * else the profile's default (a security store in production, general in development).
 */
import type { ConfigView } from '../config-view';
import { snapshotsCleared } from './persistence';
import type { Profile, Role } from './types';

export interface AssumedRole {
  role: Role;
  /** Why, for the findings that depend on it: a sentence that also says how to change it. */
  reason: string;
}

const NAMES: Record<Role, string> = { 'security-store': 'a security store', cache: 'a cache', general: 'a general instance' };

export function assumedRole(config: ConfigView, profile: Profile, marked: Role | undefined): AssumedRole {
  if (marked) return { role: marked, reason: `Judged as ${NAMES[marked]} (role=${marked} in the file).` };
  const policy = (config.word('maxmemory-policy') ?? 'noeviction').toLowerCase();
  const maxmemory = config.value('maxmemory') ?? '0';
  const aof = (config.word('appendonly') ?? 'no').toLowerCase() === 'yes';
  if (!aof && snapshotsCleared(config) && policy.startsWith('allkeys-') && maxmemory !== '0') {
    return { role: 'cache', reason: `Judged as a cache: nothing is kept on disk and maxmemory-policy ${policy} may evict any key. If it holds data that must stay, mark it "# redis-guard: role=security-store" or role=general.` };
  }
  const role: Role = profile === 'development' ? 'general' : 'security-store';
  return { role, reason: `Judged as ${NAMES[role]}, the default of the ${profile} profile; mark a cache with "# redis-guard: role=cache".` };
}
