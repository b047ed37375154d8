import { hasAuthentication } from './RG301-no-authentication';
import { Rule, levels, missingAt, RuleContext } from './types';
import { insertDirective } from '../edits';
import { commandsOf } from '../catalog';

/** `inUse`: clients or Sentinel commonly rely on these commands, so the message asks before disabling. */
interface Group { id: string; commands: string[]; category: string; why: string; inUse: boolean }

const GROUPS: Group[] = [
  { id: 'flush', commands: ['flushdb', 'flushall'], category: 'dangerous', why: 'wipe every key in one call', inUse: false },
  { id: 'keys', commands: ['keys'], category: 'dangerous', why: 'block the server while it walks every key (SCAN does the same job safely)', inUse: false },
  { id: 'admin', commands: ['config', 'debug', 'module', 'shutdown'], category: 'dangerous', why: 'change the configuration, load code or stop the server', inUse: true },
  { id: 'scripting', commands: ['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'script', 'function', 'fcall', 'fcall_ro'], category: 'scripting', why: 'run arbitrary code inside the server', inUse: true },
];

/** Commands the default user cannot run because of a `user default …` line. */
function blockedByAcl(ctx: RuleContext, command: string, category: string): boolean {
  const lines = ctx.config.all('user').filter(u => u.values[0] === 'default');
  if (!lines.length) return false;
  const rules = lines[lines.length - 1].values.slice(1).map(r => r.toLowerCase());
  if (rules.includes('off')) return true;
  let allowed = false;
  for (const r of rules) {
    if (r === '+@all' || r === 'allcommands') allowed = true;
    else if (r === '-@all' || r === 'nocommands' || r === 'reset') allowed = false;
    else if (r === `-${command}` || r === `-@${category}`) allowed = false;
    else if (r === `+${command}` || r === `+@${category}`) allowed = true;
  }
  return !allowed;
}

/** Commands still reachable under their own name by every client. */
export function openCommands(ctx: RuleContext, group: Group): string[] {
  const c = ctx.config;
  const known = commandsOf(ctx.target.id);
  const renamed = new Set(c.all('rename-command').map(s => (s.values[0] ?? '').toLowerCase()));
  const modern = !(ctx.target.flavour === 'redis' && ctx.target.major < 7);
  return group.commands.filter(cmd => {
    if (!known.has(cmd) || renamed.has(cmd) || blockedByAcl(ctx, cmd, group.category)) return false;
    // 7.0+ blocks DEBUG and MODULE unless enable-debug-command / enable-module-command allow them
    if (modern && cmd === 'debug' && (c.word('enable-debug-command') ?? 'no') === 'no') return false;
    if (modern && cmd === 'module' && (c.word('enable-module-command') ?? 'no') === 'no') return false;
    return true;
  });
}

export const dangerousCommands: Rule = {
  meta: {
    code: 'RG310',
    name: 'dangerous-commands',
    family: 'security',
    summary: 'Commands like FLUSHALL, KEYS, CONFIG, DEBUG, SHUTDOWN, MODULE or EVAL are available to every client.',
    severity: levels('off', 'information', 'warning'),
    fixable: true,
    examples: {
      bad: 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
      good: 'requirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\nrename-command FLUSHDB ""\nrename-command FLUSHALL ""\nrename-command KEYS ""\nrename-command CONFIG ""\nrename-command SHUTDOWN ""\nrename-command EVAL ""\nrename-command EVALSHA ""\nrename-command EVAL_RO ""\nrename-command EVALSHA_RO ""\nrename-command SCRIPT ""\nrename-command FUNCTION ""\nrename-command FCALL ""\nrename-command FCALL_RO ""\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel || ctx.config.value('aclfile')) return; // users live in the ACL file: cannot judge from here
    // without any password every client has every command anyway: RG301 says so, this would add nothing
    if (!hasAuthentication(ctx.config)) return;
    const modern = !(ctx.target.flavour === 'redis' && ctx.target.major < 7);
    const groups = GROUPS.map(g => ({ g, open: openCommands(ctx, g) })).filter(x => x.open.length);
    if (!groups.length) return;
    const all = groups.flatMap(x => x.open.map(c => c.toUpperCase()));
    // one finding per file, with one quick fix per group (each group is a separate decision)
    const fixes = () => groups.map(({ open }) => {
      const names = open.map(x => x.toUpperCase());
      return {
        title: `Disable ${names.join(', ')} (rename-command … "")`,
        edits: [insertDirective(ctx.text, ctx.config, 'rename-command', names.map(n => `rename-command ${n} ""`), ['SECURITY', 'PERFORMANCE'])],
        safety: 'review' as const,
      };
    });
    const why = groups.map(({ g, open }) => `${open.map(x => x.toUpperCase()).join('/')} ${g.why}`).join('; ');
    ctx.report({
      at: missingAt(ctx.config, 'rename-command', ['SECURITY', 'PERFORMANCE']),
      message: `${all.length} dangerous command${all.length === 1 ? ' is' : 's are'} open to every client that logs in: ${all.length > 7 ? `${all.slice(0, 6).join(', ')} and ${all.length - 6} more` : all.join(', ')}. Disable the ones clients do not need${modern ? ', or deny them with an ACL rule' : ''}.`,
      details: `${all.length > 7 ? `All of them: ${all.join(', ')}. ` : ''}${why}.${groups.some(x => x.g.inUse) ? ' Check before disabling: Sentinel needs CONFIG on the servers it monitors, and many rate limiters use EVAL.' : ''}${modern ? ' On 7.0+ an ACL rule keeps them for administrators, e.g. "user default on >… ~* &* +@all ' + all.map(x => '-' + x.toLowerCase()).join(' ') + '".' : ''}`,
      fixes,
    });
  },
};
