import { levels } from '../../rules/types';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';

function announceLine(m: MemberFile) {
  const c = m.view.config;
  return m.view.sentinel ? c.sentinel('announce-ip')[0] : m.view.cluster ? c.get('cluster-announce-ip') : c.get('replica-announce-ip');
}

export const announceInconsistent: DeploymentRule = {
  meta: {
    code: 'RG407',
    name: 'announce-inconsistent',
    family: 'replication',
    summary: 'Members announce the same address and port, or some announce an address while others of their kind do not.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
  },
  check(ctx) {
    // two members announcing one endpoint: the others merge them into one
    const seen = new Map<string, MemberFile>();
    for (const m of ctx.members) {
      if (!m.view.announceIp) continue;
      const key = `${m.view.announceIp}:${m.view.announcePort ?? m.view.port}`;
      const before = seen.get(key);
      if (!before) { seen.set(key, m); continue; }
      ctx.report({
        in: m, at: placeOf(m.view, announceLine(m)),
        message: `This server announces ${key}, as ${nameOf(before)} does: the others take the two for one server.`,
        details: 'Replicas tell their primary (and through it Sentinel) where to reach them with replica-announce-ip/port; Sentinels tell each other with sentinel announce-ip/port. Two members with one announced address overwrite each other in Sentinel\'s tables: one of them is never failed over to or never counted. Give each its own address or port.',
        related: [{ in: before, at: placeOf(before.view, announceLine(before)), message: `${nameOf(before)}: announces ${key}` }],
      });
    }
    // of one kind (data nodes, Sentinels), some announce and some do not: behind NAT the silent ones are reported at addresses nobody can reach
    for (const group of [ctx.members.filter(m => !m.view.sentinel), ctx.sentinels]) {
      const announcing = group.filter(m => m.view.announceIp);
      if (!announcing.length || announcing.length === group.length) continue;
      const example = announcing[0];
      for (const m of group.filter(x => !x.view.announceIp)) {
        const what = m.view.sentinel ? 'sentinel announce-ip' : m.view.cluster ? 'cluster-announce-ip' : 'replica-announce-ip';
        ctx.report({
          in: m, at: placeOf(m.view, m.view.config.get('port') ?? m.view.config.get('bind')),
          message: `${nameOf(example)} sets ${what}, this file does not: the others see this server at the address its connection comes from.`,
          details: `Announce addresses are set when members sit behind NAT or in containers, where the address a connection comes from is not one the others can reach. When only some members announce one, those without it are listed at their source address: a replica Sentinel cannot promote, or a Sentinel the others cannot reach. Set ${what} on every ${m.view.sentinel ? 'Sentinel' : 'data node'}, or on none.`,
          related: [{ in: example, at: placeOf(example.view, announceLine(example)), message: `${nameOf(example)}: ${what}` }],
        });
      }
    }
  },
};
