import { Rule, levels, argOf } from './types';
import { string2ll } from '../values';

const LOW = 32n;
const HIGH = 50000n;

export const maxclientsExtreme: Rule = {
  meta: {
    code: 'RG364',
    name: 'maxclients-extreme',
    family: 'operations',
    summary: 'maxclients is very low or very high.',
    severity: levels('information', 'information', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nmaxclients 8\n',
      good: 'port 6379\nmaxclients 10000\n',
    },
  },
  check(ctx) {
    const set = ctx.config.get('maxclients');
    const n = set ? string2ll(set.values[0] ?? '') : null;
    if (!set || n === null) return;
    if (n < LOW) {
      ctx.report({
        at: argOf(set, 1),
        message: `maxclients ${n} is very low: every application connection, connection-pool slot, replica, Sentinel and monitoring agent counts, and once the limit is reached new connections are refused with "max number of clients reached". Size it for the peak number of connections with room to spare (the default is 10000).`,
      });
    } else if (n > HIGH) {
      ctx.report({
        at: argOf(set, 1),
        message: `maxclients ${n} is very high: the server needs one file descriptor per client and lowers the limit at start to what the open-files limit (ulimit -n, LimitNOFILE) allows, and every connected client costs memory for its query and output buffers (kilobytes when idle, far more with large replies or pipelines). Set it to what the applications really open (with a margin) and raise the file descriptor limit to match.`,
      });
    }
  },
};
