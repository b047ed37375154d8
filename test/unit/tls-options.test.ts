/** The one TLS-options builder (server/src/live/redis/tls.ts) used by the ioredis connections and the scanner. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { tlsFor, tlsOptionsFor } from '../../server/src/live/redis/tls';
import { ConnectionConfigError } from '../../server/src/live/redis/connection/errors';

test('an IP address is never sent as the TLS server name; a host name is', () => {
  for (const ip of ['127.0.0.1', '::1', '10.1.2.3']) assert.equal('servername' in tlsOptionsFor({ enabled: true }, ip), false, ip);
  assert.equal(tlsOptionsFor({ enabled: true }, 'redis.internal').servername, 'redis.internal');
  assert.equal(tlsOptionsFor({ enabled: true, servername: 'cache.example' }, '127.0.0.1').servername, 'cache.example');
});

test('the certificate is checked unless the profile turns it off', () => {
  assert.equal(tlsOptionsFor({ enabled: true }, 'h').rejectUnauthorized, true);
  assert.equal(tlsOptionsFor({ enabled: true, rejectUnauthorized: false }, 'h').rejectUnauthorized, false);
});

test('CA, certificate and key are read from their files; an unreadable one is a ConnectionConfigError naming it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rg-tls-'));
  try {
    fs.writeFileSync(path.join(dir, 'ca.pem'), 'CA');
    const o = tlsOptionsFor({ enabled: true, caFile: path.join(dir, 'ca.pem') }, 'h');
    assert.equal(String(o.ca), 'CA');
    assert.equal(o.cert, undefined);
    const missing = path.join(dir, 'nope.pem');
    assert.throws(() => tlsOptionsFor({ enabled: true, keyFile: missing }, 'h'),
      (e: Error) => e instanceof ConnectionConfigError && e.message.includes(missing) && /key/.test(e.message));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('rediss:// switches TLS on with the profile settings; otherwise the profile decides', () => {
  assert.deepEqual(tlsFor({}, true), { enabled: true });
  assert.deepEqual(tlsFor({ tls: { enabled: false, caFile: 'x' } }, true), { enabled: true, caFile: 'x' });
  assert.equal(tlsFor({ tls: { enabled: false } }, false), undefined);
  assert.equal(tlsFor({}, false), undefined);
  assert.deepEqual(tlsFor({ tls: { enabled: true, servername: 's' } }, false), { enabled: true, servername: 's' });
});
