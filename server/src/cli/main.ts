/**
 * redis-guard command line: the same engine as the editor, for CI pipelines.
 *   redis-guard lint [options] FILE...          (cli/lint.ts)
 *   redis-guard health <redis://…> [options]    (cli/health.ts)
 * `health` is loaded only when asked for: `lint` never loads the live-monitoring code or ioredis
 * (the bundle keeps it in dist/cli-health.js).
 */
import { Io } from './args';
import { lintCommand, lintUsage } from './lint';

export function main(argv: string[], io: Io = { out: s => process.stdout.write(s + '\n'), err: s => process.stderr.write(s + '\n') }): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'health') {
    const health = require('./health') as typeof import('./health'); // loaded here, not at start
    return health.healthCommand(rest, io);
  }
  if (command === 'lint') return lintCommand(rest, io);
  if (command === '--help' || command === '-h' || command === 'help') { io.out(lintUsage()); return 0; }
  io.err(`redis-guard: ${command ? `unknown command "${command}"` : 'no command given'}`);
  io.err(lintUsage());
  return 2;
}

if (require.main === module) {
  // a reader that goes away (`| head`) ends the output, not the process with a stack trace
  for (const stream of [process.stdout, process.stderr]) stream.on('error', e => { if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0); });
  const failed = (e: unknown) => {
    process.stderr.write(`redis-guard: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  };
  try {
    Promise.resolve(main(process.argv.slice(2))).then(code => { process.exitCode = code; }, failed);
  } catch (e) {
    failed(e);
  }
}
