/**
 * Which server a file is checked against when the file says so itself: a
 * `# redis-guard: server=flavour@version` comment names it outright; otherwise a file named for a
 * flavour (memurai.conf, memurai-*.conf, valkey.conf, valkey-*.conf) is that flavour, at the
 * version of the configured target when that is the same flavour, else its newest. The
 * configured target (setting or --server) applies to every other file.
 */
import * as nodePath from 'path';
import { resolveTarget, Target, DEFAULT_TARGET } from './catalog';
import { parse, ParsedFile } from './parse';
import { readFileDirectives } from './rules/run';
import { DEFAULT_LIMITS } from './limits';
import type { Profile } from './rules/types';

export interface FileTarget {
  target: Target;
  /** Why this target: the comment, the file's name, or the configured target. */
  source: 'comment' | 'file name' | 'setting';
}

const FLAVOUR_BY_NAME: Array<[RegExp, Target['flavour']]> = [
  [/^memurai(-[^/\\]*)?\.conf$/i, 'memurai'],
  [/^valkey(-[^/\\]*)?\.conf$/i, 'valkey'],
];

/** The target for `file` (its text, parsed) at `filePath`, given the configured target `configured` (default redis@7.2). */
export function targetOfFile(file: ParsedFile | string, filePath: string | undefined, configured: string = DEFAULT_TARGET): FileTarget | { error: string } {
  // a text too large to check is not parsed for its comment either (lint reports it as too large)
  const parsed = typeof file !== 'string' ? file : file.length <= DEFAULT_LIMITS.maxTextChars ? parse(file) : undefined;
  const named = parsed && readFileDirectives(parsed).server;
  if (named) {
    const t = resolveTarget(named);
    if (!('error' in t)) return { target: t, source: 'comment' };
  }
  const setting = resolveTarget(configured);
  const base = filePath ? nodePath.basename(filePath) : '';
  const flavour = FLAVOUR_BY_NAME.find(([re]) => re.test(base))?.[1];
  if (flavour && ('error' in setting || setting.flavour !== flavour)) {
    const t = resolveTarget(flavour);
    if (!('error' in t)) return { target: t, source: 'file name' };
  }
  return 'error' in setting ? setting : { target: setting, source: 'setting' };
}

/** The profile a `# redis-guard: profile=…` comment names, if any (the rules read it the same way). */
export function profileOfFile(file: ParsedFile): Profile | undefined {
  return readFileDirectives(file).profile;
}
