import { Rule, levels, argOf, missingAt } from './types';
import { replaceArg, insertDirective } from '../edits';
import { securityEvictionRisk, SECURITY_STORE_ADVICE, SECURITY_STORE_POLICY } from '../eviction-advice';

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
      good: '# redis-guard: role=security-store\nmaxmemory 2gb\nmaxmemory-policy noeviction\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel) return;
    const policy = c.word('maxmemory-policy') ?? 'noeviction';
    const set = c.get('maxmemory-policy');
    const maxmemory = c.value('maxmemory') ?? '0';
    const risk = ctx.role === 'security-store' ? securityEvictionRisk(policy) : undefined;
    if (risk) {
      ctx.report({
        at: set ? argOf(set, 1) : missingAt(ctx.config, 'maxmemory-policy', ['MEMORY']),
        message: `${risk} A security store wants noeviction.`,
        details: `${SECURITY_STORE_ADVICE} ${ctx.roleReason}`,
        fixes: set ? [
          { title: `Use ${SECURITY_STORE_POLICY} (writes fail when memory is full; nothing is evicted)`, edits: [replaceArg(set, 1, SECURITY_STORE_POLICY)], safety: 'review' },
        ] : undefined,
      });
      return;
    }
    if (ctx.role === 'cache' && policy === 'noeviction' && maxmemory !== '0') {
      ctx.report({
        at: set ? argOf(set, 1) : missingAt(ctx.config, 'maxmemory-policy', ['MEMORY']),
        message: 'This instance is marked as a cache, but with noeviction writes fail once maxmemory is reached. A cache usually wants allkeys-lru or allkeys-lfu.',
        fixes: set ? [{ title: 'Use allkeys-lru', edits: [replaceArg(set, 1, 'allkeys-lru')], safety: 'review' }]
          : () => [{ title: 'Add maxmemory-policy allkeys-lru', edits: [insertDirective(ctx.text, c, 'maxmemory-policy', ['maxmemory-policy allkeys-lru'], ['MEMORY'])], safety: 'review' }],
      });
    }
  },
};
