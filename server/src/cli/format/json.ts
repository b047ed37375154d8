/**
 * `{"files":[{"path","target","verdict","diagnostics":[{line,column,endLine,endColumn,severity,code,fatal,message,details?,serverMessage?,related?}]}]}`,
 * (`details`: the why behind the message; `serverMessage`: the line the server logs when it refuses; `related`: for a
 * cross-file finding, the other files' places), 1-based positions; `verdict` is what the server would do: {"kind":"starts"}, {"kind":"refused","line":N} or {"kind":"refused-startup"}.
 */
import { verdictOf, Finding, RelatedPlace } from '../../engine';

/** A cross-file finding's other places: `related: [{path, line, column, endLine, endColumn, message}]`, 1-based. */
function related(f: Finding): { related?: object[] } {
  const places = (f as Finding & { related?: RelatedPlace[] }).related;
  return places ? { related: places.map(p => ({ path: p.path, line: p.line + 1, column: p.character + 1, endLine: p.endLine + 1, endColumn: p.endCharacter + 1, message: p.message })) } : {};
}

export function formatJson(results: Array<{ path: string; findings: Finding[]; target: string }>): string {
  return JSON.stringify({
    files: results.map(r => ({
      path: r.path,
      target: r.target,
      verdict: verdictOf(r.findings),
      diagnostics: r.findings.map(f => ({
        line: f.line + 1, column: f.character + 1, endLine: f.endLine + 1, endColumn: f.endCharacter + 1,
        severity: f.severity, code: f.code, fatal: f.fatal, message: f.message,
        ...(f.details ? { details: f.details } : {}), ...(f.serverMessage ? { serverMessage: f.serverMessage } : {}),
        ...related(f),
      })),
    })),
  });
}
