// Files the server reads from disk (govreport/validate and govreport/showTables for a document
// that is not open): only regular files, never past govreport.maxFileSize, an answer always.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes } from 'vscode-languageserver-protocol/node';
import { seedText, TestClient } from './harness';

/** The request's answer or error, or a failure if neither comes within `ms` (no fixed sleep). */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The server's peak resident memory (VmHWM, kB), where /proc tells it. */
function peakKb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

describe('files read from disk by the server', () => {
  let client: TestClient;
  const dir = mkdtempSync(join(tmpdir(), 'govreport-server-files-'));
  before(async () => {
    client = await TestClient.start({ settings: {} });
  });
  after(async () => {
    await client.stop();
  });

  test('govreport/validate on a FIFO answers with an error at once, without opening it', async () => {
    const fifo = join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const uri = pathToFileURL(fifo).href;
    await within(
      assert.rejects(client.conn.sendRequest('govreport/validate', { uri }), (e: { code: number; message: string }) => e.code === ErrorCodes.InvalidParams && /not a regular file \(fifo\)|不是普通文件/.test(e.message)),
      10_000,
      'validate on a FIFO',
    );
    await within(assert.rejects(client.conn.sendRequest('govreport/showTables', { uri })), 10_000, 'showTables on a FIFO');
    assert.ok(client.alive());
    assert.equal(typeof (await client.conn.sendRequest<{ analyses: number }>('govreport/debug/stats')).analyses, 'number');
  });

  test('govreport/validate on /dev/zero answers with an error at once, reading nothing', { skip: !existsSync('/dev/zero') && 'no /dev/zero' }, async () => {
    const uri = pathToFileURL('/dev/zero').href;
    await within(
      assert.rejects(client.conn.sendRequest('govreport/validate', { uri }), (e: { code: number; message: string }) => e.code === ErrorCodes.InvalidParams && /character-device|字符|不是普通文件|not a regular file/.test(e.message)),
      10_000,
      'validate on /dev/zero',
    );
    const peak = peakKb(client.child.pid);
    if (peak !== null) assert.ok(peak < 400_000, `server peak memory ${peak} kB`);
    assert.ok(client.alive());
  });

  test('a file over govreport.maxFileSize (10 GB, sparse) is not read: one too-large notice', async () => {
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, '');
    truncateSync(huge, 10 * 2 ** 30);
    const uri = pathToFileURL(huge).href;
    const published = client.nextDiagnostics(uri);
    const res = await within(client.conn.sendRequest<Record<string, unknown>>('govreport/validate', { uri }), 10_000, 'validate on a 10 GB file');
    assert.deepEqual([res.infos, res.diagnostics], [1, 1]);
    const ds = (await published).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['file-too-large'],
    );
    assert.match(ds[0].message as string, /govreport\.maxFileSize/);
    const tables = await within(client.conn.sendRequest<{ text: string }>('govreport/showTables', { uri }), 10_000, 'showTables on a 10 GB file');
    assert.match(tables.text, /过大|too large/);
    const peak = peakKb(client.child.pid);
    if (peak !== null) assert.ok(peak < 400_000, `server peak memory ${peak} kB`);
  });

  test('what decoding a file noticed reaches the diagnostics (file-encoding)', async () => {
    const good = Buffer.from(seedText('003'), 'utf8');
    const at = good.indexOf(Buffer.from('\n')) + 1;
    const file = join(dir, 'stray.txt');
    writeFileSync(file, Buffer.concat([good.subarray(0, at), Buffer.from([0xff]), good.subarray(at)]));
    const uri = pathToFileURL(file).href;
    const published = client.nextDiagnostics(uri);
    await client.conn.sendRequest('govreport/validate', { uri });
    const ds = (await published).diagnostics.filter((d) => d.code === 'file-encoding');
    assert.deepEqual(
      ds.map((d) => d.message),
      [
        `1 个无效的 UTF-8 字节已替换为 U+FFFD（第一个在字节偏移 ${at} 处）；此文件不会被 --fix 改写`,
        '1 个替换字符 U+FFFD：此处的字节无法按文件的编码解码，原有文字已丢失，请对照原件核实',
      ],
    );
  });
});
