import { Rule, levels, argOf, missingAt } from './types';

/** An absolute path: POSIX "/…", a Windows drive "C:\…" / "C:/…", or a UNC path "\\host\share". */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

export const relativeDir: Rule = {
  meta: {
    code: 'RG323',
    name: 'relative-dir',
    family: 'persistence',
    summary: 'dir is relative or not set, so data files land wherever the server was started.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\ndir ./\n',
      good: 'port 6379\ndir /tmp\n',
    },
  },
  check(ctx) {
    // a cache keeps nothing there that a restart needs
    if (ctx.sentinel || ctx.role === 'cache') return;
    const set = ctx.config.get('dir');
    if (!set) {
      ctx.report({
        at: missingAt(ctx.config, 'dir', ['SNAPSHOTTING', 'PERSISTENCE', 'GENERAL']),
        message: 'dir is not set, so the server keeps dump.rdb and the AOF in the directory it happens to be started from. Started once from another directory (by hand, by a new service unit, after a reboot) it finds no data and starts empty. Set dir to an absolute path such as /var/lib/redis.',
      });
      return;
    }
    const value = set.values[0] ?? '';
    if (value === '' || isAbsolutePath(value)) return;
    ctx.report({
      at: argOf(set, 1),
      message: `dir "${value}" is relative to the directory the server is started from, not to this file, so dump.rdb and the AOF move whenever the start directory changes and the server may come up empty. Use an absolute path such as /var/lib/redis.`,
    });
  },
};
