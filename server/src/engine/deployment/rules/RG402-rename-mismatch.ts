import { levels } from '../../rules/types';
import type { Setting } from '../../config-view';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';

/** `rename-command FROM TO` lines: command (lower-case) → new name ("" = disabled) and the line. */
function renamesOf(m: MemberFile): Map<string, { to: string; setting: Setting }> {
  const out = new Map<string, { to: string; setting: Setting }>();
  for (const s of m.view.config.all('rename-command')) {
    if (s.values.length >= 2) out.set(s.values[0].toLowerCase(), { to: s.values[1].toLowerCase(), setting: s });
  }
  return out;
}

const shown = (to: string | undefined, _cmd?: string) => (to === undefined ? 'not renamed' : to === '' ? 'disabled' : `renamed to ${to.toUpperCase()}`);

/** Commands Sentinel sends to the data nodes, which `sentinel rename-command` must follow. */
const SENTINEL_COMMANDS = ['config', 'slaveof', 'replicaof', 'info', 'ping', 'publish', 'subscribe', 'multi', 'exec', 'client', 'role', 'script', 'shutdown'];

export const renameMismatch: DeploymentRule = {
  meta: {
    code: 'RG402',
    name: 'rename-mismatch',
    family: 'replication',
    summary: 'rename-command differs between the primary and a replica, or Sentinel does not know a renamed command.',
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    for (const p of ctx.primaries) {
      const mine = renamesOf(p);
      for (const r of ctx.replicas) {
        const theirs = renamesOf(r);
        const commands = [...new Set([...mine.keys(), ...theirs.keys()])];
        for (const cmd of commands) {
          const a = mine.get(cmd), b = theirs.get(cmd);
          if (a?.to === b?.to) continue;
          ctx.report({
            in: r,
            at: placeOf(r.view, b?.setting ?? r.view.config.get('replicaof')),
            message: `${cmd.toUpperCase()} is ${shown(b?.to, cmd)} here but ${shown(a?.to, cmd)} in ${nameOf(p)}: commands the primary sends under that name fail on this replica.`,
            details: `The primary passes each write to its replicas under the name its client used, and the replica looks that name up in its own command table. When the names differ the replica answers its primary with an error, logs "== CRITICAL == This replica is sending an error to its master: 'unknown command …'" and drops the write while the link stays up: its data silently drifts from the primary's (checked on Redis 7.0 and 8.0, Valkey 8.0, 8.1 and 9.1 with SET renamed on the primary only and with DEL disabled on the replica only). After a failover the promoted replica also applies its own renames to every client. Use the same rename-command lines on every data node.`,
            related: [{ in: p, at: placeOf(p.view, a?.setting ?? p.view.config.get('port')), message: `${nameOf(p)}: ${cmd.toUpperCase()} ${shown(a?.to, cmd)}` }],
          });
        }
      }
      // Sentinel talks to the data nodes with CONFIG, REPLICAOF and friends: a renamed one needs "sentinel rename-command"
      for (const s of ctx.sentinels) {
        for (const mon of s.view.monitors) {
          if (ctx.primaryOf(mon.host, mon.port) !== p) continue;
          const known = new Map(s.view.config.sentinel('rename-command').filter(x => x.values[1] === mon.name && x.values.length >= 4).map(x => [x.values[2].toLowerCase(), { to: x.values[3].toLowerCase(), setting: x }]));
          for (const cmd of SENTINEL_COMMANDS) {
            const a = mine.get(cmd);
            const k = known.get(cmd);
            if ((a?.to ?? cmd) === (k?.to ?? cmd)) continue;
            ctx.report({
              in: s,
              at: placeOf(s.view, k?.setting ?? mon.setting),
              message: `${nameOf(p)} has ${cmd.toUpperCase()} ${shown(a?.to, cmd)}, but this Sentinel sends it as ${(k?.to ?? cmd).toUpperCase() || '(nothing)'}: its failover steps fail.`,
              details: `Sentinel reconfigures the data nodes with REPLICAOF/SLAVEOF, CONFIG REWRITE, CLIENT KILL and MULTI/EXEC, and watches them with PING, INFO, PUBLISH and SUBSCRIBE. It sends REPLICAOF and CONFIG REWRITE inside one MULTI, and a command the server does not know aborts the whole transaction (EXECABORT, checked on Redis 7.0 and 8.0, Valkey 8.0, 8.1 and 9.1 with CONFIG disabled), so the reconfiguration fails. Name a renamed command in "sentinel rename-command ${mon.name} ${cmd.toUpperCase()} <new name>"; a disabled one cannot be sent at all.`,
              related: [{ in: p, at: placeOf(p.view, a?.setting ?? p.view.config.get('port')), message: `${nameOf(p)}: ${cmd.toUpperCase()} ${shown(a?.to, cmd)}` }],
            });
          }
        }
      }
    }
  },
};
