/** file: URI <-> path, without pulling in a URI library. */
import { pathToFileURL, fileURLToPath } from 'url';

export const URI = {
  toFilePath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try { return fileURLToPath(uri); } catch { return undefined; }
  },
  fromFilePath(path: string): string {
    return pathToFileURL(path).href;
  },
};
