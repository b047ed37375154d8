/**
 * "Connect using this config file": a connection profile from what a redis.conf says
 * (port, bind, TLS port, password, renamed commands). Plain module, no `vscode`.
 */
import * as crypto from 'crypto';
import * as nodePath from 'path';
import { addressKind, parse, ConfigView, resolveTarget, Target } from '../engine';
import type { ConnectionProfile } from './redis/connection';

export function profileFromConfigText(text: string, fileName: string): { profile: ConnectionProfile; password?: string } {
  const view = new ConfigView(parse(text), resolveTarget('redis@7.2') as Target);
  const binds = (view.get('bind')?.values ?? []).map(a => a.replace(/^-/, '')).filter(Boolean);
  // connect where the server listens: loopback when it listens everywhere or on loopback
  const host = binds.find(a => addressKind(a) === 'loopback') ?? binds.find(a => addressKind(a) !== 'any') ?? '127.0.0.1';
  const port = Number(view.get('port')?.values[0] ?? '6379');
  const tlsPort = Number(view.get('tls-port')?.values[0] ?? '0');
  const useTls = tlsPort > 0 && (port === 0 || !Number.isFinite(port));
  const renames: Record<string, string> = {};
  for (const r of view.all('rename-command')) if (r.values.length === 2) renames[r.values[0].toLowerCase()] = r.values[1];
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const profile: ConnectionProfile = {
    id: crypto.randomUUID(),
    name: `${nodePath.basename(fileName)} (${host}:${useTls ? tlsPort : port})`,
    kind: 'standalone',
    url: `${useTls ? 'rediss' : 'redis'}://${hostPart}:${useTls ? tlsPort : port}`,
    tls: useTls ? { enabled: true, caFile: view.get('tls-ca-cert-file')?.values[0] } : undefined,
    renames: Object.keys(renames).length ? renames : undefined,
  };
  return { profile, password: view.get('requirepass')?.values[0] || undefined };
}
