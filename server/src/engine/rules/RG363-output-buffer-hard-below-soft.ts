import { Rule, levels } from './types';
import { memtoull } from '../values';
import type { Edit } from '../findings';

export const outputBufferHardBelowSoft: Rule = {
  meta: {
    code: 'RG363',
    name: 'output-buffer-hard-below-soft',
    family: 'operations',
    summary: 'A client-output-buffer-limit hard limit is below its soft limit.',
    severity: levels('information', 'warning', 'warning', 'warning', 'warning'),
    fixable: true,
    examples: {
      bad: 'port 6379\nclient-output-buffer-limit replica 64mb 256mb 60\n',
      good: 'port 6379\nclient-output-buffer-limit replica 256mb 64mb 60\n',
    },
  },
  check(ctx) {
    for (const s of ctx.config.all('client-output-buffer-limit')) {
      const d = s.directive;
      const row = d.line.index;
      // groups of four after the name: class hard soft seconds
      for (let g = 1; g + 2 < d.args.length; g += 4) {
        const [cls, hardTok, softTok] = [d.args[g], d.args[g + 1], d.args[g + 2]];
        const hard = memtoull(hardTok.value);
        const soft = memtoull(softTok.value);
        if (hard === null || soft === null || hard === 0n || soft === 0n || hard >= soft) continue;
        const hardRaw = d.line.raw.slice(hardTok.start, hardTok.end);
        const softRaw = d.line.raw.slice(softTok.start, softTok.end);
        const edits: Edit[] = [
          { line: row, character: hardTok.start, endLine: row, endCharacter: hardTok.end, newText: softRaw },
          { line: row, character: softTok.start, endLine: row, endCharacter: softTok.end, newText: hardRaw },
        ];
        ctx.report({
          at: { line: row, character: hardTok.start, endLine: row, endCharacter: softTok.end },
          message: `For ${cls.value} clients the hard limit (${hardTok.value}) is below the soft limit (${softTok.value}), so the soft limit never applies. Swap them: hard first, then soft.`,
          details: 'A client is disconnected as soon as its output buffer reaches the hard limit, so the soft limit and its grace period never come into play.',
          fixes: [{ title: `Swap them: hard ${softTok.value}, soft ${hardTok.value}`, edits, safety: 'review' }],
        });
      }
    }
  },
};
