import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

/** The written text of a double-quoted argument, without its quotes. */
function written(raw: string, start: number, end: number): string {
  return raw.slice(start + 1, end - 1);
}

export const windowsBackslashes: Rule = {
  meta: {
    code: 'RG370',
    name: 'windows-backslashes',
    family: 'compatibility',
    summary: 'Backslashes inside double quotes are escapes: a Windows path loses them.',
    severity: levels('warning', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'logfile "C:\\ProgramData\\Memurai\\memurai.log"\n',
      good: "logfile 'C:\\ProgramData\\Memurai\\memurai.log'\n",
    },
  },
  check(ctx) {
    for (const d of ctx.config.file.directives) {
      d.args.forEach((t, i) => {
        if (i === 0 || t.quote !== '"' || d.line.raw[t.start] !== '"') return;
        const text = written(d.line.raw, t.start, t.end);
        // a backslash that is not a deliberate escape sequence of the server
        if (!/\\(?![nrtab"\\]|x[0-9a-fA-F]{2})/.test(text) && !/^[A-Za-z]:\\/.test(text)) return;
        const setting = ctx.config.all(d.name).find(s => s.directive === d) ?? { name: d.name, directive: d, values: d.args.slice(1).map(a => a.value) };
        const single = text.includes("'") || text.endsWith('\\') ? undefined : `'${text}'`;
        const slashes = `"${text.replace(/\\/g, '/')}"`;
        ctx.report({
          at: argOf(setting, i),
          message: `Inside double quotes a backslash starts an escape: the server reads ${JSON.stringify(t.value)}. Use single quotes or forward slashes.`,
          details: 'Inside single quotes backslashes stay as written; forward slashes work in Windows paths too.',
          fixes: [
            ...(single ? [{ title: 'Use single quotes', edits: [replaceArg(setting, i, single)], safety: 'safe' as const }] : []),
            { title: 'Use forward slashes', edits: [replaceArg(setting, i, slashes)], safety: 'safe' as const },
          ],
        });
      });
    }
  },
};
