import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';
import { hasAuthentication } from './RG301-no-authentication';
import { defaultUserOpen } from './RG302-default-user-nopass';

export const protectedModeOff: Rule = {
  meta: {
    code: 'RG306',
    name: 'protected-mode-off',
    family: 'security',
    summary: 'protected-mode no without authentication opens the server to every network client.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'port 6379\nprotected-mode no\n',
      good: 'port 6379\nprotected-mode yes\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel) return; // Sentinel turns protected mode off by design; RG356 covers it
    const set = c.get('protected-mode');
    if (!set || (set.values[0] ?? '').toLowerCase() !== 'no') return;
    // protected mode only acts while the default user has no password (the server checks exactly that)
    if (hasAuthentication(c) && !defaultUserOpen(c)) return;
    ctx.report({
      at: argOf(set, 1),
      message: 'protected-mode is off and the default user has no password: anyone who can reach the port gets full access. Turn it back on, or set a password first.',
      details: 'Protected mode is the safeguard that turns away clients from other machines in exactly this situation. Give the default user a password (requirepass or a user default line) before opening the server to other machines.',
      fixes: [{ title: 'Set protected-mode yes', edits: [replaceArg(set, 1, 'yes')], safety: 'review' }],
    });
  },
};
