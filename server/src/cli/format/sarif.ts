/** SARIF 2.1.0 output for code-scanning tools in CI pipelines. */
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
    return {
      id: code,
      name: rule?.meta.name ?? code,
      shortDescription: { text: summary },
      fullDescription: { text: summary },
      helpUri: helpUri(code),
      help: { text: `${summary} See ${helpUri(code)}` },
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
        properties: { fatal: f.fatal },
      }))),
    }],
  };
}
