/** Go to definition on `include`: the included file(s). */
import * as nodePath from 'path';
import { ParsedFile } from '../parse';
import type { FileAccess } from '../file-access';
import { directiveAt, tokenAt } from './hover';

/** Go to definition lists at most this many files of a glob. */
const MAX_TARGETS = 100;

export interface DefinitionTarget { path: string; originStart: number; originEnd: number }

export function includeTargets(file: ParsedFile, line: number, character: number, filePath: string, fs: FileAccess): DefinitionTarget[] {
  const d = directiveAt(file, line);
  if (!d || d.name !== 'include' || d.args.length < 2) return [];
  const hit = tokenAt(d, character);
  if (!hit) return [];
  const arg = d.args[1];
  const abs = nodePath.isAbsolute(arg.value) ? arg.value : nodePath.resolve(nodePath.dirname(filePath), arg.value);
  const paths = /[*?[]/.test(abs) ? fs.glob(abs, MAX_TARGETS).slice(0, MAX_TARGETS) : fs.stat(abs) === 'file' ? [abs] : [];
  return paths.map(path => ({ path, originStart: arg.start, originEnd: arg.end }));
}
