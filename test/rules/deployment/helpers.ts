/** Shared helpers for the cross-file rule specs: a deployment from named texts, and one rule's findings. */
import * as path from 'path';
import { groupDeployments } from '../../../server/src/engine/deployment/group';
import { checkDeployment } from '../../../server/src/engine/deployment/check';
import type { DeploymentFinding } from '../../../server/src/engine/deployment/types';
import type { Level, Profile } from '../../../server/src/engine/rules/types';

export const DIR = path.resolve('/deploy-spec');

/** The files, by name, in one folder. */
export function filesOf(texts: Record<string, string>): Array<{ path: string; text: string }> {
  return Object.entries(texts).map(([name, text]) => ({ path: path.join(DIR, name), text }));
}

/** Findings of one code over the deployments of the files, as [file name, 1-based line, message]. */
export function findingsOf(code: string, texts: Record<string, string>, options: { profile?: Profile; rules?: Record<string, Level>; manifest?: string } = {}): Array<DeploymentFinding & { file: string }> {
  const files = filesOf(texts);
  const manifest = options.manifest === undefined ? undefined : { path: path.join(DIR, 'redis-guard.json'), text: options.manifest };
  return groupDeployments(files, { manifest, server: 'redis@7.2' })
    .flatMap(d => checkDeployment(d, files, { profile: options.profile, rules: options.rules }))
    .filter(f => f.code === code)
    .map(f => {
      // one or two sentences, never over 250 characters: the why is in details
      if (f.message.length > 250) throw new Error(`${f.code} message of ${f.message.length} characters: ${f.message}`);
      if (f.message.length > 160) console.log(`# ${f.code} message of ${f.message.length} characters`);
      return { ...f, file: path.basename(f.path) };
    });
}

/** [file, 1-based line] of each related place. */
export const relatedOf = (f: DeploymentFinding) => f.related.map(r => [path.basename(r.path), r.line + 1]);

export const PW = '5d8563a26bf81d4d72b34cd8904a855c';
