/**
 * Table directives with forms of their own: lists of pairs or groups, event letters,
 * ranges of several values, replicaof's "no one". The server parses these by hand
 * (before 7.0 outside the config table, from 7.0 on as its "special" configs).
 */
import { floatParserOf, keyspaceEventLettersOf, memoryOverflowOf } from '../catalog';
import { CODES } from '../messages';
import { memtoull, strtollWhole, string2d, toLongLong } from '../values';
import { Loader, Assignment, Problem, problem } from './context';
import { changeDir } from './include';

/** Why the server refuses these values of a special directive, or undefined; replicaof and dir also change the state. */
export function setSpecial(cx: Loader, set: Assignment): Problem | undefined {
  const { name, args: a, at, lineAt } = set;
  const at0 = at[0] ?? lineAt;
  switch (name) {
    case 'save': {
      if (cx.t.flavour === 'redis' && cx.t.major < 7) {
        // 6.x: one pair per line read with atoi(); other argument counts are silently ignored
        if (a.length === 2) {
          const atoi = (s: string) => Number(/^[ \t\n\v\f\r]*[+-]?[0-9]*/.exec(s)![0].trim() || 0) || 0;
          if (atoi(a[0]) < 1 || atoi(a[1]) < 0) return problem(CODES.badSave, lineAt, '"save" needs <seconds> of at least 1 and <changes> of 0 or more.', 'Invalid save parameters');
        }
        return undefined;
      }
      let n = a.length;
      if (n === 1 && a[0] === '') n = 0;
      if (n % 2 === 1) {
        return problem(CODES.badSave, lineAt, `"save" takes pairs of <seconds> <changes> (or "" to turn snapshots off); this line has ${n} value${n === 1 ? '' : 's'}.`, 'Invalid save parameters');
      }
      for (let j = 0; j < n; j++) {
        const r = strtollWhole(a[j], 10);
        if (!r.whole || (j % 2 === 0 && r.value < 1n) || (j % 2 === 1 && r.value < 0n)) {
          return problem(CODES.badSave, at[j] ?? lineAt,
            j % 2 === 0 ? `"${a[j]}" is not a number of seconds of at least 1.` : `"${a[j]}" is not a number of changes (0 or more).`,
            'Invalid save parameters');
        }
      }
      return undefined;
    }
    case 'client-output-buffer-limit': {
      if (a.length % 4) {
        return problem(CODES.argumentCount, lineAt, `"client-output-buffer-limit" takes groups of four values: <class> <hard> <soft> <seconds>; this line has ${a.length}.`, 'Wrong number of arguments in buffer limit configuration.');
      }
      for (let j = 0; j < a.length; j += 4) {
        const cls = a[j].toLowerCase();
        if (!['normal', 'slave', 'replica', 'pubsub'].includes(cls)) {
          return problem(CODES.badEnum, at[j] ?? lineAt, `"${a[j]}" is not a client class; use normal, replica or pubsub.`, 'Invalid client class specified in buffer limit configuration.');
        }
        const sec = strtollWhole(a[j + 3], 10);
        const overflow = memoryOverflowOf(cx.t.id);
        const bad = memtoull(a[j + 1], overflow) === null ? j + 1 : memtoull(a[j + 2], overflow) === null ? j + 2 : (toLongLong(sec.value) < 0n || BigInt.asIntN(32, sec.value) < 0n || !sec.whole) ? j + 3 : -1;
        if (bad !== -1) {
          return problem(CODES.badMemory, at[bad] ?? lineAt, bad === j + 3 ? `"${a[bad]}" is not a number of seconds.` : `"${a[bad]}" is not a memory size (e.g. 256mb, 0 for no limit).`,
            'Error in hard, soft or soft_seconds setting in buffer limit configuration.');
        }
      }
      return undefined;
    }
    case 'oom-score-adj-values': {
      if (a.length !== 3) return problem(CODES.argumentCount, lineAt, '"oom-score-adj-values" takes three values (primary, replica, background child).', 'wrong number of arguments');
      for (let j = 0; j < 3; j++) {
        const r = strtollWhole(a[j], 10);
        if (!r.whole || r.value < -2000n || r.value > 2000n) {
          return problem(CODES.outOfRange, at[j] ?? lineAt, `"${a[j]}" is not a whole number between -2000 and 2000.`, 'Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
        }
      }
      return undefined;
    }
    case 'notify-keyspace-events': {
      const letters = keyspaceEventLettersOf(cx.t.id);
      const bad = [...a[0]].find(c => !letters.includes(c));
      if (bad !== undefined) return problem(CODES.badValue, at0, `"${bad}" is not an event class; use letters from "${letters}" (case matters).`, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."); // the server's fixed text, not its letter set
      return undefined;
    }
    case 'bind': {
      if (a.length > 16) return problem(CODES.badBind, lineAt, `"bind" accepts at most 16 addresses; this line has ${a.length}.`, 'Too many bind addresses specified.');
      return undefined;
    }
    case 'replicaof': case 'slaveof': {
      if (a.length !== 2) return problem(CODES.argumentCount, lineAt, '"replicaof" takes <host> <port>, or "no one".', 'wrong number of arguments');
      if (a[0].toLowerCase() === 'no' && a[1].toLowerCase() === 'one') { cx.state.masterhost = false; return undefined; }
      const r = strtollWhole(a[1], 10);
      cx.state.masterhost = false;
      if (!r.whole || r.value < 0n || r.value > 65535n || r.overflow) return problem(CODES.outOfRange, at[1] ?? lineAt, `"${a[1]}" is not a port number (0-65535).`, 'Invalid master port');
      cx.state.masterhost = true;
      cx.state.masterAt = lineAt;
      return undefined;
    }
    case 'latency-tracking-info-percentiles': {
      if (a.length === 1 && a[0] === '') return undefined;
      for (let j = 0; j < a.length; j++) {
        const d = string2d(a[j], floatParserOf(cx.t.id));
        if (d === null) return problem(CODES.badValue, at[j] ?? lineAt, `"${a[j]}" is not a number.`, 'Invalid latency-tracking-info-percentiles parameters');
        if (d > 100 || d < 0) return problem(CODES.outOfRange, at[j] ?? lineAt, `"${a[j]}" is not a percentile between 0 and 100.`, 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
      }
      return undefined;
    }
    case 'dir': {
      if (a.length !== 1) return problem(CODES.argumentCount, lineAt, '"dir" takes one directory.', 'wrong number of arguments');
      return changeDir(cx, a[0], at0);
    }
    default:
      return undefined;
  }
}
