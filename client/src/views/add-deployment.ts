/**
 * Add Deployment from Config Files as one multi-step input (the steps of Add Connection: a
 * title, "n/N", Back): pick a deployment, answer one password question per distinct auth, and
 * review what will be added, updated or removed before anything is saved. Passwords go only to
 * the returned secrets (SecretStorage); no item text holds one.
 */
import { QuickPickItem } from 'vscode';
import type { ConnectionProfile, Secrets } from '../../../server/src/live/redis/connection';
import type { Deployment } from '../../../server/src/engine';
import { ask, BACK, choose, Answer, StepInfo } from './add-connection';
import {
  AuthGroup, authGroups, connectionsFor, deploymentKey, memberLabel, PasswordAnswer, pickItem, plan, secretsFor, withUsers,
} from './deployment-model';
import * as nodePath from 'path';

export interface DeploymentChoice {
  deployment: Deployment;
  entries: Array<{ profile: ConnectionProfile; secrets: Secrets }>;
  added: ConnectionProfile[];
  updated: ConnectionProfile[];
  removed: ConnectionProfile[];
}

type PasswordItem = QuickPickItem & { answer: 'keep' | 'files' | 'user' | 'type' | 'none' };

function answerText(a: PasswordAnswer | undefined, fromFiles: boolean): string {
  if (!a || (a.kind === 'set' && a.value === '')) return 'no password';
  if (a.kind === 'keep') return 'the stored password';
  return `${a.username ? `user ${a.username}, ` : ''}${fromFiles ? 'the password in the files' : 'the password typed'}`;
}

export async function deploymentWizard(
  deployments: Deployment[],
  texts: ReadonlyMap<string, string>,
  existing: readonly ConnectionProfile[],
  relative: (p: string) => string,
): Promise<DeploymentChoice | undefined> {
  let chosen: Deployment | undefined;
  let groups: AuthGroup[] = [];
  let fromFiles = new Map<string, string>();
  const answers = new Map<string, PasswordAnswer>();
  /** Which answers came from the files (for the review's words only). */
  const usedFiles = new Set<string>();
  const title = () => (chosen ? `Add Deployment "${chosen.name}"` : 'Add Deployment from Config Files');

  type Step = (info: StepInfo) => Promise<Answer<true>>;
  const pickStep: Step = async info => {
    const items = deployments.map(d => ({ ...pickItem(d, relative), d }));
    const got = await choose(info, { placeholder: 'Which deployment? (found in the workspace\'s config files)', items, active: items.find(i => i.d === chosen) });
    if (got === BACK || got === undefined) return got;
    if (got.d !== chosen) { answers.clear(); usedFiles.clear(); }
    chosen = got.d;
    ({ groups, fromFiles } = authGroups(chosen, texts));
    return true;
  };

  const passwordStep = (g: AuthGroup): Step => async info => {
    const key = deploymentKey(chosen!);
    const stored = existing.some(p => p.member?.deployment === key && g.paths.includes(p.member.configFile));
    const items: PasswordItem[] = [
      ...(stored ? [{ label: '$(lock) Keep the stored password', answer: 'keep' as const }] : []),
      ...(g.inFiles ? [{ label: '$(file) Use the password the files set (requirepass)', description: 'stored in SecretStorage', answer: 'files' as const }] : []),
      ...(g.users ? [{ label: '$(person) Enter an ACL user name and password…', description: 'the files define ACL users', answer: 'user' as const }] : []),
      { label: '$(key) Enter a password…', answer: 'type' },
      { label: '$(circle-slash) No password', description: g.inFiles ? '' : 'the files set none', answer: 'none' },
    ];
    const prev = answers.get(g.key);
    // the answer given before (Back), else: keep what is stored, else the files' password, else none
    const active = prev?.kind === 'keep' ? items[0] : prev && usedFiles.has(g.key) ? items.find(i => i.answer === 'files')
      : prev?.username ? items.find(i => i.answer === 'user')
        : prev && prev.value !== '' ? items.find(i => i.answer === 'type')
          : prev ? items.find(i => i.answer === 'none')
            : items.find(i => i.answer === 'keep' || i.answer === 'files' || i.answer === 'user') ?? items.find(i => i.answer === 'none');
    const who = g.kind === 'sentinel' ? `the Sentinels' own password (${g.label})` : `the password of ${g.label}`;
    const got = await choose(info, { placeholder: `Which is ${who}?`, items, active });
    if (got === BACK || got === undefined) return got;
    usedFiles.delete(g.key);
    if (got.answer === 'keep') answers.set(g.key, { kind: 'keep' });
    else if (got.answer === 'none') answers.set(g.key, { kind: 'set', value: '' });
    else if (got.answer === 'files') { answers.set(g.key, { kind: 'set', value: fromFiles.get(g.key) ?? '' }); usedFiles.add(g.key); } else {
      let username: string | undefined;
      if (got.answer === 'user') {
        const u = await ask(info, { prompt: `ACL user name for ${g.label} (a monitoring user: see the sidebar docs for its ACL line)`, validate: v => (v.trim() ? undefined : 'required') });
        if (u === undefined) return undefined;
        if (u === BACK) return passwordStep(g)(info);
        username = u.trim();
      }
      const typed = await ask(info, { prompt: `Password${username ? ` of user ${username}` : ''} for ${g.label}. Stored in VS Code SecretStorage, never in settings.`, password: true });
      if (typed === undefined) return undefined;
      if (typed === BACK) return passwordStep(g)(info);
      answers.set(g.key, { kind: 'set', value: typed, ...(username ? { username } : {}) });
    }
    return true;
  };

  type ReviewItem = QuickPickItem & { confirm?: true };
  let result: DeploymentChoice | undefined;
  const reviewStep: Step = async info => {
    const d = chosen!;
    const wanted = withUsers(d, connectionsFor(d, texts), groups, answers, existing);
    const p = plan(existing, wanted);
    const secrets = secretsFor(d, deploymentKey(d), groups, answers);
    const updating = p.updated.length > 0 || p.removed.length > 0;
    const groupOf = (profile: ConnectionProfile) => groups.find(g => g.paths.includes(profile.member!.configFile) && (g.kind === 'sentinel') === (profile.member!.role === 'sentinel'));
    const items: ReviewItem[] = [
      { label: `$(check) ${updating ? 'Update' : 'Add'} ${wanted.length} connection${wanted.length === 1 ? '' : 's'}`, description: 'read-only: nothing is written to any server', confirm: true },
      ...wanted.map(w => {
        const m = d.members.find(x => x.path === w.member!.configFile)!;
        const g = groupOf(w);
        return {
          label: `${p.updated.includes(w) ? '$(sync)' : '$(add)'} ${memberLabel(m)}`,
          description: `${nodePath.basename(m.path)} · ${p.updated.includes(w) ? 'updated' : 'new'}`,
          detail: `${w.kind === 'sentinel' ? `sentinel connection (master "${w.masterName}"), ` : ''}${answerText(g && answers.get(g.key), !!g && usedFiles.has(g.key))}`,
        };
      }),
      ...p.removed.map(r => ({ label: `$(trash) ${r.name}`, description: 'no longer in the files: removed' })),
    ];
    const got = await choose<ReviewItem>(info, { placeholder: `Connect to ${wanted.length} members of "${d.name}" (${d.kind})`, items, active: items[0] });
    if (got === BACK || got === undefined) return got;
    if (!got.confirm) return reviewStep(info);
    result = { deployment: d, entries: wanted.map(w => ({ profile: w, secrets: secrets.get(w.id) ?? {} })), ...p };
    return true;
  };

  const steps = (): Step[] => [pickStep, ...groups.map(passwordStep), reviewStep];
  let i = 0;
  for (;;) {
    const list = steps();
    if (i >= list.length) break;
    const answer = await list[i]({ title: title(), step: i + 1, totalSteps: list.length });
    if (answer === undefined) return undefined;
    i = answer === BACK ? Math.max(0, i - 1) : i + 1;
  }
  return result;
}
