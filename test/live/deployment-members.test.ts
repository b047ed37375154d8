/**
 * Add Deployment from Config Files end to end below the UI, on a real topology: files that
 * describe a running primary, two replicas and a Sentinel are grouped into one deployment, its
 * members become connections with the answers' secrets, and each one reaches its server in its
 * role; the data members are in sync with their own files. The sidebar does exactly this.
 */
import '../helpers/vscode-stub'; // first: deployment-files.ts is a client module
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startReplicaSet } from './topology';
import { Monitor } from '../../server/src/live/health/monitor';
import { resolveThresholds } from '../../server/src/live/health/thresholds';
import type { HealthItem } from '../../server/src/live/health/evaluate';
import { driftLabel, memberDrift, targetFor } from '../../server/src/live/member-drift';
import { deploymentsIn } from '../../client/src/views/deployment-files';
import { readConfigFiles } from '../../client/src/views/read-bounded';
import { authGroups, connectionsFor, deploymentKey, PasswordAnswer, secretsFor } from '../../client/src/views/deployment-model';

const PW = 'deployment-members-password-61d0';

function find(items: HealthItem[], suffix: string): HealthItem | undefined {
  for (const it of items) {
    if (it.id.endsWith(suffix)) return it;
    const inner = it.children && find(it.children, suffix);
    if (inner) return inner;
  }
  return undefined;
}

test('the files of a running primary, 2 replicas and a Sentinel become one deployment whose members each reach their server in their role', async () => {
  const set = await startReplicaSet({ replicas: 2, sentinels: 1, quorum: 1, password: PW });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-deployment-members-'));
  const monitors: Monitor[] = [];
  try {
    const folder = path.join(dir, 'shop');
    fs.mkdirSync(folder);
    const common = `requirepass ${PW}\nmasterauth ${PW}\nrepl-diskless-sync-delay 0\n`;
    fs.writeFileSync(path.join(folder, 'redis-primary.conf'), `port ${set.primary.port}\n${common}`);
    set.replicas.forEach((r, i) => fs.writeFileSync(path.join(folder, `redis-replica-${i + 1}.conf`), `port ${r.port}\n${common}replicaof 127.0.0.1 ${set.primary.port}\n`));
    fs.writeFileSync(path.join(folder, 'sentinel-1.conf'), `port ${set.sentinels[0].port}\nsentinel monitor ${set.masterName} 127.0.0.1 ${set.primary.port} 1\nsentinel auth-pass ${set.masterName} ${PW}\n`);

    const configs = await readConfigFiles(fs.readdirSync(folder).map(f => path.join(folder, f)));
    const found = deploymentsIn(configs, 'redis@7.0');
    assert.equal(found.length, 1, JSON.stringify(found));
    const d = found[0];
    assert.equal(d.name, 'shop');
    assert.equal(d.kind, 'sentinel');
    const texts = new Map(configs.files.map(f => [f.path, f.text]));
    const profiles = connectionsFor(d, texts);
    assert.deepEqual(profiles.map(p => p.member!.role), ['primary', 'replica', 'replica', 'sentinel']);

    const { groups, fromFiles } = authGroups(d, texts);
    assert.deepEqual(groups.map(g => g.kind), ['data', 'sentinel'], 'one question for the data nodes, one for the Sentinel');
    const answers = new Map<string, PasswordAnswer>(groups.map(g => [g.key, { kind: 'set', value: fromFiles.get(g.key) ?? '' }]));
    const secrets = secretsFor(d, deploymentKey(d), groups, answers);

    for (const p of profiles) {
      const m = new Monitor({ ...p, connectTimeoutMs: 2000, commandTimeoutMs: 2000 }, secrets.get(p.id)!, resolveThresholds({}));
      monitors.push(m);
      const state = await m.refresh();
      assert.equal(m.connectionState().state, 'ready', `${p.name}: ${state.error ?? m.connectionState().message}`);
      const role = find(state.items, 'server.role')?.value ?? '';
      if (p.member!.role === 'replica') assert.match(role, new RegExp(`^replica of 127\\.0\\.0\\.1:${set.primary.port}$`));
      else assert.match(role, /^primary/, `${p.name}: ${role}`); // the Sentinel's connection reaches the primary it monitors
      if (p.member!.role !== 'sentinel') {
        const text = texts.get(p.member!.configFile)!;
        const drift = await memberDrift(m.connection().client, text, targetFor(text, p.member!.configFile, 'redis@7.0'));
        assert.equal(driftLabel(drift), 'in sync', `${p.name}: ${JSON.stringify(drift)}`);
      }
    }
  } finally {
    await Promise.all(monitors.map(m => m.dispose()));
    await set.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
