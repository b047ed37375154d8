/**
 * The one redaction point: every text shown to a user (tree, notifications, output channel,
 * CLI streams, errors from the server) goes through `redact` with the secrets of its
 * connection. It replaces, case-insensitively:
 *  - each secret as typed, URL-encoded (what a URL or a server echoing a URL holds),
 *    JSON-escaped (what `--format json` holds) and quote-escaped (what util.inspect prints);
 *  - the userinfo of any URL (`redis://user:pass@host` → `redis://***@host`).
 * A secret shorter than 4 characters is replaced only where it stands alone (between
 * non-word characters): replaced everywhere, it would mangle ordinary words.
 *
 * Public API: interface SecretValues, redact(text, secrets), stripUserinfo(text), errorText(e, secrets)
 */

export interface SecretValues { password?: string; sentinelPassword?: string }

const MIN_SECRET = 4;
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a secret can take in text: as is, URL-encoded, JSON-escaped, quote-escaped. */
function formsOf(s: string): string[] {
  const forms = new Set([s, encodeURIComponent(s), encodeURI(s), JSON.stringify(s).slice(1, -1), s.replace(/['\\]/g, c => `\\${c}`)]);
  return [...forms].sort((a, b) => b.length - a.length);
}

const patterns = new Map<string, RegExp>();
function patternOf(s: string): RegExp {
  let re = patterns.get(s);
  if (!re) {
    const alternatives = formsOf(s).map(escapeRe).join('|');
    re = new RegExp(s.length < MIN_SECRET ? `(?<![\\w])(?:${alternatives})(?![\\w])` : alternatives, 'gi');
    if (patterns.size > 64) patterns.clear();
    patterns.set(s, re);
  }
  return re;
}

/** `scheme://user:pass@host` → `scheme://***@host`, for any scheme. */
export function stripUserinfo(text: string): string {
  return text.replace(URL_USERINFO, '$1***@');
}

/** Replaces every form of every secret in `text` (and any URL userinfo) by ***. */
export function redact(text: string, secrets: SecretValues = {}): string {
  let out = stripUserinfo(text);
  for (const s of [secrets.password, secrets.sentinelPassword]) {
    if (s) out = out.replace(patternOf(s), '***');
  }
  return out;
}

/** The first line of an error's message (never its stack), redacted. */
export function errorText(e: unknown, secrets: SecretValues = {}): string {
  const msg = e instanceof Error ? e.message : String(e);
  return redact(msg, secrets).split('\n')[0];
}
