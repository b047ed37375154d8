/**
 * Add Connection / Edit Connection as one multi-step input: a title, "step n of N", a Back
 * button on every step after the first, and a last step that tests the connection and shows
 * what it reached (server, version, role) before anything is saved. Passwords only ever go to
 * the returned Secrets (SecretStorage); names never keep a URL's userinfo (profile-names.ts).
 */
import * as crypto from 'crypto';
import { Disposable, QuickInputButton, QuickInputButtons, QuickPickItem, window } from 'vscode';
import type { ConnectionProfile, Secrets } from '../../../server/src/live/redis/connection';
import { parseRedisUrl } from '../../../server/src/live/redis/connection';
import { Monitor } from '../../../server/src/live/health/monitor';
import type { Thresholds } from '../../../server/src/live/health/thresholds';
import type { HealthItem } from '../../../server/src/live/health/evaluate';
import { hasUserinfo, proposedName, safeName } from './profile-names';

/** What the test step found: `reached` names the server (redacted), `error` why nothing was reached. */
export interface ProbeResult { ok: boolean; reached?: string; error?: string }

/** Connects with the profile as it would be saved, reads its server and role, and closes again. */
export async function probeConnection(profile: ConnectionProfile, secrets: Secrets, thresholds: Thresholds): Promise<ProbeResult> {
  // no reconnect storm while testing: the monitor is closed as soon as it answered or failed
  const m = new Monitor({ ...profile, connectTimeoutMs: profile.connectTimeoutMs ?? 5000 }, secrets, thresholds);
  try {
    const state = await m.refresh();
    const conn = m.connectionState();
    const find = (items: HealthItem[], id: string): HealthItem | undefined => {
      for (const it of items) {
        if (it.id === id) return it;
        const inner = it.children && find(it.children, id);
        if (inner) return inner;
      }
      return undefined;
    };
    const version = find(state.items, 'server.version');
    const role = find(state.items, 'server.role');
    const sentinel = find(state.items, 'sentinel.connection');
    const clusterState = find(state.items, 'cluster.state');
    if (conn.state === 'ready' && (version?.status === 'ok' || clusterState?.status === 'ok')) {
      const parts = [version?.value, role?.status === 'ok' ? role.value : undefined,
        sentinel ? `through sentinel ${sentinel.value}` : undefined, clusterState ? `cluster ${clusterState.value}` : undefined].filter(Boolean);
      return { ok: true, reached: m.redact(parts.join(', ')) };
    }
    const why = state.error ?? conn.message ?? (version && version.status !== 'ok' ? version.why : undefined) ?? conn.state;
    return { ok: false, error: m.redact(`${conn.state === 'ready' ? 'connected, but' : conn.state}: ${why}`) };
  } catch (e) {
    return { ok: false, error: m.redact((e as Error).message.split('\n')[0]) };
  } finally {
    await m.dispose();
  }
}

export const BACK = 'back' as const;
export type Answer<T> = T | typeof BACK | undefined;

export interface StepInfo { title: string; step: number; totalSteps: number }

/** What the open step shows, for the extension-host tests (they answer it with VS Code's quick input commands). */
export interface ShownInput { title: string; step: number; placeholder: string; items: string[]; active: string | undefined; password: boolean }
let shown: (() => ShownInput) | undefined;
export function shownInput(): ShownInput | undefined { return shown?.(); }

/** One input box; resolves with the value, BACK, or undefined when dismissed. */
export function ask(info: StepInfo, o: { prompt: string; value?: string; password?: boolean; placeholder?: string; validate?: (v: string) => string | undefined }): Promise<Answer<string>> {
  const box = window.createInputBox();
  const me = () => ({ title: info.title, step: info.step, placeholder: o.prompt, items: [], active: undefined, password: !!o.password });
  shown = me;
  Object.assign(box, info, { prompt: o.prompt, value: o.value ?? '', password: !!o.password, placeholder: o.placeholder, ignoreFocusOut: true });
  box.buttons = info.step > 1 ? [QuickInputButtons.Back] : [];
  const subscriptions: Disposable[] = [];
  return new Promise<Answer<string>>(resolve => {
    subscriptions.push(
      box.onDidTriggerButton(() => resolve(BACK)),
      box.onDidChangeValue(v => { box.validationMessage = o.validate?.(v); }),
      box.onDidAccept(() => {
        const error = o.validate?.(box.value);
        if (error) { box.validationMessage = error; return; }
        resolve(box.value);
      }),
      box.onDidHide(() => resolve(undefined)),
    );
    box.show();
  }).finally(() => { subscriptions.forEach(d => d.dispose()); box.dispose(); if (shown === me) shown = undefined; });
}

/** One quick pick; resolves with the item, BACK, or undefined when dismissed. `busy` runs first and fills the items. */
export function choose<T extends QuickPickItem>(info: StepInfo, o: { placeholder: string; items?: T[]; active?: T; busy?: () => Promise<{ items: T[]; placeholder: string }> }): Promise<Answer<T>> {
  const pick = window.createQuickPick<T>();
  const me = () => ({ title: info.title, step: info.step, placeholder: pick.placeholder ?? '', items: pick.items.map(i => i.label), active: pick.activeItems[0]?.label, password: false });
  shown = me;
  Object.assign(pick, info, { placeholder: o.placeholder, ignoreFocusOut: true });
  pick.items = o.items ?? [];
  if (o.active) pick.activeItems = [o.active];
  pick.buttons = info.step > 1 ? [QuickInputButtons.Back] : [];
  const subscriptions: Disposable[] = [];
  let hidden = false;
  return new Promise<Answer<T>>(resolve => {
    subscriptions.push(
      pick.onDidTriggerButton((b: QuickInputButton) => { if (b === QuickInputButtons.Back) resolve(BACK); }),
      pick.onDidAccept(() => { if (pick.selectedItems[0]) resolve(pick.selectedItems[0]); }),
      pick.onDidHide(() => { hidden = true; resolve(undefined); }),
    );
    pick.show();
    if (o.busy) {
      pick.busy = true;
      pick.enabled = false;
      void o.busy().then(r => {
        if (hidden) return;
        pick.items = r.items;
        pick.placeholder = r.placeholder;
        pick.busy = false;
        pick.enabled = true;
      });
    }
  }).finally(() => { subscriptions.forEach(d => d.dispose()); pick.dispose(); if (shown === me) shown = undefined; });
}

const KINDS: Array<QuickPickItem & { deployment: ConnectionProfile['kind'] }> = [
  { label: 'Standalone', description: 'redis:// or rediss:// URL', deployment: 'standalone' },
  { label: 'Sentinel', description: 'sentinel addresses and master name', deployment: 'sentinel' },
  { label: 'Cluster', description: 'seed nodes', deployment: 'cluster' },
];

const hostList = (v: string) => v.split(/[\s,]+/).filter(Boolean).map(hp => { const i = hp.lastIndexOf(':'); return { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) }; });
const validHosts = (v: string) => (v.trim() && v.split(/[\s,]+/).filter(Boolean).every(hp => /^[^\s:]+:\d{1,5}$/.test(hp)) ? undefined : 'host:port, separated by commas');
const validUrl = (v: string) => (/^rediss?:\/\/[^\s]+$/.test(v) ? undefined : 'redis://host:port or rediss://host:port');

type Step = (info: StepInfo) => Promise<Answer<true>>;

/**
 * Runs the steps for a new connection (or changes to `existing`); resolves with what to save,
 * or undefined when the user gave up. `test` is the last step's connection test (for an edited
 * connection whose password is kept, it adds the stored one).
 */
export async function connectionWizard(
  existing: ConnectionProfile | undefined,
  test: (p: ConnectionProfile, secrets: Secrets) => Promise<ProbeResult>,
): Promise<{ profile: ConnectionProfile; secrets: Secrets } | undefined> {
  const title = existing ? `Edit Connection "${safeName(existing.name)}"` : 'Add Redis Guard Connection';
  const p: ConnectionProfile = existing ? JSON.parse(JSON.stringify(existing)) : { id: crypto.randomUUID(), name: '', kind: 'standalone' };
  const secrets: Secrets = {};
  let urlPassword: string | undefined;
  let password = '';
  let sentinelPassword = '';

  const kindStep: Step = async info => {
    const chosen = await choose(info, { placeholder: 'What kind of deployment?', items: KINDS, active: KINDS.find(k => k.deployment === p.kind) });
    if (chosen === BACK || chosen === undefined) return chosen;
    p.kind = chosen.deployment;
    return true;
  };
  const addressStep: Step = async info => {
    if (p.kind === 'standalone') {
      const url = await ask(info, { prompt: 'Server URL (the password is asked for separately)', value: p.url ?? 'redis://127.0.0.1:6379', validate: validUrl });
      if (url === BACK || url === undefined) return url;
      // a password typed into the URL goes to SecretStorage, never into settings or the name
      try { urlPassword = parseRedisUrl(url).password; } catch { urlPassword = undefined; }
      p.url = url;
      p.tls = url.startsWith('rediss://') ? { ...(p.tls ?? {}), enabled: true } : p.tls?.enabled ? { ...p.tls, enabled: false } : p.tls;
      return true;
    }
    if (p.kind === 'sentinel') {
      const s = await ask(info, { prompt: 'Sentinel addresses', value: (p.sentinels ?? []).map(h => `${h.host}:${h.port}`).join(', ') || '127.0.0.1:26379', validate: validHosts });
      if (s === BACK || s === undefined) return s;
      p.sentinels = hostList(s);
      return true;
    }
    const s = await ask(info, { prompt: 'Cluster seed nodes', value: (p.nodes ?? []).map(h => `${h.host}:${h.port}`).join(', ') || '127.0.0.1:7000', validate: validHosts });
    if (s === BACK || s === undefined) return s;
    p.nodes = hostList(s);
    return true;
  };
  const masterStep: Step = async info => {
    const name = await ask(info, { prompt: 'Master name (as in "sentinel monitor <name> …")', value: p.masterName ?? 'mymaster', validate: v => (v.trim() ? undefined : 'required') });
    if (name === BACK || name === undefined) return name;
    p.masterName = name.trim();
    return true;
  };
  const nameStep: Step = async info => {
    const name = await ask(info, {
      prompt: 'Name shown in the sidebar', value: p.name ? safeName(p.name) : proposedName(p),
      validate: v => (hasUserinfo(v) ? 'A name must not contain a user name or password (user:password@)' : v.trim() ? undefined : 'required'),
    });
    if (name === BACK || name === undefined) return name;
    p.name = safeName(name.trim());
    return true;
  };
  const userStep: Step = async info => {
    const user = await ask(info, { prompt: 'ACL user name (empty for the default user)', value: p.username ?? '' });
    if (user === BACK || user === undefined) return user;
    p.username = user.trim() || undefined;
    return true;
  };
  const passwordStep: Step = async info => {
    const pw = await ask(info, {
      prompt: existing ? 'Password (leave empty to keep the stored one; type a single space to remove it)' : 'Password (empty for none). Stored in VS Code SecretStorage, never in settings.',
      password: true, value: password,
    });
    if (pw === BACK || pw === undefined) return pw;
    password = pw;
    return true;
  };
  const sentinelPasswordStep: Step = async info => {
    const pw = await ask(info, { prompt: 'Password of the sentinels themselves (empty for none)', password: true, value: sentinelPassword });
    if (pw === BACK || pw === undefined) return pw;
    sentinelPassword = pw;
    return true;
  };
  const caStep: Step = async info => {
    const ca = await ask(info, { prompt: 'CA certificate file for TLS (empty: the system CAs)', value: p.tls?.caFile ?? '' });
    if (ca === BACK || ca === undefined) return ca;
    p.tls = { ...(p.tls ?? { enabled: true }), caFile: ca.trim() || undefined };
    return true;
  };
  type Final = QuickPickItem & { action: 'save' | 'retry' };
  const testStep: Step = async info => {
    const chosen = await choose<Final>(info, {
      placeholder: `Testing the connection to ${safeName(p.name)}…`,
      busy: async () => {
        const r = await test(p, secretsNow());
        return r.ok
          ? { placeholder: `Reached ${r.reached}`, items: [{ label: '$(check) Save', detail: `Reached ${r.reached}`, action: 'save' }, { label: '$(refresh) Test again', action: 'retry' }] }
          : {
            placeholder: `Not reached: ${r.error}`,
            items: [{ label: '$(refresh) Test again', action: 'retry' }, { label: '$(warning) Save anyway', detail: `Not reached: ${r.error}`, action: 'save' }],
          };
      },
    });
    if (chosen === BACK || chosen === undefined) return chosen;
    return chosen.action === 'save' ? true : testStep(info);
  };

  /** The secrets as they would be stored: the typed password, else one from the URL; a single space removes it. */
  const secretsNow = (): Secrets => {
    const s: Secrets = {};
    if (password === ' ') s.password = '';
    else if (password) s.password = password;
    else if (urlPassword) s.password = urlPassword;
    if (p.kind === 'sentinel' && sentinelPassword) s.sentinelPassword = sentinelPassword;
    return s;
  };
  const steps = (): Step[] => [
    ...(existing ? [] : [kindStep]),
    addressStep,
    ...(p.kind === 'sentinel' ? [masterStep] : []),
    nameStep, userStep, passwordStep,
    ...(p.kind === 'sentinel' ? [sentinelPasswordStep] : []),
    ...(p.tls?.enabled ? [caStep] : []),
    testStep,
  ];

  let i = 0;
  for (;;) {
    const list = steps();
    if (i >= list.length) break;
    const answer = await list[i]({ title, step: i + 1, totalSteps: list.length });
    if (answer === undefined) return undefined;
    i = answer === BACK ? Math.max(0, i - 1) : i + 1;
  }
  Object.assign(secrets, secretsNow());
  return { profile: p, secrets };
}
