/**
 * ACL rules as redis' acl.c reads them: ACLSetUser for one rule, ACLSetSelector for the
 * rules inside a selector, ACLMergeSelectorArguments, and the ACL file loader.
 */
import { asciiLower } from '../parse';
import { splitArgs } from '../tokenize';
import { commandsOf, subcommandsOf, aclCategoriesOf } from '../catalog';

/** What is wrong with an ACL file, as the server's ACL loader sees it (every error counts, unknown commands too). */
export function aclFileProblem(text: string, target: string): string | undefined {
  const users = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
    if (!line) continue;
    const r = splitArgs(line);
    if (!r.ok) return `has unbalanced quotes at line ${i + 1}.`;
    const argv = r.tokens.map(t => t.value);
    if (!argv.length) continue;
    if (argv[0] !== 'user' || argv.length < 2) return `has a line that does not start with "user <name>" at line ${i + 1} (comments are not allowed in ACL files).`;
    if (users.has(argv[1])) return `defines user "${argv[1]}" twice (line ${i + 1}).`;
    users.add(argv[1]);
    const rules = mergeSelectors(argv.slice(2));
    if (!rules) return `has an unclosed selector at line ${i + 1}.`;
    const st = new RuleState();
    for (const rule of rules) {
      const e = aclRule(rule, target, st);
      if (e) return `has an invalid rule "${rule}" at line ${i + 1}: ${e.text}.`;
    }
  }
  return undefined;
}

/** The server's ACLMergeSelectorArguments: "(a b)" written over several arguments becomes one. */
export function mergeSelectors(rules: string[]): string[] | null {
  const out: string[] = [];
  let open: string | null = null;
  for (const op of rules) {
    if (open === null && op.startsWith('(') && !op.endsWith(')')) { open = op; continue; }
    if (open !== null) {
      open += ' ' + op;
      if (op.endsWith(')')) { out.push(open); open = null; }
      continue;
    }
    out.push(op);
  }
  return open === null ? out : null;
}

/** What the rules read so far have set on one user or selector, as far as later rules depend on it. */
export class RuleState { allKeys = false; allChannels = false; passwords = new Set<string>(); }

/** A rule the server refuses: its errno, our wording, and the server's. */
export type AclErr = { errno: string; text: string; server: string };

const ACL_ERRORS: Record<string, [string, string]> = {
  ENOENT: ['unknown command or category', 'Unknown command or category name in ACL'],
  EINVAL: ['syntax error', 'Syntax error'],
  EEXIST: ['a key pattern after allkeys/~* has no effect (use resetkeys first)', "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have any effect. Try 'resetkeys' to start with an empty list of patterns"],
  EISDIR: ['a channel pattern after allchannels/&* has no effect (use resetchannels first)', "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not have any effect. Try 'resetchannels' to start with an empty list of channels"],
  ENODEV: ['removes a password the user does not have', 'The password you are trying to remove from the user does not exist'],
  EBADMSG: ['a password hash must be 64 lower-case hex characters', 'The password hash must be exactly 64 characters and contain only lowercase hexadecimal characters'],
  ECHILD: ['first-arg rules are not allowed on subcommands', 'Allowing first-arg of a subcommand is not supported'],
};

function aclErr(errno: string): AclErr {
  const [text, server] = ACL_ERRORS[errno];
  return { errno, text, server };
}

function lookupAclCommand(name: string, target: string): { found: boolean; parent: boolean; hasSubs: boolean } {
  const parts = asciiLower(name).split('|');
  const cmds = commandsOf(target);
  const subs = subcommandsOf(target);
  if (parts.length > 2 || !cmds.has(parts[0])) return { found: false, parent: false, hasSubs: false };
  if (parts.length === 1) return { found: true, parent: false, hasSubs: !!subs[parts[0]]?.length };
  const list = subs[parts[0]] ?? [];
  return { found: list.includes(parts[1]), parent: true, hasSubs: false };
}

/** One ACL rule as ACLSetUser applies it; undefined when valid. */
export function aclRule(op: string, target: string, st: RuleState): AclErr | undefined {
  if (op.length === 0) return undefined;
  const low = op.toLowerCase();
  if (['on', 'off', 'skip-sanitize-payload', 'sanitize-payload', 'nopass', 'resetpass', 'clearselectors'].includes(low)) {
    if (low === 'nopass' || low === 'resetpass') st.passwords.clear();
    return undefined;
  }
  if (low === 'reset') { st.passwords.clear(); st.allKeys = false; st.allChannels = false; return undefined; }
  if (op[0] === '>' || op[0] === '#') {
    if (op[0] === '#' && !/^[0-9a-f]{64}$/.test(op.slice(1))) return aclErr('EBADMSG');
    st.passwords.add(op[0] === '>' ? 'p:' + op.slice(1) : 'h:' + op.slice(1));
    return undefined;
  }
  if (op[0] === '<' || op[0] === '!') {
    if (op[0] === '!' && !/^[0-9a-f]{64}$/.test(op.slice(1))) return aclErr('EBADMSG');
    const key = op[0] === '<' ? 'p:' + op.slice(1) : 'h:' + op.slice(1);
    if (!st.passwords.delete(key)) return aclErr('ENODEV');
    return undefined;
  }
  if (op[0] === '(' && op[op.length - 1] === ')') {
    const r = splitArgs(op.slice(1, -1));
    const sel = new RuleState();
    for (const t of r.ok ? r.tokens : []) {
      const e = selectorRule(t.value, target, sel);
      if (e) return e;
    }
    return undefined;
  }
  return selectorRule(op, target, st);
}

function selectorRule(op: string, target: string, st: RuleState): AclErr | undefined {
  const low = op.toLowerCase();
  if (low === 'allkeys' || low === '~*') { st.allKeys = true; return undefined; }
  if (low === 'resetkeys') { st.allKeys = false; return undefined; }
  if (low === 'allchannels' || low === '&*') { st.allChannels = true; return undefined; }
  if (low === 'resetchannels') { st.allChannels = false; return undefined; }
  if (['allcommands', '+@all', 'nocommands', '-@all'].includes(low)) return undefined;
  if (op[0] === '~' || op[0] === '%') {
    if (st.allKeys) return aclErr('EEXIST');
    let offset = 1;
    if (op[0] === '%') {
      let r = false; let w = false; let closed = false;
      for (; offset < op.length; offset++) {
        const c = op[offset].toUpperCase();
        if (c === 'R' && !r) r = true;
        else if (c === 'W' && !w) w = true;
        else if (op[offset] === '~') { offset++; closed = true; break; }
        else return aclErr('EINVAL');
      }
      void closed;
    }
    if (/[ \t\n\v\f\r]/.test(op.slice(offset))) return aclErr('EINVAL');
    return undefined;
  }
  if (op[0] === '&') {
    if (st.allChannels) return aclErr('EISDIR');
    if (/[ \t\n\v\f\r]/.test(op.slice(1))) return aclErr('EINVAL');
    return undefined;
  }
  if (op[0] === '+' && op[1] !== '@') {
    const body = op.slice(1);
    const bar = body.lastIndexOf('|');
    if (bar === -1) return lookupAclCommand(body, target).found ? undefined : aclErr('ENOENT');
    const base = body.slice(0, bar); const sub = body.slice(bar + 1);
    const b = lookupAclCommand(base, target);
    if (!b.found) return aclErr('ENOENT');
    if (b.parent) return aclErr('ECHILD');
    if (sub.length === 0) return aclErr('EINVAL');
    if (b.hasSubs) return lookupAclCommand(body, target).found ? undefined : aclErr('ENOENT');
    return undefined;
  }
  if (op[0] === '-' && op[1] !== '@') return lookupAclCommand(op.slice(1), target).found ? undefined : aclErr('ENOENT');
  if ((op[0] === '+' || op[0] === '-') && op[1] === '@') {
    return aclCategoriesOf(target).has(op.slice(2).toLowerCase()) ? undefined : aclErr('ENOENT');
  }
  return aclErr('EINVAL');
}
