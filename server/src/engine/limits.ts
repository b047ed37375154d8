/**
 * How far one check goes: every input the engine reads is bounded here, so that no file, however
 * large, deep or strange, makes a check run long or grow without end. What a limit cuts off is
 * reported (RG205), never dropped in silence.
 */
export interface Limits {
  /** Characters of the checked text itself (the document, the CLI's file). */
  maxTextChars: number;
  /** Bytes of one included file, ACL file or TLS file. */
  maxFileBytes: number;
  /** Bytes of all included files of one check together. */
  maxTotalBytes: number;
  /** Included files read in one check (a file included twice counts twice). */
  maxIncludedFiles: number;
  /** Includes inside includes. */
  maxIncludeDepth: number;
  /** Findings of one check. */
  maxFindings: number;
}

const MiB = 1024 * 1024;

/** Arguments of one line that the tokenizer reads; a line with more is not checked (the longest real ones, `save` and `user`, have dozens). */
export const MAX_ARGS_PER_LINE = 10_000;

export const DEFAULT_LIMITS: Limits = {
  // a check takes about 100 bytes of memory per character of short lines: 4 MB of text is
  // about 350 MB at worst, and 40 times the largest real configuration we know of
  maxTextChars: 4 * MiB,
  maxFileBytes: 4 * MiB,
  maxTotalBytes: 16 * MiB,
  maxIncludedFiles: 256,
  maxIncludeDepth: 64,
  maxFindings: 10_000,
};

/** "8 MB" for 8 MiB: sizes as messages give them. */
export function megabytes(n: number): string {
  const mb = n / MiB;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}
