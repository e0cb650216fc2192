import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { WriteableStreamMessageWriter } from 'vscode-languageserver/node';
import { OneWritePerMessage } from '../../server/src/transport';

describe('OneWritePerMessage (stdio writer of the server)', () => {
  it('writes each message, header and body, as one chunk', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
      },
    });
    const writer = new WriteableStreamMessageWriter(new OneWritePerMessage(out));
    await writer.write({ jsonrpc: '2.0', method: 'a', params: { text: '政府信息公开' } } as never);
    await writer.write({ jsonrpc: '2.0', method: 'b' } as never);
    assert.equal(chunks.length, 2);
    for (const c of chunks) {
      const s = c.toString('utf8');
      const m = /^Content-Length: (\d+)\r\n\r\n/.exec(s)!;
      assert.ok(m, s);
      assert.equal(c.length, Buffer.byteLength(m[0]) + Number(m[1]));
      assert.doesNotThrow(() => JSON.parse(c.subarray(Buffer.byteLength(m[0])).toString('utf8')));
    }
  });

  it('a failed write rejects the message', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('pipe closed'));
      },
    });
    out.on('error', () => undefined);
    const writer = new WriteableStreamMessageWriter(new OneWritePerMessage(out));
    await assert.rejects(writer.write({ jsonrpc: '2.0', method: 'a' } as never));
  });
});
