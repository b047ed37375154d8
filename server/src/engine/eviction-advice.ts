/**
 * What an eviction policy does to security state (token revocations, deny lists, rate-limit
 * counters), said once for the rule that reads the file (RG331) and for the key-pattern
 * warnings of a live scan. The advice for a security store is `noeviction`: writes then fail
 * loudly when memory is full, and nothing that must stay can silently go. Both other families
 * evict exactly what must stay: `allkeys-*` any key; `volatile-*` the keys with a TTL, and a
 * revocation is kept with a TTL of the token's lifetime (`volatile-ttl` drops the entry that
 * expires soonest first, so the revocation of the token that is valid the shortest goes first).
 */

/** The policy for a security store, and what goes with it. */
export const SECURITY_STORE_POLICY = 'noeviction';
export const SECURITY_STORE_ADVICE = 'A security store wants noeviction (writes fail loudly instead), maxmemory with headroom and an alert on used memory; keep cache data on an instance of its own.';

/** Which keys a policy may evict once maxmemory is reached. */
export function evictsWhat(policy: string): 'any key' | 'keys with a TTL' | 'nothing' {
  const p = policy.trim().toLowerCase();
  if (p.startsWith('allkeys-')) return 'any key';
  if (p.startsWith('volatile-')) return 'keys with a TTL';
  return 'nothing';
}

/**
 * Why `policy` endangers security state, in a sentence, or undefined when it does not (noeviction).
 * `keysWithTtl`: under volatile-*, whether the keys in question have a TTL (unknown from a file: assumed,
 * since revocations are kept for the token's lifetime).
 */
export function securityEvictionRisk(policy: string, keysWithTtl = true): string | undefined {
  const p = policy.trim().toLowerCase();
  switch (evictsWhat(p)) {
    case 'any key':
      return `maxmemory-policy ${p} may evict any key once memory is full, revocations and rate-limit counters too: an evicted revocation makes a revoked token valid again.`;
    case 'keys with a TTL':
      if (!keysWithTtl) return undefined;
      return `maxmemory-policy ${p} evicts keys that have a TTL, and revocations kept for a token's lifetime have one${p === 'volatile-ttl' ? ' (the one that expires soonest goes first)' : ''}: an evicted revocation makes a revoked token valid again.`;
    default:
      return undefined;
  }
}
