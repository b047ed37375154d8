import { Rule, levels, missingAt } from './types';
import { ConfigView } from '../config-view';
import { listensOnTcp, loopbackOnly, privateOnly } from './RG307-bind-all-interfaces';

/** The server speaks TLS somewhere: a TLS port, TLS replication or a TLS cluster bus. */
export function tlsEnabled(config: ConfigView): boolean {
  return (config.value('tls-port') ?? '0') !== '0'
    || config.word('tls-replication') === 'yes'
    || config.word('tls-cluster') === 'yes';
}

/** TLS is on, or prepared (a certificate is configured) so it will be on as soon as a TLS port is opened. */
export function tlsConfigured(config: ConfigView): boolean {
  return tlsEnabled(config) || !!config.value('tls-cert-file');
}

const LOOPBACK = 'TLS is not configured; on loopback only, traffic stays on this machine. Set up TLS before bind opens to other hosts.';
const LOOPBACK_WHY = 'As soon as bind opens to replicas, Sentinels or application servers on other hosts, the password and all data travel in clear text. Prepare tls-port, tls-cert-file, tls-key-file and tls-ca-cert-file before opening bind.';
const PRIVATE = 'TLS is not configured: the password and all data cross the private network in clear text. Use TLS if that network is shared with systems you do not control.';
const PRIVATE_WHY = 'bind names only private addresses, so the port is not reachable from the internet; anyone on the same network segment (other containers, other tenants, a compromised host) can still read the traffic. Open a tls-port with tls-cert-file, tls-key-file and tls-ca-cert-file, or keep the server behind a TLS proxy or tunnel.';
const CONTAINER = 'TLS is not configured: passwords and data cross the container network, and any published port, in clear text. Use TLS where those are shared.';
const CONTAINER_WHY = 'Other containers on the same network, and every host the port is published to, see the traffic. Open a tls-port with tls-cert-file, tls-key-file and tls-ca-cert-file (mounted from a secret), or keep the port unpublished.';
const OPEN = 'TLS is not configured and the port is reachable from other networks: passwords and data cross them in clear text. Open a tls-port, or use a TLS proxy.';
const OPEN_WHY = 'No tls-port, tls-replication or tls-cluster: the AUTH password, every command and reply, and the replication stream are readable by anyone on the path. Open a tls-port with tls-cert-file, tls-key-file and tls-ca-cert-file (and set port 0 once clients have moved), or keep the server on loopback behind a TLS proxy or tunnel.';

export const noTls: Rule = {
  meta: {
    code: 'RG340',
    name: 'no-tls',
    family: 'tls',
    summary: 'No TLS: passwords and data cross the network in clear text.',
    severity: levels('off', 'information', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
      good: 'port 0\ntls-port 6380\ntls-cert-file /etc/redis/tls/redis.crt\ntls-key-file /etc/redis/tls/redis.key\ntls-ca-cert-file /etc/redis/tls/ca.crt\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel || tlsEnabled(c)) return;
    // A unix-socket-only server has no network traffic at all.
    if (!listensOnTcp(c)) return;
    // who can reach the port decides how much it matters: loopback traffic never leaves the machine
    // (but the usual next steps open the bind); a private network is someone's network, not the internet's
    const [atMost, message, details] = loopbackOnly(c) ? ['information', LOOPBACK, LOOPBACK_WHY] as const
      : privateOnly(c) ? ['information', PRIVATE, PRIVATE_WHY] as const
      // in a container, the container networks and the published ports decide who is on the path
      : ctx.container ? ['information', CONTAINER, CONTAINER_WHY] as const
      : [undefined, OPEN, OPEN_WHY] as const;
    ctx.report({ at: missingAt(ctx.config, 'tls-port', ['TLS']), atMost, message, details });
  },
};
