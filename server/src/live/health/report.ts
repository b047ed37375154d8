/**
 * The health report in the style of the production guide's health-check script
 * (`[OK] …`, `[WARN] …`, `[FAIL] …` lines), a JSON form, and the exit code.
 *
 * Public API (kept stable):
 *   exitCodeFor(items, coverage?): 0 | 1 | 2
 *       2: a problem; or (with coverage) the round trip was cut short (connection lost, timeout,
 *          reply too large) or not one command was answered (e.g. NOPERM for everything);
 *       1: a warning or an item not checked; or (with coverage) PING or INFO did not answer;
 *       0: otherwise (items the server refused to run are [SKIP], not a failure).
 *   reportLines(items): string[]         one line per checked item
 *   formatText(items, opts): string      header, lines, what could not be checked, summary
 *   toJson(items, opts): HealthReportJson / formatJson(items, opts): string
 * Tags: [OK] ok, [WARN] warning, [FAIL] problem, [INFO] unknown, [SKIP] not permitted,
 *   [NOT CHECKED] could not run.
 */
import { Coverage, HealthItem, HealthStatus, worstStatus } from './evaluate';

export const TAGS: Readonly<Record<HealthStatus, string>> = {
  ok: '[OK]', warning: '[WARN]', problem: '[FAIL]', unknown: '[INFO]', 'not-permitted': '[SKIP]', 'not-checked': '[NOT CHECKED]',
};

export function exitCodeFor(items: readonly HealthItem[], cov?: Coverage): 0 | 1 | 2 {
  const w = worstStatus(items);
  const code = w === 'problem' ? 2 : w === 'warning' || w === 'not-checked' ? 1 : 0;
  if (!cov) return code;
  if (cov.cutShort !== undefined || !cov.any) return 2;
  return !cov.essential && code === 0 ? 1 : code;
}

/** What the report could not check, in one line (undefined when everything essential answered). */
function coverageLine(cov: Coverage | undefined): string | undefined {
  if (!cov) return undefined;
  if (cov.cutShort !== undefined) return `The check was cut short (${cov.cutShort}): what follows it was not checked.`;
  if (!cov.any) return 'Nothing could be checked: the server answered no command (refused or failed, see above).';
  if (!cov.essential) return 'PING or INFO did not answer: most of the health was not checked.';
  return undefined;
}

/**
 * One line per checked item: every leaf, plus inner items that stand for something of their
 * own (their children are groups again, e.g. a cluster node); plain groups are only the path.
 * Non-ok lines end with the reason.
 */
export function reportLines(items: readonly HealthItem[]): string[] {
  const out: string[] = [];
  const visit = (it: HealthItem, path: string[], depth: number) => {
    const here = [...path, it.label];
    const leaf = !it.children?.length;
    const structural = !leaf && it.children!.some(ch => ch.children?.length);
    if (depth > 0 && (leaf || structural)) {
      const reason = it.status === 'ok' ? '' : ` — ${it.why}`;
      out.push(`${TAGS[it.status]} ${here.join(' › ')}: ${it.value}${reason}`);
    }
    it.children?.forEach(ch => visit(ch, depth === 0 ? [it.label] : here, depth + 1));
    if (depth === 0 && !it.children?.length) out.push(`${TAGS[it.status]} ${it.label}: ${it.value}${it.status === 'ok' ? '' : ` — ${it.why}`}`);
  };
  items.forEach(i => visit(i, [], 0));
  return out;
}

export interface ReportOptions {
  /** What was checked, e.g. "redis://10.0.0.5:6379" (never with credentials). */
  target: string;
  /** Epoch ms of the check (default now). */
  at?: number;
  /** What the round trip managed to check (raises the exit code when not everything). */
  coverage?: Coverage;
}

/** How many leaf checks have status s. */
function count(items: readonly HealthItem[], s: HealthStatus): number {
  let n = 0;
  const visit = (l: readonly HealthItem[]) => l.forEach(i => {
    if (!i.children?.length && i.status === s) n++;
    if (i.children) visit(i.children);
  });
  visit(items);
  return n;
}

export function formatText(items: readonly HealthItem[], opts: ReportOptions): string {
  const rule = '='.repeat(70);
  const code = exitCodeFor(items, opts.coverage);
  const problems = count(items, 'problem');
  const warnings = count(items, 'warning');
  const skipped = count(items, 'not-permitted');
  const unchecked = count(items, 'not-checked');
  const note = coverageLine(opts.coverage);
  return [
    `Redis Guard health check: ${opts.target}`,
    rule,
    ...reportLines(items),
    rule,
    ...(note ? [note] : []),
    `Health check complete: ${problems} problem${problems === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}` +
      `${unchecked ? `, ${unchecked} not checked` : ''}${skipped ? `, ${skipped} not permitted` : ''} — ${code === 0 ? 'OK' : code === 1 ? 'WARN' : 'FAIL'} (exit ${code})`,
  ].join('\n');
}

export interface HealthReportJson {
  target: string;
  checkedAt: string;
  status: HealthStatus;
  exitCode: 0 | 1 | 2;
  /** What the round trip managed to check, and why not everything (when the caller knows). */
  coverage?: Coverage & { note?: string };
  items: HealthItem[];
}

export function toJson(items: readonly HealthItem[], opts: ReportOptions): HealthReportJson {
  return {
    target: opts.target,
    checkedAt: new Date(opts.at ?? Date.now()).toISOString(),
    status: worstStatus(items),
    exitCode: exitCodeFor(items, opts.coverage),
    ...(opts.coverage ? { coverage: { ...opts.coverage, ...(coverageLine(opts.coverage) ? { note: coverageLine(opts.coverage) } : {}) } } : {}),
    items: items as HealthItem[],
  };
}

export function formatJson(items: readonly HealthItem[], opts: ReportOptions): string {
  return JSON.stringify(toJson(items, opts), null, 2);
}
