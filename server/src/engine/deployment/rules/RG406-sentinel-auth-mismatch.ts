import { levels } from '../../rules/types';
import { DeploymentRule, nameOf, placeOf } from './types';
import { loginsOf, mayRun, requiresPassword, tryLogin } from '../acl';

/** What a Sentinel runs on the data nodes (Redis's Sentinel documentation lists them for its ACL user). */
const SENTINEL_NEEDS = ['ping', 'info', 'subscribe', 'publish', 'role', 'config', 'client', 'multi', 'exec', 'slaveof'];

export const sentinelAuthMismatch: DeploymentRule = {
  meta: {
    code: 'RG406',
    name: 'sentinel-auth-mismatch',
    family: 'replication',
    summary: "A Sentinel's auth-pass / auth-user does not log in to the primary it monitors.",
    severity: levels('warning', 'error', 'error', 'error', 'error'),
  },
  check(ctx) {
    for (const s of ctx.sentinels) {
      for (const mon of s.view.monitors) {
        const p = ctx.primaryOf(mon.host, mon.port);
        if (!p) continue;
        const logins = loginsOf(p.view.config);
        if (logins.aclfile || !requiresPassword(logins)) continue;
        const pass = s.view.config.sentinel('auth-pass').filter(x => x.values[1] === mon.name).pop();
        const user = s.view.config.sentinel('auth-user').filter(x => x.values[1] === mon.name).pop();
        const password = pass?.values[2];
        if (!password) continue; // none at all: RG354 says so in the file itself
        const userName = user?.values[2] || undefined;
        const got = tryLogin(logins, userName, password);
        const primaryAt = placeOf(p.view, (userName && logins.users.get(userName)?.setting) || logins.defaultSetting);
        if (got !== 'ok') {
          ctx.report({
            in: s,
            at: placeOf(s.view, got === 'wrongpass' && userName && !logins.users.get(userName)?.on ? user : pass),
            message: `auth-${userName ? 'user and auth-pass' : 'pass'} for "${mon.name}" do${userName ? '' : 'es'} not log in to ${nameOf(p)}: this Sentinel sees the primary as down and cannot reconfigure it.`,
            details: `Sentinel authenticates to the primary and its replicas with sentinel auth-user/auth-pass. With the wrong password they answer its PING and INFO with NOAUTH, so it never learns the replicas, judges the primary unreachable and cannot send the commands of a failover. Use the data nodes' password (and their Sentinel user, if they have one).`,
            related: [{ in: p, at: primaryAt, message: `${nameOf(p)}: the primary's ${userName ? 'user' : 'password'}` }],
          });
          continue;
        }
        const u = logins.users.get(userName ?? 'default');
        const missing = u ? SENTINEL_NEEDS.filter(c => !mayRun(u, c)) : [];
        if (missing.length) {
          ctx.report({
            in: s,
            at: placeOf(s.view, user ?? pass),
            message: `User "${u!.name}" in ${nameOf(p)} may not run ${missing.join(', ')}: this Sentinel cannot watch and fail over "${mon.name}".`,
            details: 'A Sentinel user on the data nodes needs at least: +ping +info +subscribe +publish +role +config|rewrite +client|setname +client|kill +multi +exec +slaveof (and +script|kill). Without them the commands are refused with NOPERM and a failover cannot complete.',
            related: [{ in: p, at: primaryAt, message: `${nameOf(p)}: user "${u!.name}"` }],
          });
        }
      }
    }
  },
};
