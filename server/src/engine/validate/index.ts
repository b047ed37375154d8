/**
 * The "fatal" class: every condition under which the target server refuses to start
 * with a file, found the way the server finds it (line by line, then start-up checks),
 * but reporting all of them instead of stopping at the first.
 *
 * validate() is the order of events; the parts live beside it: context.ts (options, state,
 * reporting), load.ts (the reading loop and which directive goes where), typed-values.ts,
 * special.ts, out-of-table.ts and include.ts (the directives), suggest.ts (unknown names),
 * acl.ts (ACL rules), sentinel.ts (sentinel lines, read after the file), startup.ts (the checks after reading).
 */
import { parse, ParsedFile } from '../parse';
import { argvToConfig, dialectOf } from '../command-line/argv';
import type { Target } from '../catalog';
import type { Finding } from '../findings';
import { CODES } from '../messages';
import { Loader, ValidateOptions, topOfFile } from './context';
import { loadFile } from './load';
import { endOfFileChecks, startupChecks } from './startup';
import { readKeptSentinelLines } from './sentinel';

export type { ValidateOptions } from './context';

/** The findings in reading order, and how many were left out past the limit. */
export function validate(file: ParsedFile, options: ValidateOptions): { findings: Finding[]; dropped: number } {
  const cx = new Loader(options);
  for (const [line, ch] of file.nuls) {
    cx.report('warning', CODES.nulByte, { line, character: ch, endLine: line, endCharacter: ch + 1 }, false,
      'NUL byte: the server drops it and the rest of the 1024-byte block it was read in. Remove it.');
  }
  // the file, line by line
  loadFile(cx, file, w => w, undefined);
  // then the command-line options, which the server appends as config lines of their own
  if (options.extraArgs?.length) {
    cx.suppressReports = true;
    loadFile(cx, parse(extraArgsToText(options.extraArgs, options.target)), () => topOfFile(), undefined);
    cx.suppressReports = false;
  }
  // the checks at the end of the file come after its last line in the reading order
  cx.seq = (cx.seq ?? 0) + 1;
  endOfFileChecks(cx, topOfFile());
  // then the sentinel lines kept until now, with the line numbers they had
  readKeptSentinelLines(cx);
  // then start-up, which has no place in the reading order
  cx.seq = undefined;
  startupChecks(cx);
  return { findings: cx.findings, dropped: cx.dropped };
}

/** The options after the config file as the config lines the server appends (command-line/argv.ts has the rule). */
function extraArgsToText(argv: string[], target: Target): string {
  return argvToConfig(['redis-server', 'redis.conf', ...argv], target.flavour === 'valkey' ? 'valkey' : 'redis', dialectOf(target)).options;
}
