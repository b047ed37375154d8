/** SARIF 2.1.0 output for code-scanning tools in CI pipelines. */
import * as fs from 'fs';
import * as nodePath from 'path';
import { pathToFileURL } from 'url';
import { Finding, RelatedPlace, RULES, SUMMARIES, DOCS_ROOT, docPage } from '../../engine';

/**
 * Where a code's documentation lives. Set REDIS_GUARD_DOCS_BASE (e.g. the URL of the
 * repository's docs folder) to point links at a published copy; otherwise the link
 * points at the documentation installed with the package.
 */
export function helpUri(code: string): string {
  const { file, anchor } = docPage(code);
  const hash = anchor ? `#${anchor}` : '';
  const base = process.env.REDIS_GUARD_DOCS_BASE;
  if (base) return base.replace(/\/?$/, '/') + nodePath.relative(DOCS_ROOT, file).split(nodePath.sep).join('/') + hash;
  return pathToFileURL(file).href + hash;
}

/**
 * The long text of a code from its documentation: a rule's page without its title, or the
 * code's section of codes.md. `full` is the prose before the examples, as plain text.
 */
export function docText(code: string): { full: string; markdown: string } | undefined {
  const { file, anchor } = docPage(code);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // an installation without docs still writes SARIF
  }
  if (anchor) {
    const start = text.indexOf(`<a id="${anchor}"></a>`);
    if (start < 0) return undefined;
    const next = text.indexOf('<a id="', start + anchor.length + 12);
    text = text.slice(start, next < 0 ? undefined : next).replace(/^<a id="[^"]*"><\/a>\s*/, '');
  }
  const markdown = text.replace(/^# .*\n+/, '').replace(/^## RG\d{3}.*\n+/, '').trim();
  // the prose up to the first example, the default-level table or the fix's code block
  const prose = markdown.split(/\n(?=Before:|```|\| Profile|## Default level|## Suppressing)/)[0];
  const full = prose.replace(/^#+ /gm, '').replace(/\*\*|`/g, '').replace(/\n{3,}/g, '\n\n').trim();
  return { full, markdown };
}

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A cross-file finding's other places as SARIF relatedLocations. */
function relatedLocations(f: Finding): { relatedLocations?: object[] } {
  const places = (f as Finding & { related?: RelatedPlace[] }).related;
  if (!places?.length) return {};
  return {
    relatedLocations: places.map((p, id) => ({
      id,
      message: { text: p.message },
      physicalLocation: {
        artifactLocation: { uri: (nodePath.relative(process.cwd(), p.path) || p.path).split(nodePath.sep).join('/') },
        region: { startLine: p.line + 1, startColumn: p.character + 1, endLine: p.endLine + 1, endColumn: p.endCharacter + 1 },
      },
    })),
  };
}

export function toSarif(results: Array<{ path: string; findings: Finding[] }>): object {
  const used = new Set(results.flatMap(r => r.findings.map(f => f.code)));
  const ruleMeta = [...used].sort().map(code => {
    const rule = RULES.find(r => r.meta.code === code);
    const summary = rule?.meta.summary ?? SUMMARIES[code] ?? code;
    const doc = docText(code);
    return {
      id: code,
      name: rule?.meta.name ?? code,
      shortDescription: { text: summary },
      fullDescription: { text: doc?.full ?? summary },
      helpUri: helpUri(code),
      help: doc ? { text: `${doc.full}\n\nSee ${helpUri(code)}`, markdown: doc.markdown } : { text: `${summary} See ${helpUri(code)}` },
      properties: { tags: [rule?.meta.family ?? (code.startsWith('RG1') ? 'fatal' : 'config')] },
    };
  });
  const index = new Map(ruleMeta.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'redis-guard', informationUri: helpUri('RG100').replace(/codes\.md.*$/, ''), rules: ruleMeta } },
      results: results.flatMap(r => r.findings.map(f => ({
        ruleId: f.code,
        ruleIndex: index.get(f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: r.path.split(nodePath.sep).join('/') },
            region: { startLine: f.line + 1, startColumn: f.character + 1, endLine: f.endLine + 1, endColumn: f.endCharacter + 1 },
          },
        }],
        ...relatedLocations(f),
        properties: { fatal: f.fatal, ...(f.details ? { details: f.details } : {}), ...(f.serverMessage ? { serverMessage: f.serverMessage } : {}) },
      }))),
    }],
  };
}
