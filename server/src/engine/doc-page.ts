/** Where each code is documented inside the package's `docs/` folder (one place for the editor and the CLI). */
import * as nodePath from 'path';
import { RULES } from './rules';
import { DEPLOYMENT_RULES } from './deployment/rules';

/** The installed `docs/` folder: the bundles sit in `dist/`, beside it. */
export const DOCS_ROOT = nodePath.resolve(__dirname, '..', 'docs');

/** A rule's own page, or the fatal-codes page with the code's anchor. */
export function docPage(code: string): { file: string; anchor?: string } {
  return RULES.some(r => r.meta.code === code) || DEPLOYMENT_RULES.some(r => r.meta.code === code)
    ? { file: nodePath.join(DOCS_ROOT, 'rules', `${code}.md`) }
    : { file: nodePath.join(DOCS_ROOT, 'codes.md'), anchor: code.toLowerCase() };
}
