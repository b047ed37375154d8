/** Document outline: section headers from comments, directives under them, secrets hidden. */
import { ParsedFile } from '../parse';

export interface OutlineNode {
  name: string;
  kind: 'section' | 'directive';
  detail?: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
  children: OutlineNode[];
}

/** Letters, digits and the joiners a title uses; upper case only. */
const UPPER_TITLE = /^[A-Z0-9][A-Z0-9 /&()+.-]*[A-Z0-9)]$/;
/** A comment of rule characters only ("# ==========", "##########"). */
const SEPARATOR = /^[\s#=*~_-]{3,}$/;
/** A title framed by rules: "#### NETWORK ####", "# === SECURITY ===". */
const BANNER = /^\s*[#=*~-]{3,}\s*([^#=*~\s].*?)\s*[#=*~-]{3,}\s*$/;

/** Whether the comment has three upper-case letters in a row (every title has; most comments do not). */
function hasUpperRun(comment: string): boolean {
  let run = 0;
  for (let i = 0; i < comment.length; i++) {
    const c = comment.charCodeAt(i);
    run = c >= 65 && c <= 90 ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

/**
 * The title of a section comment, or undefined: a banner ("#### NETWORK ####"), or a short title in
 * upper case, optionally followed by " - " and a subtitle ("# SECURITY", "# PERSISTENCE - RDB
 * Snapshots"). A sentence is not a title: "# IMPORTANT: Set a strong password!", "# WARNING: …".
 * `short` says which kind it is.
 */
function titleOf(comment: string): { title: string; short: boolean } | undefined {
  if (!hasUpperRun(comment)) return undefined;
  const banner = BANNER.exec(comment);
  if (banner) return banner[1].length <= 60 ? { title: banner[1], short: false } : undefined;
  const t = comment.trim();
  if (t.length < 3 || t.length > 60 || /[:!?;,]|\.$/.test(t)) return undefined;
  const head = t.split(/\s+-\s+/)[0];
  return UPPER_TITLE.test(head) && /[A-Z]{3}/.test(head) ? { title: t, short: true } : undefined;
}

/**
 * The section headers of a file: banners, and short titles that start a block (after a blank
 * line, a rule line or the start of the file) or sit right above a directive.
 */
export function sectionHeaders(file: ParsedFile): Array<{ line: number; title: string }> {
  const out: Array<{ line: number; title: string }> = [];
  const lines = file.lines;
  for (let i = 0; i < lines.length; i++) {
    const pl = lines[i];
    if (pl.kind !== 'comment') continue;
    const t = titleOf(pl.text);
    if (!t) continue;
    if (t.short) {
      const prev = lines[i - 1], next = lines[i + 1];
      const startsBlock = !prev || prev.kind === 'blank' || (prev.kind === 'comment' && SEPARATOR.test(prev.text));
      if (!startsBlock && next?.kind !== 'directive') continue;
    }
    out.push({ line: pl.line.index, title: t.title });
  }
  return out;
}

/** Directives whose values are secrets: passwords and key passphrases (requirepass, masterauth, tls-key-file-pass, …). */
const SECRET = /(?:pass|auth)$/;
const HIDDEN = '••••';

/** A user line's rules with its passwords and hashes hidden (">pw", "<pw", "#hash", "!hash"). */
function userRules(values: string[]): string[] {
  return values.map((v, i) => (i > 0 && /^[<>#!]./.test(v) ? v[0] + HIDDEN : v));
}

/** What the outline shows after a directive's name: its values, without secrets. */
function detailOf(name: string, values: string[]): string {
  if (name === 'user') return userRules(values).join(' ');
  if (name.startsWith('sentinel ')) {
    const sub = name.slice('sentinel '.length);
    // sentinel auth-pass <master> <password>, sentinel sentinel-pass <password>
    if (SECRET.test(sub)) return values.length > 1 ? `${values[0]} ${HIDDEN}` : HIDDEN;
    return values.join(' ');
  }
  return SECRET.test(name) ? HIDDEN : values.join(' ');
}

export function outline(file: ParsedFile): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const headers = new Map(sectionHeaders(file).map(h => [h.line, h.title]));
  let section: OutlineNode | undefined;
  for (const pl of file.lines) {
    if (pl.kind === 'comment') {
      const title = headers.get(pl.line.index);
      if (title !== undefined) {
        section = { name: title, kind: 'section', line: pl.line.index, start: pl.line.start, endLine: pl.line.index, end: pl.line.end, children: [] };
        roots.push(section);
      }
      continue;
    }
    if (pl.kind !== 'directive') continue;
    const sentinel = pl.name === 'sentinel' && pl.args[1];
    const name = sentinel ? `sentinel ${pl.args[1].value.toLowerCase()}` : pl.name;
    const node: OutlineNode = {
      name,
      kind: 'directive',
      detail: detailOf(name, pl.args.slice(sentinel ? 2 : 1).map(a => a.value)).slice(0, 80),
      line: pl.line.index, start: pl.line.start, endLine: pl.line.index, end: pl.line.end, children: [],
    };
    if (section) {
      section.children.push(node);
      section.endLine = node.line;
      section.end = node.end;
    } else {
      roots.push(node);
    }
  }
  return roots;
}
