import { Rule, levels, argOf, missingAt } from './types';

export const maxmemoryUnset: Rule = {
  meta: {
    code: 'RG330',
    name: 'maxmemory-unset',
    family: 'memory',
    summary: 'No maxmemory: the server grows until the OS kills it.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nmaxmemory 0\n',
      good: 'port 6379\nmaxmemory 2gb\nmaxmemory-policy noeviction\n',
    },
  },
  check(ctx) {
    if (ctx.sentinel) return;
    const set = ctx.config.get('maxmemory');
    const value = (set?.values[0] ?? ctx.config.value('maxmemory') ?? '0').toLowerCase();
    if (!/^0+[a-z]*$/.test(value)) return;
    ctx.report({
      at: set ? argOf(set, 1) : missingAt(ctx.config, 'maxmemory', ['MEMORY']),
      message: `${set ? 'maxmemory is 0, which means no limit' : 'maxmemory is not set, so there is no limit'}: memory can grow until the OOM killer ends the server. Set maxmemory and a maxmemory-policy that fits the data.`,
      details: 'The dataset, client buffers and the copy-on-write pages of a background save all count; without a limit they grow until the kernel\'s OOM killer ends the process (on Windows, until allocation fails), and everything not yet persisted is lost. A common limit is 60-75% of RAM when nothing else runs on the machine.',
    });
  },
};
