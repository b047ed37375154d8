import { addressKind } from '../bind-address';
import { Rule, levels, argOf } from './types';
import { bindSetting, listensOnTcp } from './RG307-bind-all-interfaces';
import { defaultUserOpen } from './RG302-default-user-nopass';
import type { ConfigView } from '../config-view';
import type { Target } from '../catalog';

/**
 * Since Redis 7.0 (and in every Valkey; Memurai 4.1 is Redis 7.2), protected mode refuses every
 * client that does not come over loopback while the default user has no password, whatever `bind`
 * says (before 7.0 it acted only without a bind line). A file that binds to other interfaces with
 * protected mode on and no password means remote access and will not get it.
 */
function bindIgnoredByProtectedMode(t: { flavour: string; major: number }): boolean {
  return t.flavour !== 'redis' || t.major >= 7;
}

/**
 * The official Docker images switch protected mode off unless the config sets it (older tags
 * build the server with protected-mode defaulting to no, newer ones append --protected-mode no
 * in docker-entrypoint.sh), so in a container only an explicit protected-mode line counts.
 */
export function protectedModeDefaultOff(c: ConfigView, container: string | undefined): boolean {
  return container !== undefined && !c.get('protected-mode');
}

/** Protected mode is on, the default user has no password, and so clients from other hosts are answered DENIED. */
export function protectedModeTurnsAwayRemote(c: ConfigView, t: Target, container?: string): boolean {
  if (protectedModeDefaultOff(c, container)) return false;
  if ((c.word('protected-mode') ?? 'yes').toLowerCase() !== 'yes' || !defaultUserOpen(c)) return false;
  return bindIgnoredByProtectedMode(t) || !bindSetting(c);
}

export const protectedModeDeniesRemote: Rule = {
  meta: {
    code: 'RG309',
    name: 'protected-mode-denies-remote',
    family: 'security',
    summary: 'bind opens the port to other hosts, but protected mode turns them away because the default user has no password.',
    severity: levels('warning', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'bind 0.0.0.0\nport 6379\n',
      good: 'bind 0.0.0.0\nport 6379\nrequirepass 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.sentinel || !listensOnTcp(c) || !bindIgnoredByProtectedMode(ctx.target)) return;
    if ((c.word('protected-mode') ?? 'yes').toLowerCase() !== 'yes' || !defaultUserOpen(c)) return;
    if (protectedModeDefaultOff(c, ctx.container)) return; // the official images switch it off
    const b = bindSetting(c);
    if (!b) return; // no bind line: nothing says remote clients are meant to connect
    const i = b.values.findIndex(v => addressKind(v.replace(/^-/, '')) !== 'loopback');
    if (i < 0) return;
    ctx.report({
      at: argOf(b, i + 1),
      message: `bind ${b.values[i]} opens the port to other hosts, but with protected mode on and no password the server answers them DENIED. Set a password (requirepass or ACL users).`,
    });
  },
};
