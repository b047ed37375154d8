/**
 * What the server keeps per open document: one parse per version (shared by the check, hover,
 * outline and definition), the findings of the last check (quick fixes are built from them on
 * request), and whether the file on disk starts with a BOM the editor hides.
 */
import * as fs from 'fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { lintWithTarget, nodeFileAccess, parse, Finding, LintOptions, ParsedFile, Profile } from '../engine';
import type { Settings, SettingsService } from './settings';
import { URI } from './uri';

/** Keeps the entry of the few documents being worked on; the rest are computed again when asked. */
function remember<T>(cache: Map<string, T>, uri: string, value: T): void {
  cache.delete(uri);
  cache.set(uri, value);
  if (cache.size > 4) cache.delete(cache.keys().next().value as string);
}

/** A copy of a finding at other columns of its line, without fixes (and without building them). */
function withoutFixes(f: Finding, character: number, endCharacter: number): Finding {
  const { fixes: _unread, ...rest } = f;
  return { ...rest, character, endCharacter };
}

export function filePathOf(uri: string): string | undefined {
  return URI.toFilePath(uri);
}

export class DocumentCache {
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();
  private readonly lastFindings = new Map<string, { version: number; findings: Finding[] }>();
  private readonly bomOnDisk = new Map<string, boolean>();

  constructor(private readonly settings: SettingsService) {}

  parsedOf(doc: TextDocument): ParsedFile {
    const hit = this.parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.file;
    const file = parse(doc.getText());
    remember(this.parsed, doc.uri, { version: doc.version, file });
    return file;
  }

  /**
   * VS Code hides a UTF-8 BOM from the document text; the server does not, so look at the
   * file itself. Read once when a document opens and again when it is saved, not per keystroke.
   */
  readBomOnDisk(uri: string): void {
    const path = filePathOf(uri);
    let bom = false;
    if (path) {
      try {
        const fd = fs.openSync(path, 'r');
        const buf = Buffer.alloc(3);
        fs.readSync(fd, buf, 0, 3, 0);
        fs.closeSync(fd);
        bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
      } catch { /* not on disk (yet) */ }
    }
    this.bomOnDisk.set(uri, bom);
  }

  /** The lint options every check of a document uses; `profile` overrides the setting (Apply production profile). */
  lintOptions(doc: TextDocument, settings: Settings, profile?: Profile): LintOptions {
    const path = filePathOf(doc.uri);
    return { filePath: path, fs: path ? nodeFileAccess : null, profile: profile ?? settings.profile, rules: settings.rules };
  }

  /** Lints a document's current text the way the diagnostics do (BOM from disk, settings, file access). */
  async lint(doc: TextDocument): Promise<{ findings: Finding[]; warning?: string }> {
    const { target, settings, warning } = await this.settings.targetOf(doc.uri);
    const bom = this.bomOnDisk.get(doc.uri) === true && doc.getText().charCodeAt(0) !== 0xfeff;
    const text = bom ? '\ufeff' + doc.getText() : doc.getText();
    // the parse is shared with hover, outline and definition unless a BOM changes the text
    let findings = lintWithTarget(text, target, { ...this.lintOptions(doc, settings), parsed: bom ? undefined : this.parsedOf(doc) });
    // positions on line 0 move back over the BOM the editor does not show; their edits would not fit, so they go
    if (bom) findings = findings.map(f => (f.line === 0 ? withoutFixes(f, Math.max(0, f.character - 1), Math.max(0, f.endCharacter - 1)) : f));
    remember(this.lastFindings, doc.uri, { version: doc.version, findings });
    return { findings, warning };
  }

  /** The findings of a document's current version: from the last check, or a new one. */
  async currentFindings(doc: TextDocument): Promise<Finding[]> {
    const hit = this.lastFindings.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.findings;
    return (await this.lint(doc)).findings;
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.lastFindings.delete(uri);
    this.bomOnDisk.delete(uri);
  }
}
