/**
 * What the cross-file checks know of one config file: its parsed text and effective settings,
 * and the facts that tie it to the others (where it listens, what it follows, what it announces).
 * Pure: the caller hands over the texts.
 */
import * as nodePath from 'path';
import { parse, ParsedFile } from '../parse';
import { ConfigView, Setting } from '../config-view';
import { Target, resolveTarget, DEFAULT_TARGET } from '../catalog';
import { targetOfFile } from '../target-of-file';
import { readFileDirectives, FileDirectives } from '../rules/run';
import { isSentinelFile } from '../lint';
import { DEFAULT_LIMITS } from '../limits';

export interface FileView {
  path: string;
  text: string;
  file: ParsedFile;
  config: ConfigView;
  target: Target;
  directives: FileDirectives;
  sentinel: boolean;
  cluster: boolean;
  /** The port it listens on (0: no plain-text port). */
  port: number;
  /** The TLS port, when there is one. */
  tlsPort?: number;
  /** Addresses of `bind` (the "-" of an optional address dropped, lower-case); empty: every interface. */
  bind: string[];
  /** The address it tells the others to reach it at (replica-announce-ip, sentinel announce-ip, cluster-announce-ip). */
  announceIp?: string;
  announcePort?: number;
  /** `replicaof HOST PORT` (not `no one`). */
  replicaof?: { host: string; port: number; setting: Setting };
  /** `sentinel monitor NAME HOST PORT QUORUM` lines. */
  monitors: Array<{ name: string; host: string; port: number; quorum: number | undefined; setting: Setting }>;
}

const int = (v: string | undefined): number | undefined => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);

/**
 * The last views made, by target and path: the grouping and the checks of one run read the same
 * files, and the language server's next check (a keystroke in one member) mostly the same again,
 * so a file is parsed once while its text stays the same. Bounded by the texts' total size.
 */
const VIEW_CACHE_CHARS = 8 * 1024 * 1024;
const views = new Map<string, FileView>();
let viewChars = 0;

/** The view of one file, or undefined when it is too large to check (lint reports that itself). Views are shared: read them, never change them. */
export function viewOf(path: string, text: string, server: string = DEFAULT_TARGET): FileView | undefined {
  if (text.length > DEFAULT_LIMITS.maxTextChars) return undefined;
  const key = `${server}\u0000${path}`;
  const hit = views.get(key);
  if (hit) {
    views.delete(key);
    if (hit.text === text) { views.set(key, hit); return hit; }
    viewChars -= hit.text.length;
  }
  const view = makeView(path, text, server);
  views.set(key, view);
  viewChars += text.length;
  for (const [k, v] of views) {
    if (viewChars <= VIEW_CACHE_CHARS) break;
    views.delete(k);
    viewChars -= v.text.length;
  }
  return view;
}

function makeView(path: string, text: string, server: string): FileView {
  const file = parse(text);
  const own = targetOfFile(file, path, server);
  const fallback = resolveTarget(DEFAULT_TARGET) as Target;
  const target = 'error' in own ? fallback : own.target;
  const config = new ConfigView(file, target);
  const sentinel = isSentinelFile(path) || config.sentinel('monitor').length > 0;
  const word = (name: string) => config.get(name)?.values[0]?.toLowerCase();
  const bind = (config.get('bind')?.values ?? []).map(a => a.replace(/^-/, '').toLowerCase());
  const rep = config.get('replicaof');
  let replicaof: FileView['replicaof'];
  if (!sentinel && rep && rep.values.length >= 2 && !(rep.values[0].toLowerCase() === 'no' && rep.values[1].toLowerCase() === 'one')) {
    const port = int(rep.values[1]);
    if (port !== undefined) replicaof = { host: rep.values[0].toLowerCase(), port, setting: rep };
  }
  const monitors: FileView['monitors'] = [];
  if (sentinel) {
    for (const m of config.sentinel('monitor')) {
      const port = int(m.values[3]);
      if (m.values[1] !== undefined && m.values[2] !== undefined && port !== undefined) monitors.push({ name: m.values[1], host: m.values[2].toLowerCase(), port, quorum: int(m.values[4]), setting: m });
    }
  }
  const announce = sentinel ? config.sentinel('announce-ip')[0]?.values[1] : (word('cluster-enabled') === 'yes' ? config.get('cluster-announce-ip')?.values[0] : undefined) ?? config.get('replica-announce-ip')?.values[0];
  const announcePort = sentinel ? int(config.sentinel('announce-port')[0]?.values[1]) : int(config.get('replica-announce-port')?.values[0]);
  return {
    path, text, file, config, target,
    directives: readFileDirectives(file),
    sentinel,
    cluster: !sentinel && word('cluster-enabled') === 'yes',
    port: int(config.get('port')?.values[0]) ?? (sentinel ? 26379 : 6379),
    tlsPort: int(config.get('tls-port')?.values[0]) || undefined,
    bind,
    announceIp: announce ? announce.toLowerCase() : undefined,
    announcePort: announcePort || undefined,
    replicaof,
    monitors,
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const ANY = new Set(['*', '0.0.0.0', '::', '-::*']);

/** The address others reach the file's server at: the manifest's host, else its announce address, else its first non-loopback bind, else 127.0.0.1. */
export function hostOf(v: FileView): string {
  return v.announceIp ?? v.bind.find(a => !LOOPBACK.has(a) && !ANY.has(a)) ?? '127.0.0.1';
}

/** Whether the file's server can be reached at host:port (its port or TLS port; its bind addresses, announce address or the manifest's host). */
export function listensAt(v: FileView, host: string, port: number, extraHosts: string[] = []): boolean {
  if (port !== v.port && port !== v.tlsPort && port !== v.announcePort) return false;
  const h = host.toLowerCase();
  if (extraHosts.some(e => e.toLowerCase() === h) || v.announceIp === h) return true;
  if (!v.bind.length || v.bind.some(a => ANY.has(a))) return true;
  if (v.bind.includes(h)) return true;
  return LOOPBACK.has(h) && v.bind.some(a => LOOPBACK.has(a));
}

/** The folder a path is in, as the grouping compares them. */
export function folderOf(path: string): string {
  return nodePath.dirname(nodePath.resolve(path));
}
