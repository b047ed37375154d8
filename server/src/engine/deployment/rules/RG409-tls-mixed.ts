import { levels } from '../../rules/types';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';

const tlsOn = (m: MemberFile) => !!m.view.tlsPort;
const yes = (m: MemberFile, name: string) => (m.view.config.get(name)?.values[0] ?? '').toLowerCase() === 'yes';

export const tlsMixed: DeploymentRule = {
  meta: {
    code: 'RG409',
    name: 'tls-mixed',
    family: 'tls',
    summary: 'Some members use TLS and others do not, or a replica cannot speak to its primary the way the primary listens.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
  },
  check(ctx) {
    // replication that cannot connect at all
    for (const r of ctx.replicas) {
      const rep = r.view.replicaof;
      const p = rep && ctx.primaryOf(rep.host, rep.port);
      if (!rep || !p) continue;
      const tlsReplication = yes(r, 'tls-replication');
      const reachesTls = p.view.tlsPort !== undefined && rep.port === p.view.tlsPort;
      if (tlsReplication !== reachesTls && (rep.port === p.view.port || rep.port === p.view.tlsPort)) {
        ctx.report({
          in: r, at: placeOf(r.view, r.view.config.get('tls-replication') ?? rep.setting),
          message: tlsReplication
            ? `tls-replication yes, but port ${rep.port} of ${nameOf(p)} is its plain-text port: the replica's TLS handshake fails and it never syncs.`
            : `Port ${rep.port} of ${nameOf(p)} is its TLS port, but this replica connects without TLS (tls-replication no): it never syncs.`,
          details: 'A replica speaks TLS to its primary only with tls-replication yes, and then it must connect to the primary\'s tls-port. Point replicaof at the port that speaks what the replica speaks.',
          related: [{ in: p, at: placeOf(p.view, p.view.config.get(reachesTls ? 'tls-port' : 'port')), message: `${nameOf(p)}: where it listens` }],
        });
      }
    }
    // all or none
    const withTls = ctx.members.filter(tlsOn);
    if (!withTls.length || withTls.length === ctx.members.length) return;
    const example = withTls[0];
    for (const m of ctx.members.filter(x => !tlsOn(x))) {
      ctx.report({
        in: m, at: placeOf(m.view, m.view.config.get('port')),
        message: `${nameOf(example)} uses TLS but this member does not: its passwords and data cross the network in clear text.`,
        details: 'TLS protects a deployment only when every member uses it: replication, Sentinel\'s connections and clients all reach this member without encryption. Give every member a tls-port (and tls-replication / tls-cluster where it applies), or none.',
        related: [{ in: example, at: placeOf(example.view, example.view.config.get('tls-port')), message: `${nameOf(example)}: tls-port` }],
      });
    }
  },
};
