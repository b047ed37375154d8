/**
 * Paths as the machine that runs the server reads them. Memurai runs on Windows, where `C:\data`,
 * `C:/data` and `\\host\share` are absolute and a backslash separates folders; such a path means
 * nothing on the machine that checks the file, so it is not looked up here. A file can say which
 * platform it is for with `# redis-guard: platform=windows` (or `platform=unix`).
 */
import type { Target } from './catalog';

export type Platform = 'windows' | 'unix';

/** A drive-letter or UNC path, or any path with a backslash (a Windows separator). */
export function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:/.test(p) || p.includes('\\');
}

/** The platform a file is for: its `platform=` comment, else Windows for Memurai and Unix for the others. */
export function platformOf(target: Target, named?: Platform): Platform {
  return named ?? (target.flavour === 'memurai' ? 'windows' : 'unix');
}
