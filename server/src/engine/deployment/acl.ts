/**
 * Who may log in to a data node and what they may run, read from its file: `requirepass` and
 * `user` lines (an `aclfile` is not read; a node that uses one is not judged). Enough to answer
 * "does this password get this user in" and "may this user run these commands", not a full ACL.
 */
import { createHash } from 'crypto';
import type { ConfigView, Setting } from '../config-view';

export interface AclUser {
  name: string;
  on: boolean;
  nopass: boolean;
  passwords: Set<string>;
  hashes: Set<string>;
  /** The rules in order, lower-case. */
  rules: string[];
  /** The line that defines it (undefined for the implicit default user). */
  setting?: Setting;
}

export interface Logins {
  /** The file uses an aclfile: its users are unknown here. */
  aclfile: boolean;
  users: Map<string, AclUser>;
  /** The line that sets the default user's password (requirepass or user default). */
  defaultSetting?: Setting;
}

export function loginsOf(config: ConfigView): Logins {
  const users = new Map<string, AclUser>();
  const requirepass = config.get('requirepass');
  const pw = requirepass?.values[0];
  users.set('default', { name: 'default', on: true, nopass: !pw, passwords: new Set(pw ? [pw] : []), hashes: new Set(), rules: ['+@all', '~*', '&*'] });
  let defaultSetting = pw ? requirepass : undefined;
  for (const s of config.all('user')) {
    const name = s.values[0];
    if (name === undefined) continue;
    // a user line defines the user from scratch (off, no password, no commands); for the default user it replaces requirepass (RG304)
    const u: AclUser = { name, on: false, nopass: false, passwords: new Set(), hashes: new Set(), rules: [], setting: s };
    if (name === 'default') defaultSetting = s;
    for (const raw of s.values.slice(1)) {
      const r = raw.toLowerCase();
      if (r === 'on') u.on = true;
      else if (r === 'off') u.on = false;
      else if (r === 'nopass') { u.nopass = true; u.passwords.clear(); u.hashes.clear(); }
      else if (r === 'resetpass') { u.nopass = false; u.passwords.clear(); u.hashes.clear(); }
      else if (raw.startsWith('>')) { u.passwords.add(raw.slice(1)); u.nopass = false; }
      else if (raw.startsWith('#')) { u.hashes.add(r.slice(1)); u.nopass = false; }
      else if (raw.startsWith('<')) u.passwords.delete(raw.slice(1));
      else if (r === 'reset') { u.on = false; u.nopass = false; u.passwords.clear(); u.hashes.clear(); u.rules = []; }
      else u.rules.push(r);
    }
    users.set(name, u);
  }
  return { aclfile: !!config.get('aclfile')?.values[0], users, defaultSetting };
}

/** Whether the server asks for a password at all (the default user has one or is off, or other users exist). */
export function requiresPassword(l: Logins): boolean {
  const d = l.users.get('default')!;
  return !d.on || !d.nopass;
}

/**
 * What AUTH with this user and password gets: 'ok', 'wrongpass' (unknown user, user off, wrong
 * password), or 'nopass-default' (AUTH <password> to a default user without a password, which the
 * server answers with an error, checked on 7.0.15).
 */
export function tryLogin(l: Logins, user: string | undefined, password: string): 'ok' | 'wrongpass' | 'nopass-default' {
  const u = l.users.get(user ?? 'default');
  if (!u || !u.on) return 'wrongpass';
  if (u.nopass) return user === undefined ? 'nopass-default' : 'ok';
  if (u.passwords.has(password)) return 'ok';
  return u.hashes.has(createHash('sha256').update(password).digest('hex')) ? 'ok' : 'wrongpass';
}

/** Command categories, for the commands the checks ask about. */
const CATEGORIES: Record<string, string[]> = {
  psync: ['admin', 'slow', 'dangerous'], sync: ['admin', 'slow', 'dangerous'], replconf: ['admin', 'slow', 'dangerous'],
  ping: ['fast', 'connection'], info: ['slow', 'dangerous'], subscribe: ['pubsub', 'slow'], publish: ['pubsub', 'fast'],
  role: ['admin', 'fast', 'dangerous'], slaveof: ['admin', 'slow', 'dangerous'], replicaof: ['admin', 'slow', 'dangerous'],
  config: ['admin', 'slow', 'dangerous'], multi: ['fast', 'transaction'], exec: ['slow', 'transaction'], client: ['admin', 'slow', 'dangerous', 'connection'],
};

/** Whether the user's rules let it run `command` (a subcommand rule counts as allowing the command). */
export function mayRun(u: AclUser, command: string): boolean {
  const cats = CATEGORIES[command] ?? [];
  let allowed = false;
  for (const r of u.rules) {
    const sign = r[0];
    if (r === 'allcommands') allowed = true;
    else if (r === 'nocommands') allowed = false;
    else if (sign !== '+' && sign !== '-') continue;
    const what = r.slice(1);
    const hit = what === '@all' || what === command || what.startsWith(command + '|') || (what.startsWith('@') && cats.includes(what.slice(1)));
    if (hit && !(sign === '-' && what.includes('|'))) allowed = sign === '+';
  }
  return allowed;
}
