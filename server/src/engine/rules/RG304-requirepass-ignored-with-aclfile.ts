import { Rule, levels, argOf } from './types';
import { deleteLine } from '../edits';

export const requirepassIgnoredWithAclfile: Rule = {
  meta: {
    code: 'RG304',
    name: 'requirepass-ignored-with-aclfile',
    family: 'security',
    summary: 'requirepass has no effect when aclfile is set or a user default line defines the default user.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all\n',
      good: 'port 6379\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    const pass = c.get('requirepass');
    if (!pass || !pass.values[0]) return;
    const aclfile = c.value('aclfile');
    const userLine = c.all('user').find(u => u.values[0] === 'default');
    if (!aclfile && !userLine) return;
    const [why, more] = aclfile
      ? ['with aclfile, every user, default included, comes only from the ACL file.', `The password of requirepass is never applied. If ${aclfile} does not define the default user, default is on with nopass and every client gets in without a password.`]
      : [`the user default line (line ${userLine!.directive.line.index + 1}) replaces its password.`, 'A user default line defines the default user from scratch.'];
    ctx.report({
      at: argOf(pass, 0),
      message: `requirepass has no effect: ${why} Put the password on the default user and remove requirepass.`,
      details: `${more} Give the default user its password (user default on >… here, or in the ACL file) and remove requirepass, so that nobody relies on it.`,
      fixes: [{ title: 'Remove the ignored requirepass line', edits: [deleteLine(pass)], safety: 'review' }],
    });
  },
};
