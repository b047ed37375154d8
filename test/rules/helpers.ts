/** Shared helpers for rule specs: lint a text with a profile and pick one rule's findings. */
import { lintText, Finding } from '../../server/src/engine/lint';
import { applyEdits } from '../../server/src/engine/edits';
import type { Profile, Level } from '../../server/src/engine/rules/types';

export interface RuleLintOptions { server?: string; profile?: Profile; rules?: Record<string, Level>; sentinel?: boolean; container?: string }

/** All findings of one code for a config text (no file system access). */
export function findingsOf(code: string, text: string, o: RuleLintOptions = {}): Finding[] {
  return lintText(text, { server: o.server ?? 'redis@7.2', profile: o.profile ?? 'production', rules: o.rules, sentinel: o.sentinel, fs: null, container: o.container })
    .filter(f => f.code === code);
}

/** Applies the first fix of the first finding of a code; returns the new text. */
export function applyFirstFix(code: string, text: string, o: RuleLintOptions = {}, fixIndex = 0): string {
  const f = findingsOf(code, text, o)[0];
  if (!f?.fixes?.[fixIndex]) throw new Error(`no fix ${fixIndex} for ${code}`);
  return applyEdits(text, f.fixes[fixIndex].edits);
}

/** Fatal findings of a text, for "a fix never makes the file unloadable". */
export function fatalOf(text: string, o: RuleLintOptions = {}): Finding[] {
  return lintText(text, { server: o.server ?? 'redis@7.2', profile: false, sentinel: o.sentinel, fs: null }).filter(f => f.fatal);
}
