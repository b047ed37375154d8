// Preloaded into a CLI run by the hostile tests (node --require): prints the process's peak
// memory as the last line of stderr, so a test can bound it.
process.on('exit', () => { process.stderr.write(`\nRG_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`); });
