import { levels } from '../../rules/types';
import { DeploymentRule, MemberFile, nameOf, placeOf } from './types';
import { loginsOf, mayRun, requiresPassword, tryLogin } from '../acl';

const REPLICATION_COMMANDS = ['psync', 'replconf', 'ping'];

/** The replica-side names (Valkey 8 reads primaryauth/primaryuser too; ConfigView files aliases under the canonical name). */
function credentialsOf(m: MemberFile) {
  const c = m.view.config;
  const auth = c.get('masterauth') ?? c.get('primaryauth');
  const user = c.get('masteruser') ?? c.get('primaryuser');
  return { auth, user, password: auth?.values[0] || undefined, userName: user?.values[0] || undefined };
}

/** What goes wrong when `from` (a replica, or the primary after a failover) logs in to `to`; undefined when it gets in. */
export function replicationLoginProblem(from: MemberFile, to: MemberFile): { message: string; details: string; at: 'auth' | 'user' } | undefined {
  const logins = loginsOf(to.view.config);
  if (logins.aclfile) return undefined;
  const { password, userName } = credentialsOf(from);
  const target = nameOf(to);
  if (password === undefined) return undefined; // no masterauth: RG350 says so in the file itself
  const got = tryLogin(logins, userName, password);
  if (got === 'nopass-default') {
    return {
      at: 'auth',
      message: `masterauth is set but ${target} has no password: it answers the replica's AUTH with an error, so the replica never syncs.`,
      details: `The replica sends "AUTH <masterauth>" before syncing. A server whose default user has no password replies "ERR AUTH <password> called without any password configured for the default user", and the replica retries every second with the link down (checked on Redis 7.0 and 8.0, Valkey 8.0, 8.1 and 9.1; Redis logs "Unable to AUTH to MASTER"). Give ${target} the same password (requirepass), or remove masterauth here.`,
    };
  }
  if (got === 'wrongpass') {
    const who = userName ? `user "${userName}" and this masterauth` : 'masterauth';
    const u = userName ? logins.users.get(userName) : undefined;
    const why = userName && !u ? `${target} has no user "${userName}"` : userName && u && !u.on ? `user "${userName}" is off in ${target}` : `it is not ${userName ? `that user's password in ${target}` : `${target}'s password`}`;
    return {
      at: userName && (!u || !u.on) ? 'user' : 'auth',
      message: `${who} do${userName ? '' : 'es'} not log in to ${target}: ${why}. The replica's sync is refused (WRONGPASS).`,
      details: `The replica authenticates with masteruser/masterauth before every sync. With a wrong password or an unknown or disabled user the primary answers -WRONGPASS, the replica retries every second, and its data stays empty or stale (checked on Redis 7.0 and 8.0, Valkey 8.0, 8.1 and 9.1). Use the same password on every node (requirepass, or the replication user's password), so that roles can also swap after a failover.`,
    };
  }
  const u = logins.users.get(userName ?? 'default');
  const missing = u ? REPLICATION_COMMANDS.filter(c => !mayRun(u, c)) : [];
  if (missing.length) {
    return {
      at: 'user',
      message: `User "${u!.name}" in ${target} may not run ${missing.join(', ')}: the replica logs in, then its PSYNC is refused (NOPERM) and it never syncs.`,
      details: `A replica needs PSYNC, REPLCONF and PING on its primary. Without them the primary answers "NOPERM this user has no permissions to run the 'psync' command" and the link stays down (checked on Redis 7.0 and 8.0, Valkey 8.0, 8.1 and 9.1). Give the replication user "+psync +replconf +ping".`,
    };
  }
  return undefined;
}

export const replicaAuthMismatch: DeploymentRule = {
  meta: {
    code: 'RG401',
    name: 'replica-auth-mismatch',
    family: 'replication',
    summary: "A replica's masterauth / masteruser does not log in to its primary, so it never syncs.",
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    for (const r of ctx.replicas) {
      const rep = r.view.replicaof;
      if (!rep) continue;
      const p = ctx.primaryOf(rep.host, rep.port);
      if (!p) continue;
      const problem = replicationLoginProblem(r, p);
      if (!problem) continue;
      const { auth, user } = credentialsOf(r);
      const logins = loginsOf(p.view.config);
      // the line that defines the login the replica uses: its user's line, else the default user's password
      const target = userLine(logins, credentialsOf(r).userName);
      ctx.report({
        in: r,
        at: placeOf(r.view, problem.at === 'user' ? user ?? auth : auth),
        message: problem.message,
        details: problem.details,
        related: [{ in: p, at: placeOf(p.view, target || logins.defaultSetting || p.view.config.get('port')), message: `${nameOf(p)}: the primary's ${target ? 'user' : 'password'}` }],
      });
    }
    // after a failover the old primary becomes a replica of a former replica: its masterauth must log in there
    if (ctx.deployment.kind !== 'sentinel') return;
    for (const p of ctx.primaries) {
      const own = credentialsOf(p);
      const problemAt = (r: MemberFile) => !requiresPassword(loginsOf(r.view.config)) ? undefined
        : own.password === undefined ? { message: `It has no masterauth, and ${nameOf(r)} requires a password.`, details: 'Without masterauth its sync is refused (NOAUTH) and it serves stale data until someone fixes the file.' }
        : replicationLoginProblem(p, r);
      const to = ctx.replicas.find(r => problemAt(r));
      if (!to) continue;
      const problem = problemAt(to)!;
      ctx.report({
        in: p,
        at: placeOf(p.view, own.auth ?? p.view.config.get('requirepass')),
        message: `After a failover this primary becomes a replica of ${nameOf(to)}, but it cannot log in there to sync.`,
        details: `Sentinel turns the old primary into a replica of the promoted one. ${problem.message} ${problem.details} Keep the same password and masterauth on every data node.`,
        related: [{ in: to, at: placeOf(to.view, loginsOf(to.view.config).defaultSetting), message: `${nameOf(to)}: its password` }],
      });
    }
  },
};

function userLine(logins: ReturnType<typeof loginsOf>, name: string | undefined) {
  return name ? logins.users.get(name)?.setting : undefined;
}
