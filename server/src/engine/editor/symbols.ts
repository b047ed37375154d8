/** Document outline: section headers from comments, directives under them. */
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

/**
 * A section header is a comment whose words are all upper case, optionally framed
 * by #, = or - (e.g. "# NETWORK", "######## SNAPSHOTTING ########", "# PERSISTENCE - RDB Snapshots").
 */
export function sectionTitle(comment: string): string | undefined {
  // fast path: a header has at least three upper-case letters in a row
  let run = 0;
  let found = false;
  for (let i = 0; i < comment.length && !found; i++) {
    const c = comment.charCodeAt(i);
    run = c >= 65 && c <= 90 ? run + 1 : 0;
    if (run >= 3) found = true;
  }
  if (!found) return undefined;
  const t = comment.replace(/^[#=\-\s]+|[#=\-\s]+$/g, '');
  if (t.length < 3 || t.length > 60) return undefined;
  const head = t.split(/\s+-\s+|:/)[0];
  if (!/^[A-Z0-9][A-Z0-9 /&()-]*[A-Z0-9)]$/.test(head) || !/[A-Z]{3}/.test(head)) return undefined;
  return t;
}

export function outline(file: ParsedFile): OutlineNode[] {
  const roots: OutlineNode[] = [];
  let section: OutlineNode | undefined;
  for (const pl of file.lines) {
    if (pl.kind === 'comment') {
      const title = sectionTitle(pl.text);
      if (title) {
        section = { name: title, kind: 'section', line: pl.line.index, start: pl.line.start, endLine: pl.line.index, end: pl.line.end, children: [] };
        roots.push(section);
      }
      continue;
    }
    if (pl.kind !== 'directive') continue;
    const node: OutlineNode = {
      name: pl.name === 'sentinel' && pl.args[1] ? `sentinel ${pl.args[1].value.toLowerCase()}` : pl.name,
      kind: 'directive',
      detail: pl.args.slice(pl.name === 'sentinel' ? 2 : 1).map(a => a.value).join(' ').slice(0, 80),
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
