/**
 * docker-compose files: `services.<name>.entrypoint` and `.command`, each a string or a list.
 *
 * What Compose does to the text before the container starts:
 * - YAML first: in a plain scalar, ` #` starts a comment, so `command: redis-server --save 900 1 # hourly`
 *   is the string `redis-server --save 900 1`; in a quoted string or a list item, `#` is text.
 * - Interpolation, on every string of the file: `${VAR}`, `${VAR:-default}` and the like and `$VAR`
 *   are filled in from the environment (or `.env`), `$$` is a literal `$`, any other `$` makes
 *   Compose refuse the file (compose-go template/template.go). A `${REDIS_PASSWORD}` here is
 *   therefore not what the server reads: it is never reported as a literal placeholder.
 * - A string `command`/`entrypoint` is split into words by go-shellwords (see words.ts); a list is
 *   taken item by item.
 * - `entrypoint` replaces the image's entrypoint (and drops its default command); `command`
 *   replaces the image's default command and is appended to the entrypoint. Without `entrypoint`,
 *   the image's own entrypoint runs first; the official images' docker-entrypoint.sh execs its
 *   arguments, so a command that starts with the server program is what runs.
 */
import { isScalar, isSeq, Scalar } from 'yaml';
import { composeInterpolate, composeWords, Located, Word } from './words';
import { Extracted, findServer, STARTS_SERVER, withImageEntrypoint } from './sites';
import { entries, get, getMerged, rangeOf, scalarChars, yamlNamingServer } from './yaml-source';

const CONTAINER = 'in docker-compose.yml';

/** The words of a `command` or `entrypoint` value, or undefined when it is not one Compose takes. */
function wordsOf(node: unknown, text: string, out: Extracted): Word[] | undefined {
  const r = rangeOf(node);
  const whole = r ? { start: r[0], end: r[1] } : { start: -1, end: -1 };
  const interpolate = (chars: Located[]) => {
    const i = composeInterpolate(chars);
    if ('invalidAt' in i) {
      if (STARTS_SERVER.test(chars.map(c => c.c).join(''))) {
        out.unchecked.push({ start: i.invalidAt >= 0 ? i.invalidAt : whole.start, end: i.invalidAt >= 0 ? i.invalidAt + 1 : whole.end, message: 'Compose refuses this "$": write "$$" for a literal dollar sign, or ${NAME} for a variable. The command was not checked.' });
      }
      return undefined;
    }
    return i.chars;
  };
  if (isScalar(node) && typeof node.value === 'string') {
    const chars = interpolate(scalarChars(node as Scalar, text));
    if (!chars) return undefined;
    const split = composeWords(chars);
    if (!split.ok) {
      if (STARTS_SERVER.test(node.value)) out.unchecked.push({ ...whole, message: `Compose cannot split this command into words (${split.reason}) and refuses the file; the command was not checked.` });
      return undefined;
    }
    if (split.dropped && STARTS_SERVER.test(node.value)) {
      out.unchecked.push({ start: split.dropped.at, end: whole.end, message: `Compose ends the command at "${split.dropped.text[0]}" and drops the rest ("${split.dropped.text.slice(0, 40)}"): it runs no shell, so it does not run it either. Use a list with "sh", "-c" for a shell command.` });
    }
    return split.words;
  }
  if (isSeq(node)) {
    const words: Word[] = [];
    for (const item of node.items) {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object') return undefined;
      const chars = interpolate(scalarChars(item as Scalar, text));
      if (!chars) return undefined;
      const ir = rangeOf(item);
      const unresolved = chars.find(c => c.ref);
      words.push({
        value: chars.map(c => c.c).join(''),
        start: ir ? ir[0] : -1,
        end: ir ? ir[1] : -1,
        ...(unresolved ? { unresolved: `${unresolved.c} is filled in by Compose from the environment` } : {}),
        chars: chars.map(c => (c.ref ? { c: c.c, at: c.at, why: `${c.c} is filled in by Compose from the environment` } : c)),
      });
    }
    return words;
  }
  return undefined;
}

/** Every service whose entrypoint and command start a server. */
export function extractCompose(text: string): Extracted {
  const { out, yaml } = yamlNamingServer(text);
  if (!yaml) return out;
  yaml.docs.forEach((doc, d) => {
    for (const [, service] of entries(get(doc, 'services'))) {
      const entrypoint = getMerged(service, 'entrypoint', yaml.documents[d]);
      const command = getMerged(service, 'command', yaml.documents[d]);
      const ep = entrypoint === undefined || entrypoint === null || (isScalar(entrypoint) && entrypoint.value === null) ? [] : wordsOf(entrypoint, text, out);
      const cmd = command === undefined || command === null || (isScalar(command) && command.value === null) ? [] : wordsOf(command, text, out);
      if (!ep || !cmd) continue;
      // without an entrypoint of its own, an official image's docker-entrypoint.sh runs the command
      const image = get(service, 'image');
      const words = entrypoint === undefined || entrypoint === null ? withImageEntrypoint(cmd, isScalar(image) ? String(image.value) : undefined) : [...ep, ...cmd];
      if (!words.length) continue;
      const rs = [rangeOf(entrypoint), rangeOf(command)].filter((r): r is [number, number] => !!r);
      const whole = rs.length ? { start: Math.min(...rs.map(r => r[0])), end: Math.max(...rs.map(r => r[1])) } : { start: 0, end: 0 };
      findServer(words, CONTAINER, out, whole);
    }
  });
  return out;
}
