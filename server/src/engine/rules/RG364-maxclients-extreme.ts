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
        message: `maxclients ${n} is very low: past it, new connections are refused ("max number of clients reached"). Size it for the peak with room to spare (default 10000).`,
        details: 'Every application connection, connection-pool slot, replica, Sentinel and monitoring agent counts against the limit.',
      });
    } else if (n > HIGH) {
      ctx.report({
        at: argOf(set, 1),
        message: `maxclients ${n} is very high: each client costs a file descriptor and buffer memory. Set what the applications really open, with a margin.`,
        details: 'At start the server lowers the limit to what the open-files limit (ulimit -n, LimitNOFILE) allows. Every connected client holds query and output buffers: kilobytes when idle, far more with large replies or pipelines. Raise the file descriptor limit to match the setting.',
      });
    }
  },
};
