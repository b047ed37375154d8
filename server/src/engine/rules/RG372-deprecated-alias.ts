import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';

export const deprecatedAlias: Rule = {
  meta: {
    code: 'RG372',
    name: 'deprecated-alias',
    family: 'compatibility',
    summary: 'An old name of a directive is used.',
    severity: levels('hint', 'information', 'information', 'information', 'information'),
    fixable: true,
    examples: {
      bad: 'port 6380\nslaveof 127.0.0.1 6379\nmasterauth 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
      good: 'port 6380\nreplicaof 127.0.0.1 6379\nmasterauth 5f0c2a8e9d3b47e1a6c4f2b8d0e7a9c3b1f5d8e2a4c6b0f9e3d7a1c5b8f2e6d4\n',
    },
  },
  check(ctx) {
    for (const name of ctx.config.names()) {
      if (name === 'sentinel') continue;
      for (const s of ctx.config.all(name)) {
        if (!s.alias || s.alias === name) continue;
        ctx.report({
          at: argOf(s, 0),
          message: `${s.alias} is an old name of ${name}; write ${name}.`,
          details: `The server still accepts the old name, but CONFIG REWRITE writes the line back as ${name}, current documentation and tools use ${name}, and a search for ${name} misses this line.`,
          fixes: [{ title: `Rename to ${name}`, edits: [replaceArg(s, 0, name)], safety: 'safe' }],
        });
      }
    }
  },
};
