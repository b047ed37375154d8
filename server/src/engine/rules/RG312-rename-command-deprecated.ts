import { Rule, levels, argOf } from './types';

export const renameCommandDeprecated: Rule = {
  meta: {
    code: 'RG312',
    name: 'rename-command-deprecated',
    family: 'compatibility',
    summary: 'rename-command is deprecated in favour of ACLs and must match on every replica.',
    severity: levels('hint', 'information', 'information', 'information', 'information'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrename-command FLUSHALL ""\n',
      good: 'port 6379\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all -flushall -flushdb\n',
    },
  },
  check(ctx) {
    const t = ctx.target;
    // Memurai 4 is built on Redis 7; the others carry their own version numbers
    if (t.flavour !== 'memurai' && t.major < 7) return;
    for (const s of ctx.config.all('rename-command')) {
      const cmd = (s.values[0] ?? '').toUpperCase();
      const search = t.flavour === 'redis' && t.major >= 8 && cmd === 'CONFIG'
        ? ' On Redis 8 the bundled search module needs CONFIG: renamed away, the server fails at start.'
        : '';
      ctx.report({
        at: argOf(s, 0),
        message: `rename-command is deprecated since 7.0: an ACL rule such as -${cmd.toLowerCase() || 'command'} on the application's user does the same per user.${search}`,
        details: 'ACL rules are visible with ACL LIST. A rename applies to the whole server and changes what can appear in the replication stream and the AOF: every replica must carry exactly the same renames, and a renamed write command can make a replica or an AOF reload fail.',
      });
    }
  },
};
