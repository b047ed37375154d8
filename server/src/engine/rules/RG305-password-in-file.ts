import { Rule, levels, argOf } from './types';
import { passwordsIn } from './RG303-weak-password';
import { Setting } from '../config-view';
import { placeholderIn } from '../placeholders';

/** Passwords of `sentinel auth-pass <master> <pw>` and `sentinel sentinel-pass <pw>` lines. */
function sentinelPasswords(lines: Setting[]): Array<{ s: Setting; arg: number }> {
  const out: Array<{ s: Setting; arg: number }> = [];
  for (const s of lines) {
    const sub = (s.values[0] ?? '').toLowerCase();
    if (sub === 'auth-pass' && s.values[2]) out.push({ s, arg: 3 });
    if (sub === 'sentinel-pass' && s.values[1]) out.push({ s, arg: 2 });
  }
  return out;
}

export const passwordInFile: Rule = {
  meta: {
    code: 'RG305',
    name: 'password-in-file',
    family: 'security',
    summary: 'A password is written in clear text in the config file.',
    severity: levels('off', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
      good: 'port 6379\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const found: Array<{ s: Setting; arg: number }> = [
      ...passwordsIn({ requirepass: c.all('requirepass'), masterauth: [...c.all('masterauth'), ...c.all('primaryauth')], users: c.all('user') }),
      ...sentinelPasswords(c.all('sentinel')),
    ];
    found.sort((a, b) => a.s.directive.line.index - b.s.directive.line.index || a.arg - b.arg);
    for (const p of found) {
      // a placeholder is not a password yet (RG207 says what the server makes of it)
      if (placeholderIn(p.s.values[p.arg - 1] ?? '')) continue;
      const kind = p.s.name === 'user' ? `the password of user ${p.s.values[0]}`
        : p.s.name === 'sentinel' ? `the ${(p.s.values[0] ?? '').toLowerCase()} password`
        : `the ${p.s.alias ?? p.s.name} password`;
      const userHint = p.s.name === 'user' ? ' On a user line you can write the SHA-256 hash (#<64 hex digits>) instead of >password.' : '';
      ctx.report({
        at: argOf(p.s, p.arg),
        message: `This file holds ${kind} in clear text: whoever can read it, its backups or its repository can log in. Keep secrets in an ACL file or a root-only include.`,
        details: `Move users into an ACL file (aclfile, mode 600, owned by the server's user), or put the secret lines in a root-only file loaded with include.${userHint}`,
      });
    }
  },
};
