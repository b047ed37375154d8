import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const rdbIntegrityOff: Rule = {
  meta: {
    code: 'RG325',
    name: 'rdb-integrity-off',
    family: 'persistence',
    summary: 'RDB checksums or compression are switched off.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\ndir ./\nrdbchecksum no\n',
      good: 'port 6379\ndir ./\nrdbchecksum yes\nrdbcompression yes\n',
    },
  },
  check(ctx) {
    // a cache's snapshots are not what keeps its data
    if (ctx.sentinel || ctx.role === 'cache') return;
    const why: Record<string, [string, string]> = {
      rdbchecksum: [
        'rdbchecksum no writes snapshots without a checksum: a damaged file is loaded without complaint. Keep it yes.',
        'A file damaged on disk, in a backup copy or during a full resync goes unnoticed. Checking costs a little CPU time when saving and loading.',
      ],
      rdbcompression: [
        'rdbcompression no writes snapshots uncompressed: larger files, slower copies to replicas and backups. Keep it yes.',
        'Uncompressed files are often several times larger and fill the disk sooner. Compression costs a little CPU in the background save child; switch it off only if you measured that the CPU matters more.',
      ],
    };
    for (const name of Object.keys(why)) {
      const set = ctx.config.get(name);
      if (!set || (set.values[0] ?? '').toLowerCase() !== 'no') continue;
      ctx.report({
        at: argOf(set, 1),
        message: why[name][0],
        details: why[name][1],
        fixes: [{ title: `Set ${name} yes`, edits: [replaceArg(set, 1, 'yes')], safety: 'review' }],
      });
    }
  },
};
