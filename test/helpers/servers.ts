/**
 * The server builds scripts/fetch-servers.sh brought into its cache (servers.json there), for
 * tests that check the engine against every real binary. One place says which builds the
 * suite expects, and what to run when some are missing.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { resolveTarget } from '../../server/src/engine/catalog';

export interface ServerBuild {
  /** e.g. "valkey-8.1.1-trixie", "redis-7.0.15-system". */
  id: string;
  flavour: 'redis' | 'valkey';
  /** What the binary reports (`--version`), e.g. "8.1.1". */
  version: string;
  /** The Debian package version it came from. */
  debian: string;
  /** The Debian suite, or "system" for the machine's own redis-server package. */
  suite: string;
  /** A command that runs the server; a fetched build also has `<flavour>-sentinel` beside it. */
  server: string;
  cli: string;
}

export const SERVERS_CACHE = process.env.RG_SERVERS_CACHE || '/var/cache/redis-guard/servers';

/** The builds the suite checks against: flavour and Debian suite (versions follow the registry). */
export const EXPECTED_BUILDS: ReadonlyArray<{ flavour: 'redis' | 'valkey'; suite: string }> = [
  { flavour: 'redis', suite: 'system' },
  { flavour: 'redis', suite: 'trixie' },
  { flavour: 'redis', suite: 'sid' },
  { flavour: 'valkey', suite: 'bookworm-backports' },
  { flavour: 'valkey', suite: 'trixie' },
  { flavour: 'valkey', suite: 'sid' },
];

/** Every build in the cache (an empty list when the script has not run). */
export function serverBuilds(): ServerBuild[] {
  try {
    return JSON.parse(readFileSync(path.join(SERVERS_CACHE, 'servers.json'), 'utf8')) as ServerBuild[];
  } catch {
    return [];
  }
}

/** The expected builds that are not in the cache, as one message, or undefined when all are there. */
export function missingBuilds(builds = serverBuilds()): string | undefined {
  const missing = EXPECTED_BUILDS.filter(e => !builds.some(b => b.flavour === e.flavour && b.suite === e.suite));
  if (!missing.length) return undefined;
  return `missing server builds: ${missing.map(m => `${m.flavour} (${m.suite})`).join(', ')} in ${SERVERS_CACHE}; run: bash scripts/fetch-servers.sh`;
}

/** The catalog target a build is checked against: flavour@major.minor of its version (7.0.15 → redis@7.0). */
export function targetOf(build: ServerBuild): string {
  const [major, minor] = build.version.split('.');
  const t = resolveTarget(`${build.flavour}@${major}.${minor}`);
  if ('error' in t) throw new Error(`${build.id}: ${t.error}`);
  return t.id;
}
