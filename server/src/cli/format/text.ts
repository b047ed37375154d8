/** One line per finding (`file:line:col: severity CODE message`), then a summary line. */
import { verdictOf, Finding, RelatedPlace } from '../../engine';
import { placeText } from '../deployment';

/** `against` names the configured target; a file checked against another one (its own server= comment or name) says so in a line of its own. */
export function formatText(results: Array<{ path: string; findings: Finding[]; target?: string; against?: string }>, targetId: string): string[] {
  const lines: string[] = [];
  let errors = 0, fatal = 0, warnings = 0, notes = 0;
  for (const r of results) {
    if (r.against) lines.push(`${r.path}: checked against ${r.against}`);
    const verdict = verdictOf(r.findings);
    for (const f of r.findings) {
      lines.push(`${r.path}:${f.line + 1}:${f.character + 1}: ${f.severity}${f.fatal ? ' (fatal)' : ''} ${f.code} ${f.message}`);
      // a cross-file finding: the other files' lines, indented under it
      for (const p of (f as Finding & { related?: RelatedPlace[] }).related ?? []) lines.push(`    ${placeText(p)}: ${p.message}`);
      if (f.fatal) fatal++;
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else notes++;
    }
    // findings come in line order; the server stops at the first it meets while reading, which may be later
    if (verdict.kind === 'refused') lines.push(`${r.path}: the server stops reading at line ${verdict.line}`);
    else if (verdict.kind === 'refused-startup') lines.push(`${r.path}: the server reads the whole file, then refuses to start`);
  }
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  // the configured target, unless every file chose its own
  const against = [...new Set(results.length ? results.map(r => (r.against && r.target) || targetId) : [targetId])].join(' and ');
  lines.push(`${files} checked against ${against}: ${errors} error(s) (${fatal} the server would refuse to start with), ${warnings} warning(s), ${notes} note(s).`);
  return lines;
}
