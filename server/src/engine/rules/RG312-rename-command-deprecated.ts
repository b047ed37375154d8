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
    // redis.conf has called renaming deprecated since 6.0, the release that brought ACLs (the
    // catalog's oldest target); Valkey and Memurai carry the same text
    const renames = ctx.config.all('rename-command');
    if (!renames.length) return;
    const cmds = renames.map(s => (s.values[0] ?? '').toUpperCase()).filter(Boolean);
    const search = t.flavour === 'redis' && t.major >= 8 && cmds.includes('CONFIG')
      ? ' On Redis 8 the bundled search module needs CONFIG: renamed away, the server fails at start.'
      : '';
    const acl = [...new Set(cmds)].slice(0, 3).map(c => `-${c.toLowerCase()}`).join(' ') || '-command';
    // one finding per file (at the first rename): the advice is the same for every line
    ctx.report({
      at: argOf(renames[0], 0),
      message: `rename-command is deprecated since 6.0${renames.length > 1 ? ` (${renames.length} lines)` : ''}: ACL rules such as ${acl} on the application's user do the same per user.${search}`,
      details: 'ACL rules are visible with ACL LIST and can be changed at runtime. A rename applies to the whole server and changes what can appear in the replication stream and the AOF: every replica must carry exactly the same renames, and a renamed write command can make a replica or an AOF reload fail.',
    });
  },
};
