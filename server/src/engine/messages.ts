/**
 * Every code the engine emits, with its message. Texts are ours; the server's own
 * error strings are quoted separately (see `serverText`) so users can match logs.
 */

export const CODES = {
  unbalancedQuotes: 'RG100',
  unknownDirective: 'RG101',
  argumentCount: 'RG102',
  notYesNo: 'RG103',
  badEnum: 'RG104',
  notInteger: 'RG105',
  outOfRange: 'RG106',
  badMemory: 'RG107',
  badSave: 'RG108',
  badRename: 'RG109',
  badUser: 'RG110',
  newerDirective: 'RG111',
  removedDirective: 'RG112',
  inlineComment: 'RG113',
  byteOrderMark: 'RG114',
  nulByte: 'RG115',
  badInclude: 'RG116',
  badDir: 'RG117',
  badValue: 'RG118',
  sentinelOutsideSentinel: 'RG119',
  badBind: 'RG120',
  tlsIncomplete: 'RG121',
  replicaofInCluster: 'RG122',
  usersWithAclfile: 'RG123',
  moduleConfigWithoutModule: 'RG124',
  badModule: 'RG125',
  notListening: 'RG126',
  badSentinelLine: 'RG127',
  badLogfile: 'RG128',
  sentinelWithoutFile: 'RG129',
  // non-fatal engine notes
  ignoredDirective: 'RG200',
  bindUnverifiable: 'RG202',
  badGuardComment: 'RG204',
  notChecked: 'RG205',
  pathElsewhere: 'RG206',
  placeholder: 'RG207',
  commandNotChecked: 'RG208',
  // deployments (engine/deployment/)
  badManifest: 'RG400',
} as const;

/** One-line summaries, used by hover on a diagnostic code and by the docs index. */
export const SUMMARIES: Record<string, string> = {
  RG100: 'A quote is not closed, or a closing quote is followed by something other than a blank.',
  RG101: 'The server does not know this directive.',
  RG102: 'The directive has the wrong number of arguments.',
  RG103: 'A boolean directive takes only yes or no.',
  RG104: 'The value is not one of the directive\'s allowed words.',
  RG105: 'The value is not a plain integer.',
  RG106: 'The value is outside the range the server accepts.',
  RG107: 'The value is not a memory size.',
  RG108: 'save takes pairs of <seconds> <changes>.',
  RG109: 'rename-command names a command that does not exist (any more) or a target that already exists.',
  RG110: 'A user line has an invalid ACL rule or repeats a user.',
  RG111: 'The directive exists only in newer versions than the target.',
  RG112: 'The directive was removed before the target version.',
  RG113: 'A # after a value is not a comment: the server reads it as more arguments.',
  RG114: 'The file starts with a UTF-8 byte order mark, which the server reads as part of the first directive.',
  RG115: 'The file contains NUL bytes; the server drops text after them.',
  RG116: 'An include names a file that cannot be read.',
  RG117: 'dir names a directory the server cannot change into.',
  RG118: 'The value is not valid for this directive.',
  RG119: 'sentinel lines only work in sentinel.conf (Sentinel mode).',
  RG120: 'bind names an address the server cannot listen on.',
  RG121: 'TLS is switched on without the certificate, key or CA it needs.',
  RG122: 'replicaof cannot be used with cluster-enabled yes.',
  RG123: 'user lines cannot be combined with aclfile.',
  RG124: 'A module setting is given without loading its module.',
  RG125: 'loadmodule names a file that does not exist.',
  RG126: 'The configuration leaves the server with nothing to listen on.',
  RG127: 'A sentinel line is not valid.',
  RG128: 'The log file cannot be opened.',
  RG129: 'Sentinel is started without a config file.',
  RG200: 'The directive is accepted but ignored by this server version.',
  RG202: 'A bind address can only be checked on the machine that runs the server.',
  RG204: 'A # redis-guard: comment names an unknown profile, role or setting.',
  RG206: 'A Windows path cannot be checked on this machine.',
  RG207: 'A value is a template placeholder that was never filled in; the server reads it literally.',
  RG208: 'Part of a command line that starts a server was not checked: a value known only when the container runs, a shell script, or a command that starts no server.',
  RG400: 'A deployment manifest (redis-guard.json, .redis-guard.yaml) cannot be read or names files that were not checked.',
  RG401: "A replica's masterauth / masteruser does not log in to its primary, so it never syncs.",
  RG402: 'rename-command differs between the primary and a replica, or Sentinel does not know a renamed command.',
  RG403: 'A primary that Sentinel may turn into a replica has replica-read-only no.',
  RG404: 'A Sentinel monitors an address and port where no primary file of the deployment listens.',
  RG405: 'The quorum does not fit the Sentinels of the deployment, or they name the primary differently.',
  RG406: "A Sentinel's auth-pass / auth-user does not log in to the primary it monitors.",
  RG407: 'Members announce the same address and port, or some announce an address while others of their kind do not.',
  RG408: 'Two members on one host use the same port, TLS port or cluster bus port, or a bus port is above 65535.',
  RG409: 'Some members use TLS and others do not, or a replica cannot speak to its primary the way the primary listens.',
  RG410: 'The primary keeps nothing on disk while it has replicas: restarted empty, it wipes them.',
  RG411: 'min-replicas-to-write asks for more replicas than the deployment has: every write is refused.',
  RG205: 'Part of the file was not checked: a limit of Redis Guard (size, included files, arguments, findings or time) was reached.',
};

/** Longest quoted text from the file a message repeats in full; longer ones are cut with "…". */
const QUOTED_MAX = 48;

/** Cuts text taken from the file to what a one-line message can carry. */
export function clip(text: string, max = QUOTED_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 8)}…`;
}

/**
 * A message as the Problems panel shows it: every quoted piece of the file in it cut to
 * QUOTED_MAX characters (a 4,000-character directive name repeated in full helps nobody).
 * The server's own words travel separately, as `serverMessage`.
 */
export function clipQuoted(message: string): string {
  if (message.length <= 160) return message;
  // quotes pair up in order: every second piece is quoted
  let out = message.split('"').map((piece, i) => (i % 2 === 1 ? clip(piece) : piece)).join('"');
  // a quote inside the quoted text breaks the pairing: then any long unbroken word is cut, and the whole as a last resort
  if (out.length > 250) out = out.replace(/\S{49,}/g, w => clip(w));
  return out.length > 250 ? `${out.slice(0, 249)}…` : out;
}
