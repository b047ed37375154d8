/**
 * Directives the server reads outside its config table: rename-command, user, loadmodule,
 * module settings (names with a dot) and sentinel lines (sentinel.ts). Each gets the line being read.
 */
import { asciiLower } from '../parse';
import { CODES } from '../messages';
import { commandsOf } from '../catalog';
import { sentinelLine } from './sentinel';
import { Loader, Line, targetLabel } from './context';
import { mergeSelectors, aclRule, RuleState } from './acl';

/** rename-command <from> <to>: renames (or with "" removes) a command; each command only once. */
export function renameCommand(cx: Loader, line: Line): void {
  const { values, argAt, fail } = line;
  const from = asciiLower(values[1]);
  const to = asciiLower(values[2]);
  // the command table as renamed so far; copied on the first rename only
  const commands = (cx.state.commands ??= new Set(commandsOf(cx.t.id)));
  if (!commands.has(from)) {
    const known = commandsOf(cx.t.id).has(from);
    fail(CODES.badRename, argAt(1), known
      ? `"${values[1]}" was already renamed or removed by an earlier rename-command line; a command can be renamed only once.`
      : `"${values[1]}" is not a command of ${targetLabel(cx.t)}.`, 'No such command in rename-command');
    return;
  }
  commands.delete(from);
  if (to.length) {
    if (commands.has(to)) {
      fail(CODES.badRename, argAt(2), `"${values[2]}" is already the name of a command; pick another target name.`, 'Target command name already exists');
      return;
    }
    commands.add(to);
  }
  if (line.comment) cx.report('warning', CODES.inlineComment, line.comment.at, false, '"#" does not start a comment after a value. Put the comment on its own line.', undefined, line.comment.fixes);
}

/** user <name> <rules…>: each user once; rules as ACLSetUser reads them (unknown commands wait until start-up). */
export function user(cx: Loader, line: Line): void {
  const { values, argAt, lineAt, fail } = line;
  const name = values[1];
  if (cx.state.users.has(name)) {
    fail(CODES.badUser, argAt(1), `User "${name}" is already defined above; merge the two lines.`,
      `Error in user declaration '${values[1]}': Duplicate user found. A user can only be defined once in config files`);
    return;
  }
  const rules = mergeSelectors(values.slice(2));
  if (rules === null) {
    fail(CODES.badUser, lineAt, 'A selector "(" is not closed with ")".', `Error in user declaration '${values[1]}': Syntax error`);
    return;
  }
  for (let j = 0; j < rules.length; j++) {
    const err = aclRule(rules[j], cx.t.id, new RuleState());
    if (err && err.errno !== 'ENOENT') {
      // The server quotes argv[j] of the whole line here, which is not always the bad rule.
      fail(CODES.badUser, lineAt, `ACL rule "${rules[j]}" is invalid: ${err.text}.`, `Error in user declaration '${values[j] ?? ''}': ${err.server}`);
      return;
    }
  }
  cx.state.users.set(name, { name, rules, at: argAt(1) });
}

/** loadmodule <path> [args]: the module is loaded at start-up (see startup.ts). */
export function loadModule(cx: Loader, line: Line): void {
  cx.state.modules.push({ path: line.values[1], at: line.argAt(1) });
}

/** <module>.<name> <value>: kept for the module to claim at start-up. */
export function moduleConfig(cx: Loader, line: Line): void {
  const name = line.d.name;
  if (line.values.length < 2) { line.fail(CODES.argumentCount, line.lineAt, `Module setting "${name}" needs a value.`, 'Module config specified without value'); return; }
  cx.state.moduleConfigs.push({ name, at: line.nameAt });
}

/** sentinel <subcommand> …: read only in Sentinel mode; a bare "sentinel" is ignored. */
export function sentinel(cx: Loader, line: Line): void {
  const { values, fail } = line;
  if (values.length === 1) return;
  if (!cx.opts.sentinel) {
    fail(CODES.sentinelOutsideSentinel, line.nameAt,
      'sentinel lines are read only when the server runs as Sentinel (redis-sentinel, or redis-server --sentinel). Move them to sentinel.conf.',
      'sentinel directive while not in sentinel mode');
    return;
  }
  sentinelLine(cx, line);
}
