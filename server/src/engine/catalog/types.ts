/**
 * Shape of the directive catalog (server/src/engine/catalog/catalog.json).
 * The JSON is produced by scripts/generate-catalog.mjs from the servers' own
 * sources; this file is the contract between the generator and the engine.
 */

/** A target such as "redis@7.0", "valkey@8.0", "memurai@4.1". */
export type ServerTarget = string;

export type NumericKind =
  | 'int' | 'uint' | 'long' | 'ulong' | 'longlong' | 'ulonglong'
  | 'size_t' | 'ssize_t' | 'time_t' | 'off_t';

export type DirectiveType =
  | 'bool'
  | 'enum'
  | 'int'        // numeric, plain integer
  | 'memory'     // numeric with MEMORY_CONFIG (may also accept percent, see numFlags)
  | 'percent'    // numeric with PERCENT_CONFIG only
  | 'octal'      // numeric with OCTAL_CONFIG
  | 'string'     // createStringConfig / createSDSConfig
  | 'special'    // createSpecialConfig or a hand-parsed directive: validated by name
  | 'ignored';   // deprecated names the server reads and silently ignores

export interface DirectiveVariant {
  /** Targets for which this exact variant holds. */
  versions: ServerTarget[];
  type: DirectiveType;
  /** Alternative names accepted for this directive (lower-case). */
  aliases?: string[];
  /** C numeric type behind int/memory/percent/octal (decides signed vs unsigned bound checks). */
  numKind?: NumericKind;
  /** Numeric flags as in the source: any of 'memory', 'percent', 'octal'. */
  numFlags?: Array<'memory' | 'percent' | 'octal'>;
  /** Bounds as decimal strings of their mathematical value (may exceed 2^53). */
  min?: string;
  max?: string;
  /** Enum values in source order (lower-case), for type 'enum'. */
  values?: string[];
  /** Server flags: immutable, sensitive, debug, multi-arg, hidden, protected, deny-loading, volatile. */
  flags?: string[];
  /** Default value as `CONFIG GET` prints it (best effort for special types). */
  default?: string;
  /** String configs: 'empty-is-null' or 'allow-empty' as declared in the source. */
  empty?: 'empty-is-null' | 'allow-empty';
  /** Name of the source's validity function, when the directive has one (e.g. "isValidAOFfilename"). */
  validator?: string;
  /** The server's error when that function refuses an empty value the config otherwise allows. */
  refusesEmpty?: string;
  /** For hand-parsed directives (6.x) and specials: accepted argument count [min, max]; max -1 = unbounded. */
  argc?: [number, number];
}

export interface SentinelSubcommand {
  versions: ServerTarget[];
  /** e.g. "monitor", "auth-pass", "down-after-milliseconds". */
  name: string;
  /** Number of arguments after `sentinel <name>`, as the server checks it: [min, max], max -1 = unbounded. */
  argc: [number, number];
}

export interface Catalog {
  /** Every target the catalog covers, oldest first within each flavour. */
  targets: ServerTarget[];
  /**
   * Where each target's facts came from: repository + tag, a Debian source package's upstream
   * tarball, or (for derived targets, marked UNVERIFIED where only release notes back them) documentation.
   */
  sources: Record<ServerTarget, string>;
  /** Directive name (lower-case, canonical) -> variants (one per distinct shape across targets). */
  directives: Record<string, DirectiveVariant[]>;
  /** Sentinel subcommands (`sentinel <sub> ...` lines of sentinel.conf). */
  sentinel: SentinelSubcommand[];
  /** Top-level command names per target (lower-case), for rename-command and ACL checks. */
  commands: Record<ServerTarget, string[]>;
  /** Subcommands per container command per target, e.g. config -> [get,set,...]. */
  subcommands: Record<ServerTarget, Record<string, string[]>>;
  /** ACL categories per target (without '@'). */
  aclCategories: Record<ServerTarget, string[]>;
  /** Letters `notify-keyspace-events` accepts per target, in the order the server's parser lists them. */
  keyspaceEvents: Record<ServerTarget, string>;
  /**
   * What the loader does with a directive it does not know: 'line' refuses it at its line;
   * 'startup' (Redis 8) keeps it for the modules and aborts at start-up when none claims it.
   */
  unknownDirectives: Record<ServerTarget, 'line' | 'startup'>;
  /** A memory value past 2^64-1: 'saturate' (ERANGE unchecked: it becomes the maximum) or 'refuse' (Valkey 9.1). */
  memoryOverflow: Record<ServerTarget, 'saturate' | 'refuse'>;
  /** The float parser of config values: C's 'strtod' (hex floats too) or 'fast-float' (Valkey 9.x: no hex). */
  floatParser: Record<ServerTarget, 'strtod' | 'fast-float'>;
  /** sdssplitargs refuses a closing quote followed by anything but a blank (true) or reads on (false: Valkey 9.1). */
  closingQuoteNeedsBlank: Record<ServerTarget, boolean>;
}
