/** What the engine reports: plain data shared by the validator, the rules, the LSP glue and the CLI. */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text change, 0-based, end exclusive. */
export interface Edit { line: number; character: number; endLine: number; endCharacter: number; newText: string }

/** A quick fix: a title and the edits that carry it out. */
export interface Fix {
  title: string;
  edits: Edit[];
  /**
   * 'safe': changes nothing clients rely on (moving a comment, quoting a path so that it means
   * what was written, a deprecated alias's new name, deleting a line that has no effect); only
   * these are applied by Fix All, source.fixAll and --fix. 'review': changes behaviour (passwords,
   * eviction, persistence, renamed or disabled commands, bind, TLS, who may connect); offered one
   * by one and applied only after the user has seen the change.
   */
  safety: 'safe' | 'review';
}

export interface Finding {
  /** 0-based positions in the linted file. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  severity: Severity;
  /** Stable code, e.g. "RG102". */
  code: string;
  /** True exactly when the server would refuse to start with this file. */
  fatal: boolean;
  /**
   * For fatal findings: 'load' when the server stops reading at a line and prints
   * "Reading the configuration file, at line N"; 'startup' when it refuses after reading.
   */
  stage?: 'load' | 'startup';
  /**
   * 1-based line number the server would print, when it differs from `line + 1`
   * (an error inside an included file is reported with that file's line number).
   */
  serverLine?: number;
  /**
   * For fatal findings met while the server is still reading (a bad line, a missing
   * include, the checks at the end of each file): the position in its reading order.
   * The earliest one is where the server stops.
   */
  readOrder?: number;
  message: string;
  /** The why behind a short message, when the rule gives one (hover, JSON output). */
  details?: string;
  /** The server's own error text, when there is one. */
  serverMessage?: string;
  /** Quick fixes that resolve this finding. */
  fixes?: Fix[];
}
