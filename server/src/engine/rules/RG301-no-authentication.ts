import { randomBytes } from 'crypto';
import { Rule, levels, missingAt } from './types';
import { insertDirective } from '../edits';
import { ConfigView } from '../config-view';
import { protectedModeDefaultOff, protectedModeTurnsAwayRemote } from './RG309-protected-mode-denies-remote';

/** Does any user line give a password (">pw" or "#hash") to an enabled user? */
export function hasAclPassword(config: ConfigView): boolean {
  return config.all('user').some(u => u.values.slice(1).some(r => r.startsWith('>') || /^#[0-9a-f]{64}$/.test(r)));
}

/** Is access protected by a password in any way the server honours? */
export function hasAuthentication(config: ConfigView): boolean {
  if (config.value('aclfile')) return true; // users come from the ACL file
  if (config.value('requirepass')) return true;
  return hasAclPassword(config);
}

/** A fresh random password: 32 random bytes, hex-encoded, no characters that need quoting. */
export function generatePassword(): string {
  return randomBytes(32).toString('hex');
}

export const noAuthentication: Rule = {
  meta: {
    code: 'RG301',
    name: 'no-authentication',
    family: 'security',
    summary: 'No password and no ACL user with a password: anyone who can connect has full access.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'bind 127.0.0.1\nport 6379\n',
      good: 'bind 127.0.0.1\nport 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel || hasAuthentication(ctx.config)) return;
    ctx.report({
      at: missingAt(ctx.config, 'requirepass', ['SECURITY']),
      // with protected mode on, only clients on this machine get in (the others are answered DENIED)
      message: protectedModeTurnsAwayRemote(ctx.config, ctx.target, ctx.container)
        ? 'No requirepass and no ACL user with a password: local clients have full access, and protected mode answers all others DENIED. Add requirepass, or ACL users.'
        : protectedModeDefaultOff(ctx.config, ctx.container)
          ? 'No requirepass and no ACL user with a password: the official images switch protected mode off, so anyone who can reach the port has full access. Add requirepass.'
          : 'No requirepass and no ACL user with a password: anyone who can reach the port has full access. Add requirepass with a long random password, or ACL users.',
      details: 'Full access includes FLUSHALL, SHUTDOWN and CONFIG SET. Protected mode is a safeguard, not access control: any local client, a sidecar or a process in the same container, can switch it off with CONFIG SET.',
      fixes: () => [{
        title: 'Add requirepass with a new random password',
        edits: [insertDirective(ctx.text, ctx.config, 'requirepass', [`requirepass ${generatePassword()}`], ['SECURITY'])],
        safety: 'review',
      }],
    });
  },
};
