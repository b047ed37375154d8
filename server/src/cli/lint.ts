/**
 * `redis-guard lint [options] FILE...`: the engine over files, for CI pipelines.
 * Exit status: 0 no error-severity finding, 1 at least one, 2 usage or I/O error.
 */
import * as fs from 'fs';
import { lintWithTarget, targetOfFile, parse, DEFAULT_LIMITS, Finding, LintOptions, ParsedFile, resolveTarget, targets, fixAll, PROFILES, LEVELS, Profile, Level, Target } from '../engine';
import { askServerBinary } from './server-binary';
import { lintContainerFile } from './container-files';
import { Io, parseCommandLine } from './args';
import { formatText } from './format/text';
import { formatJson } from './format/json';
import { toSarif } from './format/sarif';
import { addDeploymentFindings, DeploymentTexts, expandArguments } from './deployment';

const LINT_USAGE = `Usage: redis-guard lint [options] FILE|DIR...   (config files, folders of them, or docker-compose files,
                                                 Dockerfiles and Kubernetes manifests: the servers they start are checked)
       redis-guard health <redis://…|rediss://…> [--format text|json]   (redis-guard health --help)

  --server <flavour@version>  target server, one of: {targets} (default redis@7.2; a file's
                              "# redis-guard: server=..." line wins, and memurai.conf / valkey.conf
                              are checked as Memurai / Valkey unless --server names that flavour)
  --server-binary <path>      check against the server binary that will run the files: its version
                              and build (e.g. whether it can enable activedefrag) decide
  --profile <name>            ${PROFILES.join(' | ')} (default production;
                              a "# redis-guard: profile=..." line in a file wins)
  --rule <CODE>=<level>       override a rule's level: off | hint | information | warning | error (repeatable)
  --format text|json|sarif    output format (default text)
  --fix                       write every safe fix back to the files (fixes that change nothing clients
                              rely on: comments moved, paths quoted, aliases renamed), print each one,
                              then report what is left
  --fix-all-including-review  also apply the first fix of every finding that changes behaviour
                              (passwords, eviction, persistence, renamed commands, bind, TLS); each
                              change is printed, and a new password is named by file and line only
  --host-checks               this machine runs the server: a missing dir, include, module or TLS file is fatal
A DIR stands for the *.conf files, docker-compose files and Dockerfiles in it and its subfolders; config
files that make one deployment (a folder, a redis-guard.json or .redis-guard.yaml, replicaof / sentinel
monitor addresses) are also checked together (RG4xx).
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.`;

/** Rules whose fixes write a password. */
const PASSWORD_CODES = new Set(['RG301', 'RG302', 'RG303']);

export const lintUsage = (): string => LINT_USAGE.replace('{targets}', targets().join(', '));

const OPTIONS = {
  server: { type: 'string' },
  'server-binary': { type: 'string' },
  profile: { type: 'string', default: 'production' },
  rule: { type: 'string', multiple: true, default: [] as string[] },
  format: { type: 'string', default: 'text' },
  fix: { type: 'boolean', default: false },
  'fix-all-including-review': { type: 'boolean', default: false },
  'host-checks': { type: 'boolean', default: false },
} as const;

/**
 * A file to check: only a regular file (or `-`, standard input) is read, and at most one byte
 * more than the engine checks (it then reports the file as too large instead of checking it).
 * A FIFO or a device named on the command line is refused, never opened for reading.
 */
function readInput(path: string): { text: string } | { error: string } {
  const max = DEFAULT_LIMITS.maxTextChars * 4; // UTF-8: up to 4 bytes a character
  let fd: number;
  try {
    fd = path === '-' ? 0 : fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
  }
  try {
    if (path !== '-') {
      const st = fs.fstatSync(fd);
      if (st.isDirectory()) return { error: 'it is a directory' };
      if (!st.isFile()) return { error: `it is ${st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device'}, not a regular file` };
    }
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1024 * 1024);
    for (;;) {
      let n: number;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        // standard input may be a non-blocking pipe with nothing in it yet
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); continue; }
        if ((e as NodeJS.ErrnoException).code === 'EOF') break;
        throw e;
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > max) break;
    }
    return { text: Buffer.concat(chunks).toString('utf8') };
  } catch (e) {
    return { error: (e as NodeJS.ErrnoException).code ?? 'error' };
  } finally {
    if (path !== '-') fs.closeSync(fd);
  }
}

export function lintCommand(argv: string[], io: Io): number {
  const usage = (message: string) => { io.err(`redis-guard: ${message}`); io.err(lintUsage()); return 2; };
  const args = parseCommandLine(argv, OPTIONS);
  if ('error' in args) return usage(args.error);
  const { server, format } = args.values;
  const includeReview = args.values['fix-all-including-review'];
  const fix = args.values.fix || includeReview;
  const hostChecks = args.values['host-checks'];
  if (!(PROFILES as readonly string[]).includes(args.values.profile)) return usage(`unknown profile "${args.values.profile}"`);
  const profile = args.values.profile as Profile;
  const rules: Record<string, Level> = {};
  for (const r of args.values.rule) {
    const m = /^(RG\d{3})=(\w+)$/i.exec(r);
    if (!m || !LEVELS.includes(m[2].toLowerCase() as Level)) return usage(`--rule takes CODE=level, e.g. RG301=off (got "${r}")`);
    rules[m[1].toUpperCase()] = m[2].toLowerCase() as Level;
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') return usage(`unknown format "${format}"`);
  if (!args.positionals.length) return usage('no file given');
  // directories stand for their config files; the files of one deployment are also checked together
  const expanded = expandArguments(args.positionals);
  const files = expanded.files;
  const texts = new DeploymentTexts();
  const binary = args.values['server-binary'];
  if (binary !== undefined && server !== undefined) return usage('give --server or --server-binary, not both');
  let target: Target;
  let build: LintOptions['build'];
  let against: string;
  if (binary !== undefined) {
    const facts = askServerBinary(binary);
    if ('error' in facts) { io.err(`redis-guard: ${facts.error}`); return 2; }
    ({ target, build } = facts);
    against = `${target.id} (${facts.label} at ${binary}${facts.build.activeDefrag ? '' : ', without active defrag'})`;
  } else {
    const t = resolveTarget(server);
    if ('error' in t) return usage(t.error);
    target = t;
    against = t.id;
  }

  const results: Array<{ path: string; findings: Finding[]; target: string; against?: string }> = [];
  let ioError = false;
  for (const path of files) {
    const read = readInput(path);
    if ('error' in read) {
      io.err(`redis-guard: cannot read ${path}: ${read.error}`);
      ioError = true;
      continue;
    }
    let text = read.text;
    // a docker-compose file, Dockerfile or Kubernetes manifest: the servers it starts (never fixed in place)
    const container = lintContainerFile(path, text, target, profile, rules);
    if (container) { results.push({ path, findings: container, target: target.id }); continue; }
    // without --server-binary, a file may name its own server (a server= comment, memurai.conf, valkey.conf)
    let fileTarget = target;
    let parsed: ParsedFile | undefined;
    let fileAgainst: string | undefined;
    if (binary === undefined) {
      // parsed once, for the server= comment and then the check (unless --fix changes the text)
      if (text.length <= DEFAULT_LIMITS.maxTextChars) parsed = parse(text);
      const own = targetOfFile(parsed ?? text, path === '-' ? undefined : path, target.id);
      if (!('error' in own) && own.source !== 'setting' && own.target.id !== target.id) {
        fileTarget = own.target;
        fileAgainst = `${own.target.id} (from its ${own.source === 'comment' ? 'server= comment' : 'file name'})`;
      }
    }
    const options: LintOptions = { filePath: path === '-' ? undefined : path, hostChecks, profile, rules, build };
    if (fix && path !== '-') {
      const fixed = fixAll(text, t => lintWithTarget(t, fileTarget, options), { includeReview });
      if (fixed.text !== text) {
        try {
          fs.writeFileSync(path, fixed.text);
        } catch (e) {
          io.err(`redis-guard: cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
          ioError = true;
        }
        for (const a of fixed.applied) io.err(`${path}:${a.line + 1}: fixed ${a.code}: ${a.title}${a.safety === 'review' ? ' (changes behaviour)' : ''}`);
        io.err(`${path}: applied ${fixed.applied.length} fix${fixed.applied.length === 1 ? '' : 'es'}`);
        if (fixed.applied.some(a => PASSWORD_CODES.has(a.code))) {
          io.err(`${path}: a new password was written to this file (see the lines above); give it to every client and to the replicas' masterauth before the server restarts with it.`);
        }
        text = fixed.text;
        parsed = undefined;
      }
    }
    results.push({ path, findings: lintWithTarget(text, fileTarget, { ...options, parsed }), target: fileTarget.id, against: fileAgainst });
    texts.add(path, text);
  }
  addDeploymentFindings(results, texts, expanded.manifests, { server: target.id, profile, rules }, expanded.notes);

  if (format === 'sarif') io.out(JSON.stringify(toSarif(results), null, 2));
  else if (format === 'json') io.out(formatJson(results));
  else for (const line of formatText(results, against)) io.out(line);
  if (ioError) return 2;
  return results.some(r => r.findings.some(f => f.severity === 'error')) ? 1 : 0;
}
