import { Rule, levels, argOf } from './types';

export const logfileEmptyWithDaemonize: Rule = {
  meta: {
    code: 'RG360',
    name: 'logfile-empty-with-daemonize',
    family: 'operations',
    summary: 'logfile "" with daemonize yes sends logs to /dev/null.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\ndaemonize yes\n',
      good: 'port 6379\ndaemonize yes\nsyslog-enabled yes\n',
    },
  },
  check(ctx) {
    const c = ctx.config;
    if (ctx.container) return; // in a container daemonize yes is wrong in itself: RG366
    const daemonize = c.get('daemonize');
    if (!daemonize || (daemonize.values[0] ?? '').toLowerCase() !== 'yes') return;
    if ((c.value('logfile') ?? '') !== '') return;
    if (c.word('syslog-enabled') === 'yes') return; // the log still reaches syslog
    const logfile = c.get('logfile');
    ctx.report({
      at: argOf(daemonize, 1),
      message: `daemonize yes with ${logfile ? `logfile "" (line ${logfile.directive.line.index + 1})` : 'no logfile'}: the log goes to /dev/null. Set logfile to a writable file, or syslog-enabled yes.`,
      details: 'A daemonized server sends standard output (the default log) to /dev/null, so start-up errors, warnings and crash reports are lost. A usual place is /var/log/redis/redis-server.log, writable by the server\'s user.',
    });
  },
};
