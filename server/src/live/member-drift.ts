/**
 * Drift of one deployment member: its own config file against what it runs (`CONFIG GET`
 * through the allowlist, with the connection's command timeout), summed up for a tree row.
 * Plain module (no `vscode`). Never throws: a failure is a state. Names only, never values,
 * in the summary (a tooltip may list which directives differ, not what they hold).
 */
import { resolveTarget, targetOfFile, DEFAULT_TARGET, Target } from '../engine';
import type { ReadOnlyClient } from './redis/allowlist';
import { compare, directivesToCompare, Drift } from './drift';
import { errorText } from './redact';

export type MemberDrift =
  | { state: 'in-sync'; compared: number; at: number }
  | { state: 'differ'; compared: number; drifts: Drift[]; at: number }
  /** CONFIG GET refused (renamed without a rename entry, or NOPERM) or failed: `why` says which, without secrets. */
  | { state: 'not-compared'; why: string; at: number };

/** The target a file is checked against: its comment or name before the setting (as the language server does). */
export function targetFor(text: string, path: string, configured: string | undefined): Target {
  const own = targetOfFile(text, path, configured);
  return 'error' in own ? resolveTarget(DEFAULT_TARGET) as Target : own.target;
}

/** Live values of `names` (CONFIG GET name, one pipeline), or why there are none. */
export async function liveConfig(client: ReadOnlyClient, names: string[]): Promise<{ live: Record<string, string> } | { error: string }> {
  const live: Record<string, string> = {};
  if (!names.length) return { live };
  let replies;
  try {
    replies = await client.pipeline(names.map(n => ['config', 'get', n]));
  } catch (e) {
    return { error: errorText(e) };
  }
  if (replies.every(r => !r.ok)) {
    const first = replies.find(r => !r.ok);
    return { error: first && !first.ok ? errorText(first.error) : 'CONFIG GET failed' };
  }
  for (const r of replies) {
    if (r.ok && Array.isArray(r.value)) for (let i = 0; i + 1 < r.value.length; i += 2) live[String(r.value[i])] = String(r.value[i + 1]);
  }
  return { live };
}

/** Compares a member's file text with what the member runs. */
export async function memberDrift(client: ReadOnlyClient, text: string, target: Target, now = Date.now): Promise<MemberDrift> {
  const names = directivesToCompare(text, target);
  const got = await liveConfig(client, names);
  if ('error' in got) return { state: 'not-compared', why: got.error, at: now() };
  const drifts = compare(text, target, got.live);
  return drifts.length ? { state: 'differ', compared: names.length, drifts, at: now() } : { state: 'in-sync', compared: names.length, at: now() };
}

/** The row's short text: "in sync", "3 differ", "not compared". */
export function driftLabel(d: MemberDrift): string {
  return d.state === 'in-sync' ? 'in sync' : d.state === 'differ' ? `${d.drifts.length} differ` : 'not compared';
}

/** The tooltip's lines: which directives differ (names only; a secret is marked, never shown). */
export function driftDetails(d: MemberDrift, file: string): string[] {
  if (d.state === 'in-sync') return [`Matches ${file} on the ${d.compared} directives it sets.`];
  if (d.state === 'not-compared') return [`Not compared with ${file}: ${d.why}`];
  return [
    `${d.drifts.length} of the ${d.compared} directives ${file} sets differ from the live server:`,
    ...d.drifts.map(x => `${x.name}${x.sensitive ? ' (a secret: values hidden)' : ''}`),
  ];
}
