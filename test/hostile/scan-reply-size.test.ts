/**
 * The key-pattern scanner's own RESP connection against a server that answers SCAN with a
 * reply of hundreds of megabytes: the connection is ended once the reply passes 8 MB, before it
 * is read into memory, and the call fails with a message that says so. Many small replies that
 * add up to far more are read as usual.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openScanConnection } from '../../server/src/live/redis/resp';
import { startFakeResp, array, bulk, simple } from '../helpers/fake-resp';

test('a 300 MB SCAN reply is refused as it arrives', async () => {
  let sent = 0;
  const srv = await startFakeResp((argv, c) => {
    if (argv[0] !== 'scan') { c.write(simple('OK')); return; }
    // one bulk string of 300 MB, written in 1 MB pieces while the client reads
    const total = 300 * 1024 * 1024;
    c.write(`*2\r\n$1\r\n0\r\n*1\r\n$${total}\r\n`);
    const piece = Buffer.alloc(1024 * 1024, 'k');
    const more = () => {
      while (sent < total && !c.socket.destroyed) {
        sent += piece.length;
        if (!c.socket.write(piece)) { c.socket.once('drain', more); return; }
      }
    };
    more();
  });
  const conn = await openScanConnection({ host: '127.0.0.1', port: srv.port });
  const before = process.memoryUsage().rss;
  await assert.rejects(conn.client.call(['SCAN', '0']), /larger than 8 MB: refused, not read/);
  assert.ok(sent < 300 * 1024 * 1024, `the server could send its whole reply (${sent} bytes)`);
  assert.ok(process.memoryUsage().rss - before < 100 * 1024 * 1024, 'the reply was not held in memory');
  conn.close();
  await srv.close();
});

test('many small replies adding up to more than 8 MB are read as usual', async () => {
  const key = 'k'.repeat(1000);
  const srv = await startFakeResp((argv, c) => c.write(argv[0] === 'scan' ? array([bulk('0'), array(Array.from({ length: 1000 }, () => bulk(key)))]) : simple('OK')));
  const conn = await openScanConnection({ host: '127.0.0.1', port: srv.port });
  // 20 replies of about 1 MB each, pipelined: 20 MB in all
  const replies = await Promise.all(Array.from({ length: 20 }, () => conn.client.call(['SCAN', '0'])));
  assert.equal(replies.length, 20);
  assert.equal(((replies[19] as unknown[])[1] as string[]).length, 1000);
  conn.close();
  await srv.close();
});
