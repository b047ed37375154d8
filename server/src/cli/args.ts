/** The one argument parser of both commands: node's own, strict, with messages in the CLI's voice. */
import { parseArgs, ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Io { out: (s: string) => void; err: (s: string) => void }

export type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** Parses `argv` against `options`, or says in one line what is wrong with it. */
export function parseCommandLine<O extends Options>(argv: string[], options: O): Parsed<O> | { error: string } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const name = /'([^']+)'/.exec(err.message)?.[1] ?? '?';
      return { error: `unknown option "${name}"` };
    }
    // node's own text: "Option '--server <value>' argument missing" and the like; first line only
    return { error: err.message.split('\n')[0] };
  }
}
