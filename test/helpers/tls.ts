/** Test certificates made with openssl at test time: a CA and a server certificate for 127.0.0.1/localhost. */
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface TlsFiles { dir: string; ca: string; cert: string; key: string }

/** Writes ca.crt, redis.crt and redis.key into `dir` (created when missing). */
export function makeTlsFiles(dir: string): TlsFiles {
  fs.mkdirSync(dir, { recursive: true });
  const run = (args: string[]) => {
    const r = cp.spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Redis Guard Test CA', '-keyout', 'ca.key', '-out', 'ca.crt']);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', 'redis.key', '-out', 'redis.csr']);
  fs.writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  run(['x509', '-req', '-in', 'redis.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'ext.cnf', '-out', 'redis.crt']);
  return { dir, ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'redis.crt'), key: path.join(dir, 'redis.key') };
}
