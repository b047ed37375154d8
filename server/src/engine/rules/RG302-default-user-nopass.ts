import { Rule, levels, argOf } from './types';
import { replaceArg, insertDirective } from '../edits';
import { ConfigView, Setting } from '../config-view';
import { generatePassword } from './RG301-no-authentication';

export interface DefaultUserState {
  line: Setting;
  enabled: boolean;
  nopass: boolean;
  /** Argument index (1 = first value) of the last `nopass` / `on`, when present. */
  nopassArg?: number;
  onArg?: number;
}

/**
 * The default user as a `user default …` line leaves it. The server resets a user
 * named on a user line before applying its rules (even `default`, which also wipes
 * what requirepass set), then applies the rules left to right.
 */
export function defaultUserState(lines: Setting[]): DefaultUserState | undefined {
  const defs = lines.filter(u => u.values[0] === 'default');
  if (!defs.length) return undefined;
  const line = defs[defs.length - 1];
  const st: DefaultUserState = { line, enabled: false, nopass: false };
  line.values.slice(1).forEach((raw, i) => {
    const r = raw.toLowerCase();
    if (r === 'on') { st.enabled = true; st.onArg = i + 2; }
    else if (r === 'off') st.enabled = false;
    else if (r === 'nopass') { st.nopass = true; st.nopassArg = i + 2; }
    else if (r === 'resetpass') st.nopass = false;
    else if (r === 'reset') { st.nopass = false; st.enabled = false; }
    else if (raw.startsWith('>') || raw.startsWith('#')) st.nopass = false;
  });
  return st;
}

/**
 * Does the default user end up on with nopass, so every connection is logged in
 * without AUTH? Unknown (false) with an aclfile; without a `user default` line the
 * implicit default user is `on nopass` unless requirepass gives it a password.
 */
export function defaultUserOpen(config: ConfigView): boolean {
  if (config.value('aclfile')) return false;
  const st = defaultUserState(config.all('user'));
  if (st) return st.enabled && st.nopass;
  return !config.value('requirepass');
}

export const defaultUserNopass: Rule = {
  meta: {
    code: 'RG302',
    name: 'default-user-nopass',
    family: 'security',
    summary: 'The default user is enabled without a password, so clients get in without AUTH.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: false,
    examples: {
      bad: 'port 6379\nuser default on nopass ~* &* +@all\n',
      good: 'port 6379\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return; // RG356 judges Sentinel access
    const c = ctx.config;
    const users = c.all('user');
    const st = defaultUserState(users);
    if (!st) {
      // ACL users with passwords, but the implicit default user is still on with nopass
      if (!users.length || c.value('aclfile') || c.value('requirepass')) return;
      ctx.report({
        at: argOf(users[0], 0),
        message: 'ACL users are defined, but the built-in default user stays on with nopass: clients that skip AUTH bypass them. Add "user default off".',
        details: 'Without a user default line or requirepass, the default user keeps nopass and full permissions. Turn it off, or give it a password and narrower permissions.',
        fixes: () => [{
          title: 'Add user default off (every client must AUTH as a named user)',
          edits: [insertDirective(ctx.text, c, 'user', ['user default off'], ['SECURITY'])],
          safety: 'review' as const,
        }],
      });
      return;
    }
    if (!st.enabled || !st.nopass || st.nopassArg === undefined) return;
    const nopassArg = st.nopassArg;
    const also = c.value('requirepass') ? ' The requirepass line does not help: the user line replaces the password it would set.' : '';
    const why = `Every new connection is logged in as default without AUTH, with all of its permissions.${also}`;
    ctx.report({
      at: argOf(st.line, st.nopassArg),
      message: 'The default user is on with nopass: anyone who can reach the port gets its permissions without AUTH. Give it a password, or turn it off.',
      details: `${why} With the default user off, give each application its own user.`,
      fixes: () => [
        {
          title: 'Replace nopass with a new random password (clients must then AUTH)',
          edits: [replaceArg(st.line, nopassArg, `>${generatePassword()}`)],
          safety: 'review' as const,
        },
        ...(st.onArg !== undefined ? [{
          title: 'Turn the default user off (every client must AUTH as a named user)',
          edits: [replaceArg(st.line, st.onArg, 'off')],
          safety: 'review' as const,
        }] : []),
      ],
    });
  },
};
