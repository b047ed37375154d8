/**
 * What the server keeps per open document: one parse per version (shared by hover, outline and
 * definition), the findings of the last check (quick fixes are built by the check worker from
 * them on request), and whether the file on disk starts with a BOM the editor hides. Checks run
 * in the check worker (checker.ts), never on this thread.
 */
import * as fs from 'fs';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_LIMITS, lintDocument, parse, AppliedFix, Fix, ParsedFile, Profile, ProfileChange } from '../engine';
import type { Settings, SettingsService } from './settings';
import type { Checker, CheckReply, PlainFinding } from './checker';
import { URI } from './uri';

/** Keeps the entry of the few documents being worked on; the rest are computed again when asked. */
function remember<T>(cache: Map<string, T>, uri: string, value: T): void {
  cache.delete(uri);
  cache.set(uri, value);
  if (cache.size > 4) cache.delete(cache.keys().next().value as string);
}

/** A finding of the last check; `index` is its place in the worker's list (for its fixes), absent when its fixes do not fit the text. */
export interface DocumentFinding extends PlainFinding { index?: number }

const EMPTY = parse('');

export function filePathOf(uri: string): string | undefined {
  return URI.toFilePath(uri);
}

/** Whether the editor features (hover, outline, completion, definition) work on a text of this size. */
export function tooLargeForEditing(doc: TextDocument): boolean {
  return doc.getText().length > DEFAULT_LIMITS.maxTextChars;
}

export class DocumentCache {
  private readonly parsed = new Map<string, { version: number; file: ParsedFile }>();
  private readonly lastFindings = new Map<string, { version: number; findings: DocumentFinding[] }>();
  private readonly bomOnDisk = new Map<string, boolean>();

  constructor(private readonly settings: SettingsService, private readonly checker: Checker) {}

  /** The parse of the document's current version; an empty one for a text larger than the engine checks. */
  parsedOf(doc: TextDocument): ParsedFile {
    const hit = this.parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.file;
    const file = tooLargeForEditing(doc) ? EMPTY : parse(doc.getText());
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
        // non-blocking, and only a regular file is read
        const fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
        try {
          if (fs.fstatSync(fd).isFile()) {
            const buf = Buffer.alloc(3);
            fs.readSync(fd, buf, 0, 3, 0);
            bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
          }
        } finally {
          fs.closeSync(fd);
        }
      } catch { /* not on disk (yet) */ }
    }
    this.bomOnDisk.set(uri, bom);
  }

  /** What every request about a document tells the worker; `profile` overrides the setting (Apply production profile). */
  private base(doc: TextDocument, target: string, settings: Settings, profile?: Profile) {
    return { target, filePath: filePathOf(doc.uri), profile: profile ?? settings.profile, rules: settings.rules };
  }

  /** Checks a document's current text the way the diagnostics do (BOM from disk, settings, file access). */
  async lint(doc: TextDocument): Promise<{ findings: DocumentFinding[]; warning?: string }> {
    const { target, settings, warning } = await this.settings.targetOf(doc.uri);
    const bom = this.bomOnDisk.get(doc.uri) === true && doc.getText().charCodeAt(0) !== 0xfeff;
    const text = bom ? '\ufeff' + doc.getText() : doc.getText();
    let findings: DocumentFinding[];
    if (text.length > DEFAULT_LIMITS.maxTextChars) {
      // answered at once, without copying the text to the worker
      findings = lintDocument(text, target, { fs: null, filePath: filePathOf(doc.uri) });
    } else {
      const reply = await this.checker.request<Extract<CheckReply, { findings: unknown }>>({ kind: 'lint', uri: doc.uri, version: doc.version, text, ...this.base(doc, target.id, settings) });
      // positions on line 0 move back over the BOM the editor does not show; their edits would not fit, so they have none
      findings = reply.findings.map((f, index) => (bom && f.line === 0
        ? { ...f, character: Math.max(0, f.character - 1), endCharacter: Math.max(0, f.endCharacter - 1) }
        : { ...f, index }));
    }
    remember(this.lastFindings, doc.uri, { version: doc.version, findings });
    return { findings, warning };
  }

  /** The findings of a document's current version: from the last check, or a new one. */
  async currentFindings(doc: TextDocument): Promise<DocumentFinding[]> {
    const hit = this.lastFindings.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.findings;
    return (await this.lint(doc)).findings;
  }

  /** The findings of the last check of this version, or none (hover never starts a check). */
  lastFindingsOf(doc: TextDocument): DocumentFinding[] {
    const hit = this.lastFindings.get(doc.uri);
    return hit && hit.version === doc.version ? hit.findings : [];
  }

  /** The quick fixes of findings of the document's current version, built by the worker. */
  async fixesOf(doc: TextDocument, findings: DocumentFinding[]): Promise<Fix[][]> {
    const indices = findings.map(f => f.index ?? -1);
    if (indices.every(i => i < 0)) return findings.map(() => []);
    const { target, settings } = await this.settings.targetOf(doc.uri);
    const reply = await this.checker.request<Extract<CheckReply, { fixes: unknown }>>({ kind: 'fixes', uri: doc.uri, version: doc.version, indices, ...this.base(doc, target.id, settings) });
    return reply.fixes;
  }

  /**
   * Every automatic fix applied to the document's text (in the worker): the safe ones for Fix all;
   * with a `profile` (Apply production profile) that profile's fixes without rule overrides, and
   * with `includeReview` the fixes that change behaviour too; `tracked`: each fix with the block of lines it changed.
   */
  async fixAll(doc: TextDocument, options: { profile?: Profile; includeReview?: boolean; tracked?: boolean } = {}): Promise<{ text: string; applied: AppliedFix[]; changes?: ProfileChange[] }> {
    const { target, settings } = await this.settings.targetOf(doc.uri);
    const s = options.profile ? { ...settings, rules: {} } : settings;
    if (tooLargeForEditing(doc)) return { text: doc.getText(), applied: [], changes: [] };
    return this.checker.request<Extract<CheckReply, { applied: unknown }>>({
      kind: 'fixAll', text: doc.getText(), includeReview: options.includeReview, tracked: options.tracked, ...this.base(doc, target.id, s, options.profile),
    });
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.lastFindings.delete(uri);
    this.bomOnDisk.delete(uri);
    this.checker.forget(uri);
  }
}
