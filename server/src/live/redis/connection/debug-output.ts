/**
 * ioredis logs through the `debug` package when DEBUG enables `ioredis:*`, and prints every
 * command it writes with its arguments: `write command[…]: 0 -> auth([ 'the password' ])`.
 * The live room cannot reach that `debug` instance (ioredis keeps it to itself, and bundles
 * carry their own copy), but `debug` writes with process.stderr.write. So, only when DEBUG
 * enables ioredis, that stream is wrapped once: in ioredis' lines the arguments of AUTH and
 * HELLO become ***, and the secrets of every open connection are redacted.
 *
 * Public API: guardDebugOutput(secrets): () => void   (call the result when the connection closes)
 */
import { redact, SecretValues } from '../../redact';

const inUse = new Set<SecretValues>();
let wrapped = false;

/** Does DEBUG (debug's namespace list) turn on any ioredis namespace? */
function ioredisDebugOn(value: string | undefined): boolean {
  return !!value && value.split(/[\s,]+/).some(ns => ns !== '' && !ns.startsWith('-') && new RegExp(`^${ns.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?')}$`).test('ioredis:redis'));
}

const AUTH_ARGS = /(->\s*(?:auth|hello)\()[^\n]*/gi;

function scrub(text: string): string {
  let out = text.replace(AUTH_ARGS, '$1***)');
  for (const s of inUse) out = redact(out, s);
  return out;
}

function wrapStderr(): void {
  if (wrapped) return;
  wrapped = true;
  const stderr = process.stderr;
  const write = stderr.write.bind(stderr) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stderr.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === 'string' && chunk.includes('ioredis:') ? scrub(chunk) : chunk, ...rest)) as typeof stderr.write;
}

/** Registers a connection's secrets for scrubbing ioredis' debug output (a no-op unless DEBUG enables it). */
export function guardDebugOutput(secrets: SecretValues): () => void {
  if (!ioredisDebugOn(process.env.DEBUG)) return () => { /* nothing registered */ };
  wrapStderr();
  inUse.add(secrets);
  return () => { inUse.delete(secrets); };
}
