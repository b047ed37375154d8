import { Rule, levels, argOf } from './types';

/** Characters that are safe in a file name on every platform and in shell scripts. */
const PLAIN = /^[A-Za-z0-9._-]+$/;

export const unusualFilename: Rule = {
  meta: {
    code: 'RG324',
    name: 'unusual-filename',
    family: 'persistence',
    summary: 'dbfilename or appendfilename has an unusual name or extension.',
    severity: levels('off', 'hint', 'information', 'information', 'information'),
    fixable: false,
    examples: {
      bad: 'port 6379\ndir ./\ndbfilename "my backup.dat"\n',
      good: 'port 6379\ndir ./\ndbfilename dump.rdb\nappendfilename appendonly.aof\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const checks: Array<{ name: string; ext: string; what: string }> = [
      { name: 'dbfilename', ext: '.rdb', what: 'RDB snapshot' },
      { name: 'appendfilename', ext: '.aof', what: 'append-only file' },
    ];
    for (const k of checks) {
      const set = ctx.config.get(k.name);
      const value = set?.values[0];
      if (!set || !value) continue;
      const problems: string[] = [];
      if (!value.toLowerCase().endsWith(k.ext)) problems.push(`does not end in ${k.ext}`);
      if (!PLAIN.test(value)) problems.push('contains blanks or characters other than letters, digits, ".", "_" and "-"');
      if (!problems.length) continue;
      ctx.report({
        at: argOf(set, 1),
        message: `${k.name} "${value}" ${problems.join(' and ')}. Prefer a plain name ending in ${k.ext}, e.g. ${k.name === 'dbfilename' ? 'dump.rdb' : 'appendonly.aof'}.`,
        details: `Backup scripts, restore procedures and monitoring usually look for the ${k.what} by its usual name, and odd characters need quoting everywhere the name is used.`,
      });
    }
  },
};
