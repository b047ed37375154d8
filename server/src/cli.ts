/**
 * redis-guard command line: the same engine as the editor, for CI pipelines.
 *   redis-guard lint [--server redis@7.0] [--format text|json|sarif] FILE...
 *     exit codes: 0 no error-severity finding, 1 at least one, 2 usage or I/O error.
 *   redis-guard health <redis://…> [--format text|json]
 *     exit codes: 0 ok, 1 warning, 2 problem or no connection (for cron and CI).
 */
import * as fs from 'fs';
import { lintWithTarget, Finding, LintOptions } from './lint';
import { resolveTarget, targets } from './catalog';
import { fixAll } from './fix-all';
import { toSarif } from './sarif';
import { PROFILES, LEVELS, Profile, Level } from './rules/types';
import { healthCommand } from '../../client/src/health/cli-health';

const USAGE = `Usage: redis-guard lint [options] FILE...
       redis-guard health <redis://…|rediss://…> [--format text|json]   (redis-guard health --help)

  --server <flavour@version>  target server, one of: ${'{targets}'} (default redis@7.2)
  --profile <name>            ${PROFILES.join(' | ')} (default production;
                              a "# redis-guard: profile=..." line in a file wins)
  --rule <CODE>=<level>       override a rule's level: off | hint | information | warning | error (repeatable)
  --format text|json|sarif    output format (default text)
  --fix                       write every automatic fix back to the files, then report what is left
  --host-checks               this machine runs the server: a missing dir, include, module or TLS file is fatal
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;

interface Io { out: (s: string) => void; err: (s: string) => void }

function usage(io: Io, message?: string): number {
  if (message) io.err(`redis-guard: ${message}`);
  io.err(USAGE.replace('{targets}', targets().join(', ')));
  return 2;
}

export function main(argv: string[], io: Io = { out: s => process.stdout.write(s + '\n'), err: s => process.stderr.write(s + '\n') }): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'health') return healthCommand(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') { io.out(USAGE.replace('{targets}', targets().join(', '))); return 0; }
  if (command !== 'lint') return usage(io, command ? `unknown command "${command}"` : 'no command given');
  let server: string | undefined;
  let format = 'text';
  let hostChecks = false;
  let fix = false;
  let profile: Profile = 'production';
  const rules: Record<string, Level> = {};
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const eq = a.indexOf('=');
      if (eq !== -1) return a.slice(eq + 1);
      i++;
      return rest[i];
    };
    if (a === '--server' || a.startsWith('--server=')) server = value();
    else if (a === '--format' || a.startsWith('--format=')) format = value() ?? '';
    else if (a === '--host-checks') hostChecks = true;
    else if (a === '--fix') fix = true;
    else if (a === '--profile' || a.startsWith('--profile=')) {
      const p = value();
      if (!(PROFILES as readonly string[]).includes(p)) return usage(io, `unknown profile "${p}"`);
      profile = p as Profile;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const r = value() ?? '';
      const m = /^(RG\d{3})=(\w+)$/i.exec(r);
      if (!m || !LEVELS.includes(m[2].toLowerCase() as Level)) return usage(io, `--rule takes CODE=level, e.g. RG301=off (got "${r}")`);
      rules[m[1].toUpperCase()] = m[2].toLowerCase() as Level;
    }
    else if (a === '--') { files.push(...rest.slice(i + 1)); break; }
    else if (a.startsWith('-') && a !== '-') return usage(io, `unknown option "${a}"`);
    else files.push(a);
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return usage(io, `unknown format "${format}"`);
  if (!files.length) return usage(io, 'no file given');
  const target = resolveTarget(server);
  if ('error' in target) return usage(io, target.error);

  const results: Array<{ path: string; findings: Finding[] }> = [];
  let ioError = false;
  for (const path of files) {
    let text: string;
    try {
      text = fs.readFileSync(path === '-' ? 0 : path).toString('utf8');
    } catch (e) {
      io.err(`redis-guard: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      ioError = true;
      continue;
    }
    const options: LintOptions = { filePath: path === '-' ? undefined : path, hostChecks, profile, rules };
    if (fix && path !== '-') {
      const fixed = fixAll(text, t => lintWithTarget(t, target, options));
      if (fixed.text !== text) {
        try {
          fs.writeFileSync(path, fixed.text);
        } catch (e) {
          io.err(`redis-guard: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
          ioError = true;
        }
        io.err(`${path}: applied ${fixed.applied.length} fix${fixed.applied.length === 1 ? '' : 'es'}`);
        text = fixed.text;
      }
    }
    results.push({ path, findings: lintWithTarget(text, target, options) });
  }

  if (format === 'sarif') {
    io.out(JSON.stringify(toSarif(results), null, 2));
  } else if (format === 'json') {
    io.out(JSON.stringify({
      files: results.map(r => ({
        path: r.path,
        diagnostics: r.findings.map(f => ({
          line: f.line + 1, column: f.character + 1, endLine: f.endLine + 1, endColumn: f.endCharacter + 1,
          severity: f.severity, code: f.code, fatal: f.fatal, message: f.message,
        })),
      })),
    }));
  } else {
    for (const r of results) {
      for (const f of r.findings) {
        io.out(`${r.path}:${f.line + 1}:${f.character + 1}: ${f.severity}${f.fatal ? ' (fatal)' : ''} ${f.code} ${f.message}`);
      }
    }
    const all = results.flatMap(r => r.findings);
    const fatal = all.filter(f => f.fatal).length;
    io.out(`${results.length} file${results.length === 1 ? '' : 's'} checked against ${target.id}: ${all.filter(f => f.severity === 'error').length} error(s) (${fatal} the server would refuse to start with), ${all.filter(f => f.severity === 'warning').length} warning(s), ${all.filter(f => f.severity === 'information' || f.severity === 'hint').length} note(s).`);
  }
  if (ioError) return 2;
  return results.some(r => r.findings.some(f => f.severity === 'error')) ? 1 : 0;
}

if (require.main === module) {
  Promise.resolve(main(process.argv.slice(2))).then(code => { process.exitCode = code; }, e => {
    process.stderr.write(`redis-guard: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  });
}
