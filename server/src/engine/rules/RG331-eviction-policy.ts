import { Rule, levels, argOf, TOP } from './types';
import { replaceArg, insertDirective } from '../edits';

export const evictionPolicy: Rule = {
  meta: {
    code: 'RG331',
    name: 'eviction-policy',
    family: 'memory',
    summary: 'The eviction policy does not fit what the instance stores.',
    severity: levels('information', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: '# redis-guard: role=security-store\nmaxmemory 2gb\nmaxmemory-policy allkeys-lru\n',
      good: '# redis-guard: role=security-store\nmaxmemory 2gb\nmaxmemory-policy volatile-ttl\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel) return;
    const policy = c.word('maxmemory-policy') ?? 'noeviction';
    const set = c.get('maxmemory-policy');
    const maxmemory = c.value('maxmemory') ?? '0';
    if (ctx.role === 'security-store' && policy.startsWith('allkeys-')) {
      ctx.report({
        at: set ? argOf(set, 1) : TOP,
        message: `maxmemory-policy ${policy} may evict any key once memory is full, including token revocations and rate-limit counters: an evicted blacklist entry makes a revoked token valid again. For an instance that holds security state use volatile-ttl (only keys with a TTL are evicted, so give revocations a TTL equal to the token lifetime) or noeviction (writes fail loudly instead).`,
        fixes: set ? [
          { title: 'Use volatile-ttl (evict only keys with a TTL, soonest to expire first)', edits: [replaceArg(set, 1, 'volatile-ttl')], auto: true },
          { title: 'Use noeviction (refuse writes when memory is full)', edits: [replaceArg(set, 1, 'noeviction')], auto: false },
        ] : undefined,
      });
      return;
    }
    if (ctx.role === 'cache' && policy === 'noeviction' && maxmemory !== '0') {
      ctx.report({
        at: set ? argOf(set, 1) : TOP,
        message: 'This instance is marked as a cache, but with noeviction writes fail once maxmemory is reached. A cache usually wants allkeys-lru or allkeys-lfu.',
        fixes: set ? [{ title: 'Use allkeys-lru', edits: [replaceArg(set, 1, 'allkeys-lru')], auto: false }]
          : () => [{ title: 'Add maxmemory-policy allkeys-lru', edits: [insertDirective(ctx.text, c, 'maxmemory-policy', ['maxmemory-policy allkeys-lru'], ['MEMORY'])], auto: false }],
      });
    }
  },
};
