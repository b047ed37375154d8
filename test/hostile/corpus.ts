/**
 * The hostile-input corpus: files a real workspace can hold that once hung, crashed or
 * exhausted the language server and the CLI (issue 12), each with what the check must say
 * about it. Built in a temporary folder per run; nothing is committed but this recipe.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import * as cp from 'child_process';

export interface HostileCase {
  name: string;
  /** The file to check (the document to open). */
  file: string;
  /** A finding the check must report: its code and a part of its message. */
  expect?: { code: string; message: RegExp };
}

const MB = 1024 * 1024;

/** Writes the corpus under `dir`; `close()` releases what stays open (the socket). */
export async function buildHostileCorpus(dir: string): Promise<{ cases: HostileCase[]; close: () => void }> {
  const at = (...p: string[]) => path.join(dir, ...p);
  const write = (name: string, text: string | Buffer) => { fs.mkdirSync(path.dirname(at(name)), { recursive: true }); fs.writeFileSync(at(name), text); return at(name); };
  const cases: HostileCase[] = [];
  const add = (name: string, file: string, expect?: HostileCase['expect']) => cases.push({ name, file, expect });

  cp.execFileSync('mkfifo', [at('pipe.fifo')]);
  add('include of a FIFO', write('fifo.conf', `port 7000\ninclude ${at('pipe.fifo')}\n`), { code: 'RG116', message: /FIFO/ });
  add('include of /dev/zero', write('zero.conf', 'port 7000\ninclude /dev/zero\n'), { code: 'RG116', message: /device/ });
  add('include of a glob that matches a FIFO', write('fifo-glob.conf', `include ${at('pipe.*')}\n`), { code: 'RG116', message: /FIFO/ });

  const sock = at('s.sock');
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(sock, resolve));
  add('include of a socket', write('socket.conf', `include ${sock}\n`), { code: 'RG116', message: /socket/ });

  // three files in one folder, each including the folder: a loop the server crashes on
  for (const n of ['a', 'b', 'c']) write(`fan/dir/${n}.conf`, 'include dir/*.conf\n');
  add('three files each including their folder', write('fan/main.conf', 'include dir/*.conf\n'), { code: 'RG116', message: /already being read/ });
  // a tree of includes without a loop, 3 wide and 16 deep: 3^16 file reads unless counted
  for (let d = 0; d < 16; d++) {
    for (let i = 0; i < 3; i++) write(`tree/l${d}_${i}.conf`, d < 15 ? [0, 1, 2].map(j => `include l${d + 1}_${j}.conf\n`).join('') : 'maxclients 100\n');
  }
  add('include tree 3 wide, 16 deep', write('tree/main.conf', [0, 1, 2].map(j => `include l0_${j}.conf\n`).join('')), { code: 'RG205', message: /More than 256 included files/ });
  // a chain of 100 distinct files, deeper than the depth limit
  for (let d = 0; d < 100; d++) write(`chain/c${d}.conf`, d < 99 ? `include c${d + 1}.conf\n` : 'maxclients 100\n');
  add('include chain 100 deep', write('chain/main.conf', 'include c0.conf\n'), { code: 'RG205', message: /nest more than 64 deep/ });

  fs.symlinkSync(at('self.link'), at('self.link'));
  add('include of a symbolic link to itself', write('symlink-self.conf', `include ${at('self.link')}\n`), { code: 'RG116', message: /cannot be read/ });
  fs.symlinkSync(at('symlink-loop.conf'), at('loop.link'));
  add('include of a symbolic link back to the file', write('symlink-loop.conf', `include ${at('loop.link')}\n`), { code: 'RG116', message: /already being read/ });
  write('up/x/target.conf', 'maxclients 1x\n');
  add('include through .. segments', write('up/x/y/dotdot.conf', 'include ../../x/../x/target.conf\n'), { code: 'RG105', message: /In included file target\.conf, line 1/ });
  write('big-include.bin', Buffer.alloc(20 * MB, 'maxclients 100\n'));
  add('include of a 20 MB file', write('big-include.conf', `include ${at('big-include.bin')}\n`), { code: 'RG205', message: /more than the 4 MB Redis Guard reads of one file/ });

  add('130,000 findings', write('findings.conf', 'maxmemory 100mb\n'.repeat(130_000)), { code: 'RG205', message: /more findings are not listed/ });
  add('3.5 MB of directives and comments', write('three-mb.conf', '# a comment line that pads the file out a little\nport 6380\nmaxclients 100\n'.repeat(50_000)), { code: 'RG371', message: /set again/ });
  add('5 MB of directives and comments', write('five-mb.conf', '# a comment line that pads the file out a little\nport 6380\nmaxclients 100\n'.repeat(70_000)), { code: 'RG205', message: /larger than the 4 MB/ });
  add('one 10 MB line', write('long-line.conf', 'save ' + '1 '.repeat(5 * MB) + '\n'), { code: 'RG205', message: /larger than the 4 MB/ });
  add('50 MB file', write('fifty-mb.conf', Buffer.alloc(50 * MB, 'maxmemory-policy allkeys-lru\n')), { code: 'RG205', message: /larger than the 4 MB/ });
  add('a line of a million arguments', write('args.conf', 'save' + ' 1'.repeat(1_000_000) + '\n'), { code: 'RG205', message: /more than 10,000 arguments/ });
  add('a run of a million escapes', write('escapes.conf', 'requirepass "' + '\\x41'.repeat(1_000_000) + '"\n'));
  add('a run of two million quotes', write('quotes.conf', '"'.repeat(2_000_000) + '\n'), { code: 'RG100', message: /quote/ });
  add('invalid UTF-8', write('utf8.conf', Buffer.concat([Buffer.from('port 7000\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a, 0xe2, 0x82]), Buffer.from('\nmaxclients \xff\n', 'latin1')])), { code: 'RG101', message: /is not a directive/ });
  add('NUL bytes', write('nul.conf', Buffer.from('port 7000\0junk\nmaxclients\0 100\n\0\0\0\n'.repeat(1000))), { code: 'RG115', message: /NUL/ });

  return { cases, close: () => server.close() };
}
