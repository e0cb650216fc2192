// The installable package: `npm pack` (offline) → `npm install -g` of the tarball into a
// temporary prefix (offline: the package has no runtime dependencies, everything is bundled in
// dist/) → both commands run from outside the repository: `govreport --version`, `govreport
// check` on a seed and on a broken report, and `govreport-language-server` answering initialize
// over --stdio, --node-ipc and --socket=PORT. Every wait is bounded; none is a fixed sleep.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { brokenReport } from '../protocol/broken';
import { ensureBuilt, ROOT, seedPath } from '../protocol/harness';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string>; dependencies?: object };
const TIMEOUT_MS = 20_000;

/** The promise, or a failure naming `what` after `ms`. */
function within<T>(p: Promise<T>, what: string, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

describe('the npm package', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'govreport-package-'));
  const prefix = join(tmp, 'prefix');
  const bin = join(prefix, 'bin');
  // Node for the bins' `#!/usr/bin/env node`, and the installed commands first.
  const env = { ...process.env, PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter) };
  let tarball = '';
  let packed: string[] = [];

  before(() => {
    ensureBuilt();
    const pack = spawnSync('npm', ['pack', '--json', '--offline', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env });
    assert.equal(pack.status, 0, `npm pack failed: ${pack.stderr}`);
    const info = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = join(tmp, info[0].filename);
    packed = info[0].files.map((f) => f.path).sort();
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball], { cwd: tmp, encoding: 'utf8', timeout: 120_000, env });
    assert.equal(install.status, 0, `npm install -g of the tarball failed (offline: it must need nothing from the registry): ${install.stderr}`);
  });
  after(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  test('has no runtime dependencies: everything it runs is bundled in dist/', () => {
    assert.equal(pkg.dependencies, undefined);
  });

  test('the tarball holds what runs and nothing else', () => {
    // (npm adds every README* of the root whatever .npmignore says: README.extension.md too.)
    const allowed = /^(package\.json|README[^/]*\.md|LICENSE|CHANGELOG\.md|bin\/govreport-language-server\.js|dist\/.+|docs\/rules\/[A-Za-z0-9-]+\.md)$/;
    assert.deepEqual(
      packed.filter((f) => !allowed.test(f)),
      [],
    );
    assert.deepEqual(
      packed.filter((f) => f.endsWith('.map') || f.startsWith('dist/e2e/') || /(^|\/)\./.test(f)),
      [],
    );
    for (const f of ['dist/cli.js', 'dist/server.js', 'dist/iconv-lite.js', 'dist/readers.js', 'docs/rules/sum-mismatch.md', 'README.md', 'LICENSE']) assert.ok(packed.includes(f), `${f} is missing`);
    // Every bundle in dist/ (lazily loaded ones too, and any subfolder), but the VS Code tests'.
    const built: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else built.push(relative(ROOT, p).split('\\').join('/'));
      }
    };
    walk(join(ROOT, 'dist'));
    const expected = built.filter((f) => !f.endsWith('.map') && !f.startsWith('dist/e2e/') && !/(^|\/)\./.test(f));
    assert.deepEqual(
      expected.filter((f) => !packed.includes(f)),
      [],
    );
  });

  test('installs both commands', () => {
    for (const name of Object.keys(pkg.bin)) assert.ok(existsSync(join(bin, name)), `${name} not in ${bin}`);
    assert.deepEqual(Object.keys(pkg.bin).sort(), ['govreport', 'govreport-language-server']);
  });

  test('govreport --version, and govreport check on a seed and on a broken report', () => {
    const version = spawnSync('govreport', ['--version'], { cwd: tmp, encoding: 'utf8', env, timeout: TIMEOUT_MS });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), pkg.version);

    const seed = spawnSync('govreport', ['check', '--format', 'json', seedPath('003')], { cwd: tmp, encoding: 'utf8', env, timeout: TIMEOUT_MS });
    assert.equal(seed.status, 0, seed.stderr);
    const checked = JSON.parse(seed.stdout) as { files: { diagnostics: { severity: string }[] }[] };
    assert.equal(checked.files.length, 1);
    assert.ok(!checked.files[0].diagnostics.some((d) => d.severity === 'error'));

    const broken = join(tmp, 'broken.report.txt');
    writeFileSync(broken, brokenReport());
    const bad = spawnSync('govreport', ['check', broken], { cwd: tmp, encoding: 'utf8', env, timeout: TIMEOUT_MS });
    assert.equal(bad.status, 1, bad.stderr);
    assert.match(bad.stdout, /sum-mismatch/);
  });

  test('govreport-language-server --version; without a transport, a usage error', () => {
    const version = spawnSync('govreport-language-server', ['--version'], { cwd: tmp, encoding: 'utf8', env, timeout: TIMEOUT_MS });
    assert.equal(version.status, 0, version.stderr);
    assert.equal(version.stdout.trim(), pkg.version);
    const none = spawnSync('govreport-language-server', [], { cwd: tmp, encoding: 'utf8', env, timeout: TIMEOUT_MS });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /--stdio \| --node-ipc \| --socket=PORT/);
  });

  /** initialize, initialized, a broken report opened and its diagnostics, shutdown, exit. */
  async function session(child: ChildProcess, reader: MessageReader, writer: MessageWriter): Promise<void> {
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const conn: ProtocolConnection = createProtocolConnection(reader, writer);
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) =>
      conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
        if (p.diagnostics.length > 0) resolve(p);
      }),
    );
    conn.listen();
    try {
      const init = await within(conn.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, capabilities: {} }), `initialize (stderr: ${stderr})`);
      assert.equal(init.serverInfo?.name, 'govreport');
      assert.equal(init.capabilities.positionEncoding, 'utf-16');
      await conn.sendNotification('initialized', {});
      const uri = pathToFileURL(join(tmp, 'broken.report.txt')).href;
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'govreport', version: 1, text: brokenReport() } });
      const published = await within(diagnostics, 'diagnostics of the broken report');
      const sum = published.diagnostics.find((d) => d.code === 'sum-mismatch');
      assert.ok(sum);
      // The rule's page is the installed copy.
      const href = sum.codeDescription!.href;
      assert.ok(fileURLToPath(href).startsWith(prefix), href);
      assert.ok(existsSync(fileURLToPath(href)), href);
      await within(conn.sendRequest('shutdown'), 'shutdown');
      await conn.sendNotification('exit');
      assert.equal(await within(exited, 'exit after the exit notification'), 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  }

  test('govreport-language-server --stdio answers initialize and checks a document', async () => {
    const child = spawn('govreport-language-server', ['--stdio'], { cwd: tmp, env, stdio: ['pipe', 'pipe', 'pipe'] });
    await session(child, new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  });

  test('govreport-language-server --node-ipc answers over the IPC channel', async () => {
    // (spawn with an 'ipc' stdio entry: what VS Code's client does for TransportKind.ipc)
    const child = spawn('govreport-language-server', ['--node-ipc'], { cwd: tmp, env, stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    await session(child, new IPCMessageReader(child), new IPCMessageWriter(child));
  });

  test('govreport-language-server --socket=PORT connects to the client listening on PORT', async () => {
    const server = createServer();
    const connected = new Promise<Socket>((resolve) => server.once('connection', resolve));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const child = spawn('govreport-language-server', [`--socket=${port}`], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const socket = await within(connected, 'the server connecting to the socket');
      await session(child, new SocketMessageReader(socket), new SocketMessageWriter(socket));
      socket.destroy();
    } finally {
      server.close();
    }
  });
});
