import { Rule, levels, argOf } from './types';
import { replaceArg } from '../edits';
import { entropyBits } from './RG303-weak-password';

/** Why a rename target is easy to guess, or undefined when it looks random. */
export function guessable(command: string, newName: string): string | undefined {
  if (command && newName.toLowerCase().includes(command.toLowerCase())) return `it still contains the command name ${command.toUpperCase()}`;
  if (newName.length < 16) return `it has only ${newName.length} characters`;
  if (entropyBits(newName) < 64) return 'it has little randomness';
  return undefined;
}

export const guessableRename: Rule = {
  meta: {
    code: 'RG311',
    name: 'guessable-rename',
    family: 'security',
    summary: 'A command is renamed to a name that is easy to guess, and the name is written in the file.',
    severity: levels('off', 'warning', 'warning', 'warning', 'warning'),
    fixable: false,
    examples: {
      bad: 'port 6379\nrename-command CONFIG CONFIG_xyz123\n',
      good: 'port 6379\nuser default on #1b9f6c0e5a2d4b8f7e3c9a1d5f2b6e8c0a4d7f1b3e9c5a2d8f6b0e4c7a1d3f5b ~* &* +@all -config\nuser admin on #7d2e9b4f1a6c3e8d0b5f2a7c9e1d4b6f8a0c3e5d7b9f1a2c4e6d8b0f3a5c7e9d ~* &* +@all\n',
    },
  },
  check(ctx) {
    for (const s of ctx.config.all('rename-command')) {
      const [command = '', newName = ''] = s.values;
      if (!newName) continue; // renamed to "": disabled
      const why = guessable(command, newName);
      if (!why) continue;
      const cmd = command.toUpperCase();
      ctx.report({
        at: argOf(s, 2),
        message: `${cmd} is renamed to a name that is easy to guess (${why}). Disable it with rename-command ${cmd} "" or deny it with an ACL rule.`,
        details: `A rename only hides the command, it does not protect it, and the new name can be read by anyone who can read this file. An ACL rule such as -${command.toLowerCase()} on the application's user, with a separate user for administrators, protects it per user.`,
        fixes: [{ title: `Disable ${cmd} (rename-command ${cmd} "")`, edits: [replaceArg(s, 2, '""')], safety: 'review' }],
      });
    }
  },
};
