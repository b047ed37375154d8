/**
 * Dockerfiles: the `ENTRYPOINT` and `CMD` of each stage (after its `FROM`).
 *
 * What Docker does to the text (Dockerfile reference):
 * - An instruction continues on the next line when its line ends with the escape character
 *   (`\`, or the one a `# escape=` parser directive names); comment lines and blank lines inside
 *   a continued instruction are left out.
 * - Exec form, a JSON array of strings (`CMD ["redis-server", "--port", "6380"]`): the words are
 *   the strings, with no shell, so `$VAR` and `#` are text. An array that is not valid JSON is
 *   shell form.
 * - Shell form (`CMD redis-server --port 6380`): the text is run by `/bin/sh -c`, so the shell
 *   splits it, strips a `# comment`, and expands `$VAR` when the container starts.
 * - Combination: with an exec-form ENTRYPOINT the CMD's words are appended to it (a shell-form
 *   CMD as `/bin/sh -c TEXT`); a shell-form ENTRYPOINT ignores CMD. Without an ENTRYPOINT in the
 *   stage the image's own runs the CMD (the official images exec it). The last ENTRYPOINT and the
 *   last CMD of a stage count.
 */
import { Extracted, findServer, MENTIONS_SERVER, withImageEntrypoint } from './sites';
import { Located, Word } from './words';

const CONTAINER = 'in a Dockerfile';

interface Instruction { keyword: string; rest: Located[]; start: number; end: number }

/** The instructions of a Dockerfile with their arguments' characters (continuations joined). */
function instructions(text: string): Instruction[] {
  const lines: Array<{ text: string; at: number }> = [];
  let pos = 0;
  for (const l of text.split('\n')) { lines.push({ text: l.endsWith('\r') ? l.slice(0, -1) : l, at: pos }); pos += l.length + 1; }
  // parser directives: `# escape=` before the first instruction or other comment
  let escape = '\\';
  for (const l of lines) {
    const m = /^#\s*([a-zA-Z]+)\s*=\s*(\S+)\s*$/.exec(l.text);
    if (!m) break;
    if (m[1].toLowerCase() === 'escape' && (m[2] === '`' || m[2] === '\\')) escape = m[2];
  }
  const out: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i];
    const m = /^\s*([A-Za-z]+)(\s+|$)/.exec(first.text);
    if (!m || /^\s*#/.test(first.text)) continue;
    const rest: Located[] = [];
    let line = first;
    let from = m[0].length;
    let end = first.at + first.text.length;
    for (;;) {
      const body = line.text.slice(from);
      const trimmed = body.replace(/[ \t]+$/, '');
      const continued = trimmed.endsWith(escape);
      const upto = continued ? trimmed.length - 1 : body.length;
      for (let k = 0; k < upto; k++) rest.push({ c: body[k], at: line.at + from + k });
      end = line.at + line.text.length;
      if (!continued) break;
      // the next line that is not a comment or blank continues the instruction
      let j = i + 1;
      while (j < lines.length && (/^\s*#/.test(lines[j].text) || /^\s*$/.test(lines[j].text))) j++;
      if (j >= lines.length) { i = j; break; }
      i = j;
      line = lines[j];
      from = 0;
    }
    out.push({ keyword: m[1].toUpperCase(), rest, start: first.at + (first.text.length - first.text.trimStart().length), end });
  }
  return out;
}

/** A JSON array of strings with each character's place, or undefined when it is not one (then it is shell form). */
function execForm(rest: Located[]): Word[] | undefined {
  let i = 0;
  const n = rest.length;
  const ws = () => { while (i < n && /\s/.test(rest[i].c)) i++; };
  ws();
  if (rest[i]?.c !== '[') return undefined;
  i++;
  const words: Word[] = [];
  ws();
  if (rest[i]?.c === ']') { i++; ws(); return i === n ? words : undefined; }
  for (;;) {
    ws();
    if (rest[i]?.c !== '"') return undefined;
    const start = rest[i].at;
    i++;
    const chars: Located[] = [];
    for (;;) {
      if (i >= n) return undefined;
      const c = rest[i].c;
      if (c === '"') break;
      if (c === '\\') {
        const e = rest[i + 1]?.c;
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = rest.slice(i + 2, i + 6).map(x => x.c).join('');
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
          chars.push({ c: String.fromCharCode(parseInt(hex, 16)), at: rest[i].at });
          i += 6;
          continue;
        }
        if (e === undefined || !(e in simple)) return undefined;
        chars.push({ c: simple[e], at: rest[i].at });
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) return undefined;
      chars.push(rest[i]);
      i++;
    }
    const end = rest[i].at + 1;
    i++;
    words.push({ value: chars.map(c => c.c).join(''), start, end, chars });
    ws();
    if (rest[i]?.c === ',') { i++; continue; }
    if (rest[i]?.c === ']') { i++; break; }
    return undefined;
  }
  ws();
  return i === n ? words : undefined;
}

/** A shell-form instruction as the words Docker runs: /bin/sh -c TEXT. */
function shellForm(ins: Instruction): Word[] {
  const text = ins.rest.map(c => c.c).join('');
  const first = ins.rest.find(c => c.c.trim())?.at ?? ins.start;
  const place = { start: first, end: ins.end };
  return [
    { value: '/bin/sh', start: -1, end: -1, chars: [] },
    { value: '-c', start: -1, end: -1, chars: [] },
    { value: text, ...place, chars: ins.rest },
  ];
}

/** Every stage whose ENTRYPOINT and CMD start a server. */
export function extractDockerfile(text: string): Extracted {
  const out: Extracted = { sites: [], unchecked: [] };
  if (!MENTIONS_SERVER.test(text)) return out;
  type Form = { words: Word[]; shell: boolean; ins: Instruction };
  let ep: Form | undefined, cmd: Form | undefined;
  let image: string | undefined;
  const finish = () => {
    if (!ep && !cmd) return;
    let words: Word[];
    if (ep && ep.shell) words = ep.words;
    // without an ENTRYPOINT of its own the stage keeps its base image's: an official image's puts the server in front of options
    else if (!ep && cmd && !cmd.shell) words = withImageEntrypoint(cmd.words, image);
    else words = [...(ep?.words ?? []), ...(cmd?.words ?? [])];
    const spans = [ep?.ins, cmd?.ins].filter((x): x is Instruction => !!x);
    findServer(words, CONTAINER, out, { start: Math.min(...spans.map(s => s.start)), end: Math.max(...spans.map(s => s.end)) });
  };
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      finish();
      ep = cmd = undefined;
      image = ins.rest.map(c => c.c).join('').trim().split(/\s+/).find(w => !w.startsWith('--'));
      continue;
    }
    if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
    const exec = execForm(ins.rest);
    const text = ins.rest.map(c => c.c).join('');
    if (!exec && text.trimStart().startsWith('[') && MENTIONS_SERVER.test(text)) {
      const first = ins.rest.find(c => c.c === '[')!.at;
      out.unchecked.push({ start: first, end: ins.end, message: `This ${ins.keyword} is not a valid JSON array (strings in double quotes, separated by commas), so Docker runs it as a shell command, and the shell does not find a program named like its first word: the server does not start.` });
      if (ins.keyword === 'CMD') cmd = undefined; else ep = undefined;
      continue;
    }
    const form: Form = exec ? { words: exec, shell: false, ins } : { words: shellForm(ins), shell: true, ins };
    if (ins.keyword === 'CMD') cmd = form; else ep = form;
  }
  finish();
  return out;
}
