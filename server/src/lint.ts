// Placeholder signature; the real implementation lands with the validator.
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export interface Finding {
  /** 0-based positions in the linted file. */
  line: number; character: number; endLine: number; endCharacter: number;
  severity: Severity; code: string; fatal: boolean;
  /** 'load': the server stops reading at this line ("at line N"); 'startup': refused after reading, without a line. */
  stage?: 'load' | 'startup';
  message: string;
}
export interface LintOptions { server?: string; filePath?: string }
export function lintText(_text: string, _options: LintOptions = {}): Finding[] { return []; }
export type Verdict = { kind: 'starts' } | { kind: 'refused'; line: number } | { kind: 'refused-startup' };
export function verdictOf(findings: Finding[]): Verdict {
  const load = findings.filter(f => f.fatal && f.stage === 'load').sort((a, b) => a.line - b.line);
  if (load.length) return { kind: 'refused', line: load[0].line + 1 };
  if (findings.some(f => f.fatal)) return { kind: 'refused-startup' };
  return { kind: 'starts' };
}
