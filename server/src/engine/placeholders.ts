/**
 * Template placeholders left in a config file: the server never expands them, so what is written is
 * what it reads (the password `${REDIS_PASSWORD}` is those seventeen characters). Each kind is named
 * after the tools that write it, so that the finding says which step of the deployment missed it.
 */
export interface Placeholder {
  /** The placeholder as written. */
  text: string;
  /** Which tools write placeholders like it. */
  tool: string;
}

// `{{ … }}` and `${…}` are distinctive anywhere in a value; the others only as the whole value (or,
// for %VAR%, the start of a path), since a real password may well contain `$ABC` or `@x@`
const KINDS: Array<[RegExp, string]> = [
  [/\{\{[^}]*\}\}/, 'a Jinja2/Ansible, Helm or Go template'],
  [/\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+-][^}]*)?\}/, 'a shell, envsubst or docker-compose variable'],
  [/^\$[A-Z_][A-Z0-9_]{2,}$/, 'a shell variable'],
  [/^@[A-Za-z_][A-Za-z0-9_.-]*@$/, 'an Autoconf, CMake or Maven placeholder'],
  [/^%[A-Za-z_][A-Za-z0-9_]*%(?=$|[\\/])/, 'a Windows environment variable'],
  [/^<[A-Za-z][A-Za-z0-9 _-]*>$/, 'a placeholder to be filled in by hand'],
];

/** The first template placeholder in a value, if any. */
export function placeholderIn(value: string): Placeholder | undefined {
  // every kind starts with one of these; most values have none, and this runs for every value of every check
  if (!/[$@%{<]/.test(value)) return undefined;
  for (const [re, tool] of KINDS) {
    const m = re.exec(value);
    if (m) return { text: m[0], tool };
  }
  return undefined;
}

/** What a refused line with a placeholder is, said once for the validator's messages. */
export function placeholderNote(p: Placeholder): string {
  return `"${p.text}" is an unfilled placeholder (${p.tool}).`;
}
