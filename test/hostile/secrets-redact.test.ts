/** The redaction point and the texts built about commands and connections: no secret in any form survives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorText, redact, stripUserinfo } from '../../server/src/live/redact';
import { commandName, NotAllowedError, NotPermittedError, readOnly, RawConnection } from '../../server/src/live/redis/allowlist';
import { hasUserinfo, proposedName, safeName, storable } from '../../client/src/views/profile-names';

const PW = 'Tr0ub4dor/&3"x';

test('redact: as typed, in any case, URL-encoded, JSON-escaped and quote-escaped', () => {
  const text = [PW, PW.toUpperCase(), PW.toLowerCase(), encodeURIComponent(PW), encodeURIComponent(PW).toLowerCase(), JSON.stringify(PW), `'${PW.replace(/'/g, "\\'")}'`].join(' | ');
  const out = redact(text, { password: PW });
  assert.equal(out, '*** | *** | *** | *** | *** | "***" | \'***\'');
  assert.equal(redact('sentinel pw sEnTiNeL-pw-9 here', { sentinelPassword: 'Sentinel-PW-9' }), 'sentinel pw *** here');
  assert.equal(redact('abcd is not a secret, abc is', { password: 'abc' }), 'abcd is not a secret, *** is', 'shorter than 4: only where it stands alone');
  assert.equal(redact("ERR unknown command 'ABC'", { password: 'abc' }), "ERR unknown command '***'");
  assert.equal(errorText(new Error(`WRONGPASS ${PW.toUpperCase()}\n    at stack (file.js:1:1)`), { password: PW }), 'WRONGPASS ***');
});

test('URL userinfo is stripped from any text, for any scheme', () => {
  assert.equal(stripUserinfo('redis://:pw@h:1 and rediss://u:p@h and sentinel://x:y@h/0'), 'redis://***@h:1 and rediss://***@h and sentinel://***@h/0');
  assert.equal(redact('connect to redis://user:secret@10.0.0.1:6379 failed'), 'connect to redis://***@10.0.0.1:6379 failed');
});

test('messages about commands name the command, never its arguments', async () => {
  assert.equal(commandName(['auth', PW]), 'AUTH');
  assert.equal(commandName(['auth', 'monitor', PW]), 'AUTH');
  assert.equal(commandName(['config', 'get', 'maxmemory']), 'CONFIG GET');
  assert.equal(commandName(['hello', '3', 'AUTH', 'u', PW]), 'HELLO');
  assert.equal(commandName(['set', 'session:token', PW]), 'SET');
  await assert.rejects(readOnly({} as RawConnection).call(['set', PW, 'x']), (e: Error) => e instanceof NotAllowedError && !e.message.includes(PW));
  // a server that refuses AUTH as an unknown command echoes its argument (Redis 7 does)
  const conn: RawConnection = {
    call: async () => { throw new Error(`ERR unknown command 'AUTH', with args beginning with: '${PW}' `); },
    pipeline: () => ({ call: () => undefined, exec: async () => [] }),
  };
  await assert.rejects(readOnly(conn).call(['auth', PW]), (e: Error) => {
    assert.ok(e instanceof NotPermittedError);
    assert.equal(e.message, "AUTH: not permitted (ERR unknown command 'AUTH')");
    return true;
  });
});

test('connection names: proposed without userinfo, refused with it, stripped when stored', () => {
  const url = `redis://monitor:${encodeURIComponent(PW)}@cache.internal:6380/2`;
  assert.equal(proposedName({ id: 'a', name: '', kind: 'standalone', url }), 'cache.internal:6380');
  assert.equal(proposedName({ id: 'a', name: '', kind: 'standalone', url: 'redis://[::1]:7000' }), '[::1]:7000');
  assert.equal(proposedName({ id: 'a', name: '', kind: 'sentinel', masterName: 'mymaster' }), 'mymaster');
  for (const bad of [`:${PW}@host:6379`, `monitor:x@10.0.0.1`, url, `prod (${url.replace('redis://', '')})`]) {
    assert.ok(hasUserinfo(bad), bad);
    assert.ok(!safeName(bad).includes('@'), safeName(bad));
  }
  for (const fine of ['prod cache', 'user@example team', '10.0.0.1:6379', 'mymaster @ 10.0.0.1:26379']) {
    assert.ok(!hasUserinfo(fine), fine);
    assert.equal(safeName(fine), fine);
  }
  const stored = storable({ id: 'a', name: `:${encodeURIComponent(PW)}@cache.internal:6380`, kind: 'standalone', url });
  assert.equal(stored.name, 'cache.internal:6380');
  assert.equal(stored.url, 'redis://monitor@cache.internal:6380/2');
});
