import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';
import { lookupDirective } from '../catalog';

const COMMAND: Record<string, string> = {
  'enable-debug-command': 'DEBUG',
  'enable-module-command': 'MODULE',
  'enable-protected-configs': 'CONFIG SET of protected settings',
};

const WHAT: Record<string, string> = {
  'enable-debug-command': 'DEBUG can crash the server, block it for as long as a client likes, and reload or rewrite the data set',
  'enable-module-command': 'MODULE LOAD runs any shared library on the server\'s host as the server\'s user: whoever can call it takes over the machine',
  'enable-protected-configs': 'CONFIG SET may then change protected settings such as dir and dbfilename, the classic way to write a file anywhere the server can write (e.g. an SSH key)',
};

export const adminCommandsEnabled: Rule = {
  meta: {
    code: 'RG313',
    name: 'admin-commands-enabled',
    family: 'security',
    summary: 'DEBUG, MODULE or protected configs are enabled for every client.',
    severity: levels('information', 'warning', 'error', 'error', 'error'),
    fixable: true,
    examples: {
      bad: 'port 6379\nenable-debug-command yes\n',
      good: 'port 6379\nenable-debug-command local\n',
    },
  },
  check(ctx) {
    for (const name of Object.keys(WHAT)) {
      if (!lookupDirective(name, ctx.target.id)) continue; // the target does not know it (6.x allows all three)
      const set = ctx.config.get(name);
      if (!set || (set.values[0] ?? '').toLowerCase() !== 'yes') continue;
      ctx.report({
        at: argOf(set, 1),
        message: `${name} yes opens ${COMMAND[name]} to every client allowed it, also over the network. Set it to no, or local for this machine only.`,
        details: `${WHAT[name][0].toUpperCase()}${WHAT[name].slice(1)}.`,
        fixes: [
          { title: `Set ${name} no`, edits: [replaceArg(set, 1, 'no')], safety: 'review' },
          { title: `Set ${name} local (loopback connections only)`, edits: [replaceArg(set, 1, 'local')], safety: 'review' },
        ],
      });
    }
  },
};
