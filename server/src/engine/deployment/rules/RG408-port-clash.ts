import { levels } from '../../rules/types';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';
import { hostOf } from '../view';

interface Use { m: MemberFile; port: number; what: string; setting: ReturnType<MemberFile['view']['config']['get']> }

function usesOf(m: MemberFile): Use[] {
  const c = m.view.config;
  const out: Use[] = [];
  if (m.view.port) out.push({ m, port: m.view.port, what: 'port', setting: c.get('port') });
  if (m.view.tlsPort) out.push({ m, port: m.view.tlsPort, what: 'tls-port', setting: c.get('tls-port') });
  if (m.view.cluster) {
    const explicit = Number(c.get('cluster-port')?.values[0] ?? 0);
    const bus = explicit || (m.view.port || m.view.tlsPort || 6379) + 10000;
    out.push({ m, port: bus, what: explicit ? 'cluster-port' : 'cluster bus port (port + 10000)', setting: c.get('cluster-port') ?? c.get('port') });
  }
  return out;
}

const WILDCARD = new Set(['*', '0.0.0.0', '::', '-::*']);

/**
 * The host a member runs on, when the files say it: the manifest's host, an announce address, or
 * a bind list without a wildcard (a loopback-only member shares its machine with the members it
 * talks to). Members that listen on every interface may each run in a container or machine of
 * their own (all on 6379): they are not compared.
 */
function knownHost(m: MemberFile): string | undefined {
  const v = m.view;
  const fromFile = v.announceIp ?? (v.bind.length && !v.bind.some(a => WILDCARD.has(a)) ? m.member.host : undefined);
  const fromManifest = m.member.host !== hostOf(v) ? m.member.host : undefined;
  return fromManifest ?? fromFile;
}

export const portClash: DeploymentRule = {
  meta: {
    code: 'RG408',
    name: 'port-clash',
    family: 'operations',
    summary: 'Two members on one host use the same port, TLS port or cluster bus port, or a bus port is above 65535.',
    severity: levels('error', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    const taken = new Map<string, Use>();
    for (const m of ctx.members) {
      for (const u of usesOf(m)) {
        if (u.port > 65535) {
          ctx.report({
            in: m, at: placeOf(m.view, u.setting),
            message: `The cluster bus port would be ${u.port}, above 65535: the node refuses to start. Use a port up to 55535 or set cluster-port.`,
            details: 'A cluster node listens on a second port for the cluster bus: cluster-port, or its port plus 10000 when cluster-port is 0 (the default).',
            related: [],
          });
          continue;
        }
        const host = knownHost(m);
        if (host === undefined) continue;
        const key = `${host}:${u.port}`;
        const before = taken.get(key);
        if (!before) { taken.set(key, u); continue; }
        if (before.m === m) continue;
        ctx.report({
          in: m, at: placeOf(m.view, u.setting),
          message: `Its ${u.what} ${u.port} on ${host} is also ${nameOf(before.m)}'s ${before.what}: the second one to start cannot listen there.`,
          details: 'Only one process can listen on an address and port. A cluster node also takes its bus port (cluster-port, or port + 10000), so ports 7000 and 17000 clash as surely as two nodes on 7000. Give each member on one host its own ports.',
          related: [{ in: before.m, at: placeOf(before.m.view, before.setting), message: `${nameOf(before.m)}: ${before.what} ${before.port}` }],
        });
      }
    }
  },
};
