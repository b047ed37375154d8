/**
 * Real-world-shaped configurations (test/realworld/files/: a docker-compose stack, a Helm-rendered
 * replica, an Ansible template and an Ansible-rendered file, Memurai on Windows and as a Windows
 * service, a Sentinel and a chart-rendered Sentinel, a Redis and a Valkey cache, Redis 2.6 and 2.8
 * files, a locked-down session store), each checked as `redis-guard lint` checks it (its own target from
 * its name, the production profile, no host checks), with every finding judged by hand: the list
 * below is exactly what each file must get, nothing more. The reasons are in the comments.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { lintWithTarget, Finding } from '../../server/src/engine/lint';
import { targetOfFile } from '../../server/src/engine/target-of-file';

const root = path.resolve(__dirname, '..', '..', '..', 'test', 'realworld', 'files');

const EXPECTED: Record<string, string[]> = {
  // a compose stack: bind 0.0.0.0 without TLS (RG307 and RG340 information: in a container the published
  // ports decide who reaches it), a password that is the
  // literal ${REDIS_PASSWORD} (RG207, not RG303/RG305), volatile-lru on a store (RG331), daemonize yes
  // beside the compose file (RG366, which makes RG360's lost log moot), dir unset (RG323: keep a volume at /data), the
  // dangerous commands in one finding (RG310) and the latency monitor (RG362, information here)
  'docker/redis.conf': ['RG207@5', 'RG307@2', 'RG310@2', 'RG323@2', 'RG331@9', 'RG340@2', 'RG362@2', 'RG366@10'],
  // a Helm-rendered replica: the include and /data are on the pod, not here (warnings RG116, RG117),
  // the password in clear text twice (RG305), no bind, no maxmemory under a pod memory limit (RG330),
  // rename-command deprecated (RG312, once for both lines); persistence is AOF only, which is fine
  'helm/redis.conf': ['RG116@2', 'RG117@10', 'RG305@5', 'RG305@6', 'RG307@2', 'RG310@2', 'RG312@11', 'RG330@2', 'RG340@2', 'RG362@2'],
  // an unrendered Ansible template: the server stops at port {{ redis_port }} (RG102, saying it is a
  // placeholder) and could not bind "{{" (RG120); the literal values (RG207 twice)
  'ansible/redis.conf': ['RG102@3', 'RG120@2', 'RG207@2', 'RG207@4', 'RG310@2', 'RG320@2', 'RG330@2', 'RG340@2', 'RG362@2'],
  // Memurai on Windows: dir C:\... is a Windows path, not a missing folder; the double-quoted logfile
  // loses its backslashes (RG370); loopback only, so RG340 is information and RG362 a hint
  'memurai/memurai.conf': ['RG305@4', 'RG310@2', 'RG340@2', 'RG362@2', 'RG370@6'],
  // a Sentinel monitoring a host name without resolve-hostnames: refused at line 2 (RG127); the lines
  // that configure that primary are not reported as orphans; protected mode off by default (RG356)
  'sentinel/sentinel.conf': ['RG127@2', 'RG305@3', 'RG356@1'],
  // a deliberate cache: no persistence, allkeys-lru and maxmemory, so no RG320/RG322/RG323/RG325/RG331;
  // bound to a private address (RG202 can only be checked there; RG340 information, RG362 a hint)
  'cache/redis.conf': ['RG202@2', 'RG305@4', 'RG310@2', 'RG340@2', 'RG362@2'],
  // a Redis 2.6 file: three directives that no longer exist stop the server (RG101), and the 2.6
  // defaults it relied on (no password, every interface, no AOF, no dir, no maxmemory)
  'legacy/redis.conf': ['RG101@6', 'RG101@7', 'RG101@8', 'RG301@2', 'RG307@2', 'RG320@2', 'RG323@2', 'RG330@2', 'RG340@2', 'RG362@2'],
  // a locked-down session store: loopback, default user off, hashed ACL password without the
  // dangerous and scripting commands, AOF, noeviction, latency monitor on; only TLS is a note
  'session/redis.conf': ['RG340@2'],
  // an Ansible-rendered service on loopback: no password (RG301, which says protected mode keeps other
  // hosts out), no maxmemory (RG330), snapshots only (RG320 at appendonly no); daemonize with a logfile is fine
  'ansible-rendered/redis.conf': ['RG301@2', 'RG320@26', 'RG330@2', 'RG340@2', 'RG362@2'],
  // a chart-rendered Sentinel that resolves and announces host names correctly: only the three
  // passwords in clear text (RG305, information)
  'k8s-sentinel/sentinel.conf': ['RG305@10', 'RG305@11', 'RG305@12'],
  // a Valkey cache on a private address: cache-shaped, so no persistence or eviction findings; the
  // renames leave FUNCTION/FCALL and the _RO scripts open (RG310), renaming is deprecated (RG312, once)
  'valkey-cache/valkey.conf': ['RG202@2', 'RG305@5', 'RG310@2', 'RG312@12', 'RG340@2'],
  // a Redis 2.8 file on 7.2: starts (every line still exists), but no password with a private bind
  // that protected mode answers DENIED (RG301, RG309), old names (RG372) and a ziplist line 7.2 ignores (RG200)
  'legacy-2.8/redis.conf': ['RG200@20', 'RG202@4', 'RG301@2', 'RG309@4', 'RG330@2', 'RG340@2', 'RG362@2', 'RG372@15', 'RG372@16', 'RG372@19', 'RG372@21'],
  // Memurai as a Windows service: the C:/ dir and the single-quoted logfile are fine on Windows;
  // scripting stays open (RG310), renames (RG312), the private address (RG202, RG340 information)
  'windows-service/memurai.conf': ['RG202@3', 'RG305@4', 'RG310@2', 'RG312@13', 'RG340@2'],
};

function check(file: string): Finding[] {
  const full = path.join(root, file);
  const text = fs.readFileSync(full, 'utf8');
  const t = targetOfFile(text, full, 'redis@7.2');
  if ('error' in t) throw new Error(t.error);
  return lintWithTarget(text, t.target, { filePath: full, profile: 'production' });
}

const results = new Map(Object.keys(EXPECTED).map(f => [f, check(f)]));

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: exactly the findings judged by hand`, () => {
    const got = results.get(file)!.map(f => `${f.code}@${f.line + 1}`).sort();
    assert.deepEqual(got, [...expected].sort());
  });
}

test('no file gets more than one RG310, and no line the same finding twice', () => {
  for (const [file, findings] of results) {
    assert.ok(findings.filter(f => f.code === 'RG310').length <= 1, file);
    const keys = findings.map(f => `${f.code}@${f.line}:${f.character}`);
    assert.equal(new Set(keys).size, keys.length, `${file}: ${keys.join(' ')}`);
  }
});

test('the caches get no security-store findings', () => {
  for (const file of ['cache/redis.conf', 'valkey-cache/valkey.conf']) {
    const codes = results.get(file)!.map(f => f.code);
    for (const c of ['RG320', 'RG322', 'RG325', 'RG331']) assert.ok(!codes.includes(c), `${c} on ${file}`);
  }
});

test('messages are one or two sentences: the median at most 200 characters, none over 250 (the why is in details)', () => {
  const lengths = [...results.values()].flat().map(f => f.message.length).sort((a, b) => a - b);
  assert.ok(lengths[lengths.length >> 1] <= 200, `median ${lengths[lengths.length >> 1]}`);
  const long = [...results.values()].flat().filter(f => f.message.length > 250).map(f => `${f.code} (${f.message.length})`);
  assert.deepEqual(long, []);
});
