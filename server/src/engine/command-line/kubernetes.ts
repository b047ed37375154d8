/**
 * Kubernetes manifests (and Helm charts once rendered): every `containers[]` and
 * `initContainers[]` entry of every document, wherever its pod template sits (Pod,
 * Deployment, StatefulSet, DaemonSet, Job, CronJob, List, or a custom resource with a pod
 * template), found by walking each document to a bounded depth.
 *
 * What Kubernetes does (the Container API, fields `command` and `args`):
 * - `command` replaces the image's ENTRYPOINT and `args` its CMD; with `command` and no `args`
 *   the image's CMD is dropped. Both are lists: no shell runs and nothing is split.
 * - `$(VAR_NAME)` in them is replaced by the container's environment variable of that name
 *   (`env`, and the service variables Kubernetes adds); a reference it cannot resolve stays as
 *   written; `$$` is a literal `$`, so `$$(VAR)` is the text `$(VAR)`. Here a variable whose
 *   `env` entry has a literal `value` is filled in; one from `valueFrom` (a Secret, a ConfigMap)
 *   or not in `env` goes unchecked.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import { Extracted, findServer, withImageEntrypoint } from './sites';
import { Located, Word } from './words';
import { entries, get, rangeOf, scalarChars, scalarText, yamlNamingServer } from './yaml-source';

const CONTAINER = 'in a Kubernetes manifest';
const MAX_WALK_DEPTH = 24;

/** The container's env: name → its literal value, or undefined when it comes from elsewhere. */
function envOf(container: unknown): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  const list = get(container, 'env');
  if (!isSeq(list)) return env;
  for (const e of list.items) {
    const name = scalarText(get(e, 'name'));
    if (name === undefined) continue;
    const v = get(e, 'value');
    env.set(name, get(e, 'valueFrom') === undefined ? scalarText(v) ?? '' : undefined);
  }
  return env;
}

/** `$(VAR)` and `$$` in one string (Kubernetes' expansion; see the file header). */
function expand(chars: Located[], env: Map<string, string | undefined>): Located[] {
  const out: Located[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch.c !== '$') { out.push(ch); continue; }
    const next = chars[i + 1]?.c;
    if (next === '$') { out.push({ c: '$', at: ch.at }); i++; continue; }
    if (next === '(') {
      let j = i + 2;
      while (j < chars.length && chars[j].c !== ')') j++;
      const name = chars.slice(i + 2, j).map(c => c.c).join('');
      if (j < chars.length && /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) {
        const ref = `$(${name})`;
        if (env.has(name) && env.get(name) !== undefined) {
          for (const c of env.get(name)!) out.push({ c, at: ch.at });
        } else {
          out.push({ c: ref, at: ch.at, why: env.has(name) ? `${ref} is filled in by Kubernetes from a Secret or ConfigMap` : `${ref} is filled in by Kubernetes when the container has such a variable, and is left as written otherwise` });
        }
        i = j;
        continue;
      }
    }
    out.push(ch);
  }
  return out;
}

/** The words of a `command` or `args` list, or undefined when it is not a list of strings. */
function listWords(node: unknown, text: string, env: Map<string, string | undefined>): Word[] | undefined {
  if (!isSeq(node)) return undefined;
  const words: Word[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || scalarText(item) === undefined) return undefined;
    const chars = expand(scalarChars(item as Scalar, text), env);
    const r = rangeOf(item);
    const why = chars.find(c => c.why)?.why;
    words.push({ value: chars.map(c => c.c).join(''), start: r ? r[0] : -1, end: r ? r[1] : -1, ...(why ? { unresolved: why } : {}), chars });
  }
  return words;
}

function container(c: unknown, text: string, out: Extracted): void {
  const env = envOf(c);
  const commandNode = get(c, 'command');
  const argsNode = get(c, 'args');
  const command = commandNode === undefined ? [] : listWords(commandNode, text, env);
  const args = argsNode === undefined ? [] : listWords(argsNode, text, env);
  if (!command || !args) return;
  // without a command, the image's entrypoint runs the args (an official image's puts the server in front of options)
  const image = get(c, 'image');
  const words = commandNode === undefined ? withImageEntrypoint(args, isScalar(image) ? String(image.value) : undefined) : [...command, ...args];
  if (!words.length) return;
  const rs = [rangeOf(commandNode), rangeOf(argsNode)].filter((r): r is [number, number] => !!r);
  findServer(words, CONTAINER, out, { start: Math.min(...rs.map(r => r[0])), end: Math.max(...rs.map(r => r[1])) });
}

function walk(node: unknown, text: string, out: Extracted, depth: number): void {
  if (depth > MAX_WALK_DEPTH) return;
  if (isMap(node)) {
    for (const [key, value] of entries(node)) {
      if ((key === 'containers' || key === 'initContainers') && isSeq(value)) {
        for (const c of value.items) if (isMap(c)) container(c, text, out);
      } else {
        walk(value, text, out, depth + 1);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item, text, out, depth + 1);
  }
}

/** Every container whose command and args start a server. */
export function extractKubernetes(text: string): Extracted {
  const { out, yaml } = yamlNamingServer(text);
  if (!yaml) return out;
  for (const doc of yaml.docs) walk(doc, text, out, 0);
  return out;
}
