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
    // in a container the start directory is the image's working directory, the same on every start
    if (ctx.container && (!set || (set.values[0] !== '' && !isAbsolutePath(set.values[0] ?? '/')))) {
      ctx.report({
        at: set ? argOf(set, 1) : missingAt(ctx.config, 'dir', ['SNAPSHOTTING', 'PERSISTENCE', 'GENERAL']),
        atMost: 'information',
        message: `${set ? `dir "${set.values[0]}" is relative` : 'dir is not set'}: in a container the data goes to the image's working directory (/data in the official images). Keep a volume there.`,
        details: 'Without a volume (or a bind mount) at that directory, dump.rdb and the AOF live in the container\'s own layer and are gone when the container is recreated.',
      });
      return;
    }
    if (!set) {
      ctx.report({
        at: missingAt(ctx.config, 'dir', ['SNAPSHOTTING', 'PERSISTENCE', 'GENERAL']),
        message: 'dir is not set: dump.rdb and the AOF go wherever the server is started from. Set dir to an absolute path such as /var/lib/redis.',
        details: 'Started once from another directory (by hand, by a new service unit, after a reboot) the server finds no data there and starts empty.',
      });
      return;
    }
    const value = set.values[0] ?? '';
    if (value === '' || isAbsolutePath(value)) return;
    ctx.report({
      at: argOf(set, 1),
      message: `dir "${value}" is relative to where the server is started, not to this file. Use an absolute path such as /var/lib/redis.`,
      details: 'dump.rdb and the AOF move whenever the start directory changes, and the server may come up empty.',
    });
  },
};
