import { placeholderIn } from '../placeholders';
import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';
import { Setting } from '../config-view';
import { generatePassword } from './RG301-no-authentication';

const PLACEHOLDER = /(your|change|replace|placeholder|example|secret|password|passw0rd|foobared|redis|admin|default|todo|xxx|here)/i;
const COMMON = new Set(['123456', '12345678', 'password', 'qwerty', 'letmein', 'foobared', 'redis', 'admin', 'changeme', 'secret', 'default', 'welcome', 'iloveyou', 'master', 'root', 'test', 'guest']);

/** Shannon entropy of the text in bits (length × per-character entropy). */
export function entropyBits(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) { const p = n / s.length; h -= p * Math.log2(p); }
  return h * s.length;
}

/** Why a password is weak, or undefined when it looks strong. */
export function weakness(pw: string): string | undefined {
  if (COMMON.has(pw.toLowerCase())) return 'is one of the most common passwords';
  if (/^[A-Z0-9_]+$/.test(pw) && PLACEHOLDER.test(pw)) return 'is a placeholder from a template';
  if (pw.length < 16) return `has only ${pw.length} characters (use at least 16, better 32+ random ones)`;
  if (PLACEHOLDER.test(pw) && entropyBits(pw) < 80) return 'looks like a template or dictionary word';
  if (entropyBits(pw) < 64) return 'has little randomness (repeated or predictable characters)';
  return undefined;
}

/** Passwords written in the file: requirepass, masterauth and ">pw" rules of user lines. */
export function passwordsIn(settings: { requirepass: Setting[]; masterauth: Setting[]; users: Setting[] }): Array<{ s: Setting; arg: number; value: string }> {
  const out: Array<{ s: Setting; arg: number; value: string }> = [];
  for (const s of [...settings.requirepass, ...settings.masterauth]) if (s.values[0]) out.push({ s, arg: 1, value: s.values[0] });
  for (const u of settings.users) {
    u.values.forEach((r, i) => { if (i > 0 && r.startsWith('>') && r.length > 1) out.push({ s: u, arg: i + 1, value: r.slice(1) }); });
  }
  return out;
}

export const weakPassword: Rule = {
  meta: {
    code: 'RG303',
    name: 'weak-password',
    family: 'security',
    summary: 'A password is a placeholder, short, low in entropy or a dictionary word.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'requirepass YOUR_STRONG_PASSWORD_HERE\n',
      good: 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const found = passwordsIn({ requirepass: c.all('requirepass'), masterauth: [...c.all('masterauth'), ...c.all('primaryauth')], users: c.all('user') });
    for (const p of found) {
      // a template placeholder gets RG207, which says what the server makes of it
      if (placeholderIn(p.value)) continue;
      const why = weakness(p.value);
      if (!why) continue;
      const isUser = p.s.name === 'user';
      ctx.report({
        at: argOf(p.s, p.arg),
        message: `This password ${why}: anyone who can reach the port can guess it. Use a long random password${p.s.name === 'masterauth' || p.s.name === 'primaryauth' ? ' (and set the same on the primary)' : ''}.`,
        fixes: p.s.name === 'requirepass' || isUser ? () => {
          const fresh = generatePassword();
          return [{
            title: 'Replace with a new random password',
            edits: [replaceArg(p.s, p.arg, isUser ? `>${fresh}` : fresh)],
            safety: 'review',
          }];
        } : undefined,
      });
    }
  },
};
