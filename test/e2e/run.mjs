#!/usr/bin/env node
// End-to-end test runner: loads this repository as a development extension (or installs the
// packaged .vsix: GOVREPORT_E2E_VSIX below) in a real VS Code and calls the tests module
// dist/e2e/index.js (built from test/e2e/suite/ by `node esbuild.mjs`).
//
//   node test/e2e/run.mjs              (or: npm run test:e2e, which builds first)
//
// Two ways to get a VS Code:
//   * VSCODE_EXECUTABLE=/path/to/code  -> @vscode/test-electron's runTests() with that executable
//     (a developer laptop or a CI that has a VS Code build; test-electron cannot download one here).
//   * otherwise (the default here)     -> code-server 4.100.3 (VS Code 1.100.3's server, workbench
//     and extension host; needs Node 20), installed on first use into .vscode-test/ (git-ignored),
//     driven by Debian's headless Chromium through playwright-core. See
//     shared/notes/real-vscode-tests.md for why and how.
//
// The extension host's exit code tells nothing under code-server, so the tests module writes its
// results to the file named by GOVREPORT_E2E_RESULTS, and this script waits for it.
// Screenshots: the tests call screenshot(name) (test/e2e/suite/helpers.ts), which drops
// `.request-<name>` into GOVREPORT_E2E_SCREENSHOTS (= test-results/screenshots); this script
// answers with `<name>.png` taken from the page (after a CSS selector appears in some frame of
// the page, webviews included, when the request names one). Queries of the page's DOM (every
// frame, webviews included): `.query-<name>` holding {selector, attributes} is answered with
// `.<name>.query.json`, the matching elements' attributes (`text`: their text); `.click-<name>`
// holding {selector} clicks the first match like a user, answered the same way.
//
// Environment (all optional):
//   VSCODE_EXECUTABLE               use @vscode/test-electron with this VS Code executable
//                                   (the repository only: not with GOVREPORT_E2E_VSIX)
//   GOVREPORT_E2E_TIMEOUT_MS        deadline for the results (default 360000)
//   GOVREPORT_E2E_EXTENSION_PATH    extension to load instead of the repository root (for
//                                   debugging the runner itself with a throwaway extension)
//   GOVREPORT_E2E_VSIX=govreport.vsix  install the packaged extension (as a user would, from the
//                                   file) and test it instead of the repository: the whole suite
//                                   (fixtures are read from the repository, helpers.ts repoPath;
//                                   "extension page" runs only then). npm test does this
//                                   (npm run test:e2e:vsix): what users install is what is tested.
//   GOVREPORT_E2E_GREP=pattern      run only the tests whose full title matches
//   GOVREPORT_E2E_KEEP_TMP=1        keep the temporary user-data/workspace folders
//   GOVREPORT_E2E_WORKSPACE=DIR     open DIR as the workspace instead of a copy of test/e2e/workspace
//                                   (npm run bench:e2e: a generated workspace; bench/e2e.ts)
//
// Exit code: 0 when every test passed; 1 on any failure, timeout or harness error;
// 130 on SIGINT. code-server and Chromium are always stopped.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_DIR = path.join(REPO, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
const INSTALLED_MARKER = path.join(CODE_SERVER_DIR, '.installed');
// code-server 4.100.3 depends on @vscode/ripgrep 1.15.11, whose postinstall downloads this
// ripgrep build from GitHub unless it finds it in its cache under $TMPDIR.
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_TARBALL = {
  x64: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
  arm64: 'ripgrep-v13.0.0-10-aarch64-unknown-linux-musl.tar.gz',
}[process.arch];
const CHROMIUM = '/usr/bin/chromium';
const RG = '/usr/bin/rg';
const BUILD_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config'];

let EXTENSION_PATH = path.resolve(process.env.GOVREPORT_E2E_EXTENSION_PATH || REPO);
const TESTS_PATH = path.join(REPO, 'dist/e2e/index.js');
const WORKSPACE_SRC = path.join(REPO, 'test/e2e/workspace');
const RESULTS_DIR = path.join(REPO, 'test-results');
const SCREENSHOTS_DIR = path.join(RESULTS_DIR, 'screenshots');
const LOGS_DIR = path.join(RESULTS_DIR, 'e2e-logs');
const TIMEOUT_MS = Number(process.env.GOVREPORT_E2E_TIMEOUT_MS || 6 * 60_000);

class HarnessError extends Error {}

const log = (...args) => console.log('[e2e]', ...args);
const sleepTick = (ms) => new Promise((r) => setTimeout(r, ms)); // polling interval only

// ---------------------------------------------------------------- cleanup
const cleanups = [];
let cleaningUp;
function onCleanup(fn) {
  cleanups.push(fn);
}
async function cleanup() {
  cleaningUp ??= (async () => {
    for (const fn of cleanups.reverse()) {
      try {
        await fn();
      } catch (err) {
        console.error('[e2e] cleanup:', err?.message ?? err);
      }
    }
  })();
  return cleaningUp;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.error(`\n[e2e] ${signal}: stopping code-server and the browser`);
    cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}
// Last resort if the process exits without cleanup (sync only): kill code-server's group.
const childGroups = new Set();
process.on('exit', () => {
  for (const pid of childGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
});

// ---------------------------------------------------------------- prerequisites
function isDebianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  if (r.error) return undefined; // no dpkg: cannot tell
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function checkPrerequisites({ forInstall }) {
  const missing = [];
  if (!fs.existsSync(CHROMIUM)) missing.push('chromium');
  if (forInstall && !fs.existsSync(RG)) missing.push('ripgrep');
  if (forInstall) {
    for (const pkg of BUILD_PACKAGES) {
      const installed = isDebianPackageInstalled(pkg);
      if (installed === false) missing.push(pkg);
      else if (installed === undefined) log(`warning: cannot check Debian package ${pkg} (no dpkg)`);
    }
  }
  if (missing.length && process.getuid?.() === 0 && !process.env.GOVREPORT_E2E_NO_APT && fs.existsSync('/usr/bin/apt-get')) {
    // As root on Debian, install them (what .ci/run does) rather than fail a newcomer's first run.
    log(`installing missing system packages: ${missing.join(' ')}`);
    const r = spawnSync('bash', [path.join(REPO, 'scripts', 'install-system-packages.sh')], { stdio: 'inherit' });
    if (r.status === 0) return checkPrerequisites({ forInstall });
  }
  if (missing.length) {
    throw new HarnessError(
      `missing system packages for the e2e tests: ${missing.join(' ')}\n` +
        `  install them with:\n` +
        `    apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}\n` +
        `  (.ci/run does this), or run the tests in a real VS Code with VSCODE_EXECUTABLE=/path/to/code`,
    );
  }
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) {
    throw new HarnessError(
      `code-server ${CODE_SERVER_VERSION} needs Node 20, this is Node ${process.versions.node}`,
    );
  }
  if (!RIPGREP_TARBALL) throw new HarnessError(`unsupported architecture ${process.arch}`);
  if (!forInstall) {
    // Not fatal: without a CJK font the reports render as boxes in the screenshots.
    const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
    if (!r.error && !r.stdout.trim()) {
      log('warning: no Chinese font, screenshots will show boxes (apt-get install fonts-wqy-microhei)');
    }
  }
}

// ---------------------------------------------------------------- code-server install
function run(cmd, args, opts) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new HarnessError(`${cmd} ${args.join(' ')} exited with ${r.status}`);
}

function ensureCodeServer() {
  if (fs.existsSync(INSTALLED_MARKER) && fs.existsSync(CODE_SERVER_ENTRY)) return;
  checkPrerequisites({ forInstall: true });
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(REPO, CODE_SERVER_DIR)} (once)`);
  fs.rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  fs.mkdirSync(CODE_SERVER_DIR, { recursive: true });
  // A package.json of its own, or npm would install into the repository's root package.
  fs.writeFileSync(
    path.join(CODE_SERVER_DIR, 'package.json'),
    JSON.stringify({ name: 'govreport-e2e-code-server', private: true }, null, 2) + '\n',
  );
  // Private TMPDIR holding the ripgrep "download cache": a tarball of Debian's rg.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-cs-install-'));
  try {
    const cache = path.join(tmp, RIPGREP_CACHE);
    const stage = path.join(tmp, 'rg-stage');
    fs.mkdirSync(cache);
    fs.mkdirSync(stage);
    fs.copyFileSync(RG, path.join(stage, 'rg'));
    fs.chmodSync(path.join(stage, 'rg'), 0o755);
    run('tar', ['-czf', path.join(cache, RIPGREP_TARBALL), '-C', stage, 'rg']);
    run(
      'npm',
      ['install', '--unsafe-perm', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`],
      {
        cwd: CODE_SERVER_DIR,
        // npm_config_yes: a nested `npx node-gyp` would otherwise prompt and be cancelled.
        env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true' },
      },
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new HarnessError(`code-server installed, but ${CODE_SERVER_ENTRY} is missing`);
  }
  fs.writeFileSync(INSTALLED_MARKER, `${CODE_SERVER_VERSION}\n`);
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- code-server process
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

async function startCodeServer({ tmp, workspace, env }) {
  const port = await freePort();
  const userData = path.join(tmp, 'user-data');
  const extensions = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  const logFile = path.join(LOGS_DIR, 'code-server.log');
  const out = fs.openSync(logFile, 'w');
  const args = [
    CODE_SERVER_ENTRY,
    '--config', path.join(tmp, 'code-server.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userData,
    '--extensions-dir', extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    workspace,
  ];
  const child = spawn(process.execPath, args, {
    cwd: workspace,
    env,
    stdio: ['ignore', out, out],
    detached: true, // own process group: the extension host and its children go with it
  });
  fs.closeSync(out);
  childGroups.add(child.pid);
  let exited;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  onCleanup(async () => {
    if (exited) return;
    const gone = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const t = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, 5000);
    await gone;
    clearTimeout(t);
    // Any straggler of the group (extension host, language server...).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    childGroups.delete(child.pid);
  });

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) {
      throw new HarnessError(
        `code-server exited (${JSON.stringify(exited)}) before listening; log:\n${tail(logFile, 40)}`,
      );
    }
    if ((await httpStatus(`${base}/healthz`)) === 200) break;
    if (Date.now() > deadline) {
      throw new HarnessError(`code-server did not listen on ${base} within 60 s; log:\n${tail(logFile, 40)}`);
    }
    await sleepTick(200);
  }
  return { base, port, logFile, isAlive: () => !exited, exitInfo: () => exited };
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------- screenshots
function makeScreenshotService(page) {
  let busy = false;
  const take = async (name) => {
    const buf = await page.screenshot({ type: 'png', timeout: 10_000 });
    const final = path.join(SCREENSHOTS_DIR, `${name}.png`);
    const tmp = path.join(SCREENSHOTS_DIR, `.${name}.png.tmp`);
    fs.writeFileSync(tmp, buf);
    fs.renameSync(tmp, final);
    return final;
  };
  /** The elements matching `selector` in every frame of the page, as attribute maps. */
  const query = async (selector, attributes) => {
    const found = [];
    for (const frame of page.frames()) {
      try {
        const items = await frame.$$eval(
          selector,
          // `text`: the text; `.name`: a property (an image's `.naturalWidth`); else an attribute.
          (els, attrs) => els.map((e) => Object.fromEntries(attrs.map((a) => [a, a === 'text' ? e.textContent : a.startsWith('.') ? String(e[a.slice(1)]) : e.getAttribute(a)]))),
          attributes,
        );
        found.push(...items);
      } catch {
        // A frame that went away or is not yet ready: it holds nothing now.
      }
    }
    return found;
  };
  /** Waits (bounded) until `selector` matches in some frame. */
  const waitForSelector = async (selector, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if ((await query(selector, [])).length > 0) return true;
      await sleepTick(100);
    }
    log(`screenshot: '${selector}' did not appear within ${timeoutMs} ms`);
    return false;
  };
  /**
   * Clicks the first element matching `selector` in some frame; whether one was clicked. Tried
   * again (bounded) while none is clickable: a list the workbench re-renders detaches the element
   * found between the query and the click (the Extensions view, right after its search).
   */
  const click = async (selector, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    do {
      for (const frame of page.frames()) {
        try {
          const el = await frame.$(selector);
          if (!el) continue;
          await el.click({ timeout: 2000 });
          return true;
        } catch {
          // Not clickable in this frame (now): try the next.
        }
      }
      await sleepTick(100);
    } while (Date.now() < deadline);
    log(`click: '${selector}' not clickable within ${timeoutMs} ms`);
    return false;
  };
  const answerQueries = () => {
    for (const entry of fs.readdirSync(SCREENSHOTS_DIR)) {
      if (entry.startsWith('.click-')) {
        const name = entry.slice('.click-'.length);
        const request = path.join(SCREENSHOTS_DIR, entry);
        const spec = readJson(request);
        fs.rmSync(request, { force: true });
        if (!/^[A-Za-z0-9_-]+$/.test(name) || !spec || typeof spec.selector !== 'string') continue;
        const answer = path.join(SCREENSHOTS_DIR, `.${name}.query.json`);
        pending.push(
          click(spec.selector).then((clicked) => {
            fs.writeFileSync(`${answer}.tmp`, JSON.stringify(clicked ? [{ clicked: 'true' }] : []));
            fs.renameSync(`${answer}.tmp`, answer);
          }),
        );
        continue;
      }
      if (!entry.startsWith('.query-')) continue;
      const name = entry.slice('.query-'.length);
      const request = path.join(SCREENSHOTS_DIR, entry);
      const answer = path.join(SCREENSHOTS_DIR, `.${name}.query.json`);
      const spec = readJson(request);
      fs.rmSync(request, { force: true });
      if (!/^[A-Za-z0-9_-]+$/.test(name) || !spec || typeof spec.selector !== 'string') continue;
      pending.push(
        query(spec.selector, Array.isArray(spec.attributes) ? spec.attributes : []).then((found) => {
          fs.writeFileSync(`${answer}.tmp`, JSON.stringify(found));
          fs.renameSync(`${answer}.tmp`, answer);
        }),
      );
    }
  };
  const pending = [];
  const poll = async () => {
    if (busy) return;
    busy = true;
    try {
      answerQueries();
      await Promise.all(pending.splice(0));
      for (const entry of fs.readdirSync(SCREENSHOTS_DIR)) {
        if (!entry.startsWith('.request-')) continue;
        const name = entry.slice('.request-'.length);
        const request = path.join(SCREENSHOTS_DIR, entry);
        if (!/^[A-Za-z0-9_-]+$/.test(name)) {
          fs.rmSync(request, { force: true });
          continue;
        }
        try {
          const spec = readJson(request);
          if (spec && typeof spec.waitForSelector === 'string') await waitForSelector(spec.waitForSelector);
          // Let the workbench paint what the test just did (two animation frames), then let running
          // CSS transitions and animations (hover fade-in, menus) finish: events, not a sleep.
          await page
            .evaluate(async () => {
              await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
              await Promise.race([
                Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))),
                new Promise((r) => setTimeout(r, 2000)),
              ]);
            })
            .catch(() => {});
          const file = await take(name);
          log(`screenshot ${path.relative(REPO, file)}`);
        } catch (err) {
          log(`screenshot '${name}' failed: ${err?.message ?? err}`);
        }
        fs.rmSync(request, { force: true });
      }
    } finally {
      busy = false;
    }
  };
  return { poll, take };
}

// ---------------------------------------------------------------- results
function report(results, { vscodeLabel }) {
  console.log('');
  console.log(`e2e results (${vscodeLabel}):`);
  for (const t of results.tests ?? []) {
    const mark = t.state === 'passed' ? 'ok  ' : t.state === 'pending' ? 'skip' : 'FAIL';
    const ms = t.durationMs != null ? ` (${t.durationMs} ms)` : '';
    console.log(`  ${mark} ${t.title}${ms}`);
  }
  for (const f of results.failures ?? []) {
    console.log('');
    console.log(`  FAILED: ${f.title}`);
    console.log(String(f.error).split('\n').map((l) => `      ${l}`).join('\n'));
  }
  console.log('');
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 && results.passed > 0 ? 0 : 1;
}

function harnessFailure(message, { vscodeLabel }) {
  return report(
    { passed: 0, failed: 1, tests: [], failures: [{ title: 'e2e harness', error: message }] },
    { vscodeLabel },
  );
}

function prepareRun() {
  if (!fs.existsSync(TESTS_PATH)) {
    throw new HarnessError(`${path.relative(REPO, TESTS_PATH)} is missing: run \`node esbuild.mjs\` first (npm run test:e2e does)`);
  }
  fs.rmSync(SCREENSHOTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  fs.mkdirSync(LOGS_DIR, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'govreport-e2e-'));
  if (process.env.GOVREPORT_E2E_KEEP_TMP === '1') log(`temporary files kept in ${tmp}`);
  else onCleanup(() => fs.rmSync(tmp, { recursive: true, force: true }));
  // GOVREPORT_E2E_WORKSPACE: a prepared folder opened as it is (npm run bench:e2e's generated reports).
  const workspace = process.env.GOVREPORT_E2E_WORKSPACE ? path.resolve(process.env.GOVREPORT_E2E_WORKSPACE) : path.join(tmp, 'workspace');
  if (!process.env.GOVREPORT_E2E_WORKSPACE) fs.cpSync(WORKSPACE_SRC, workspace, { recursive: true });
  const resultsFile = path.join(tmp, 'results.json');
  return { tmp, workspace, resultsFile };
}

// code-server, its extension host and Chromium write to ~/.config, ~/.local/share, ~/.cache and
// /tmp; point all of that into the run's temporary folder, removed at the end.
function privateDirs(tmp) {
  const dirs = {
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    TMPDIR: path.join(tmp, 'tmp'),
  };
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  return dirs;
}

/**
 * Installs a .vsix into the run's extensions folder as a user would (code-server
 * --install-extension, from the file: no network), and returns a stub development extension to
 * load the tests module with: the extension under test is then the installed one.
 */
function installVsix(file, tmp) {
  const stub = path.join(tmp, 'e2e-stub');
  fs.mkdirSync(stub, { recursive: true });
  fs.writeFileSync(
    path.join(stub, 'package.json'),
    JSON.stringify({ name: 'e2e-stub', publisher: 'govreport-e2e', version: '0.0.0', engines: { vscode: '*' } }),
  );
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [CODE_SERVER_ENTRY, '--user-data-dir', path.join(tmp, 'user-data'), '--extensions-dir', path.join(tmp, 'extensions'), '--install-extension', file],
    { encoding: 'utf8', env: { ...process.env, ...privateDirs(tmp) } },
  );
  if (r.status !== 0) throw new HarnessError(`installing ${file} failed:\n${r.stdout}\n${r.stderr}`);
  log(`packaged extension ${path.relative(REPO, file)} installed in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.stdout.trim().split('\n').pop()}`);
  return stub;
}

// ---------------------------------------------------------------- test-electron mode
async function runWithTestElectron(vscodeExecutablePath) {
  const vscodeLabel = `VS Code at ${vscodeExecutablePath}`;
  if (process.env.GOVREPORT_E2E_VSIX) {
    // Not done here (no desktop VS Code to try it on): installing into a private extensions
    // folder, without --disable-extensions. Say so rather than test the repository instead.
    throw new HarnessError(
      'GOVREPORT_E2E_VSIX is supported with code-server only (unset VSCODE_EXECUTABLE); ' +
        'with VSCODE_EXECUTABLE, `npm run test:e2e` tests the repository as a development extension',
    );
  }
  const { workspace, resultsFile } = prepareRun();
  const { runTests } = await import('@vscode/test-electron');
  log(`VS Code executable: ${vscodeExecutablePath}`);
  let runError;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: EXTENSION_PATH,
      extensionTestsPath: TESTS_PATH,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { GOVREPORT_E2E_RESULTS: resultsFile },
    });
  } catch (err) {
    runError = err;
  }
  const results = readJson(resultsFile);
  if (!results) {
    return harnessFailure(`no results from the tests module${runError ? `: ${runError.message ?? runError}` : ''}`, {
      vscodeLabel,
    });
  }
  const code = report(results, { vscodeLabel });
  return runError ? 1 : code;
}

// ---------------------------------------------------------------- code-server mode
async function runWithCodeServer() {
  checkPrerequisites({ forInstall: false });
  ensureCodeServer();
  const csVersion = readJson(path.join(CODE_SERVER_DIR, 'node_modules/code-server/package.json'))?.version;
  const vsVersion = readJson(path.join(CODE_SERVER_DIR, 'node_modules/code-server/lib/vscode/package.json'))?.version;
  const vscodeLabel = `code-server ${csVersion}, VS Code ${vsVersion}`;
  log(`using code-server ${csVersion} (VS Code ${vsVersion}), Node ${process.versions.node}, ${CHROMIUM}`);
  const { tmp, workspace, resultsFile } = prepareRun();
  const vsix = process.env.GOVREPORT_E2E_VSIX;
  if (vsix) EXTENSION_PATH = installVsix(path.resolve(vsix), tmp);
  log(vsix ? `extension: the installed ${vsix} (tests loaded by a stub, ${EXTENSION_PATH})` : `extension: ${EXTENSION_PATH}`);
  log(`tests: ${TESTS_PATH}`);
  const env = {
    ...process.env,
    ...privateDirs(tmp),
    GOVREPORT_E2E_RESULTS: resultsFile,
    GOVREPORT_E2E_SCREENSHOTS: SCREENSHOTS_DIR,
  };
  const server = await startCodeServer({ tmp, workspace, env });
  log(`code-server listening on ${server.base} (log: ${path.relative(REPO, server.logFile)})`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...process.env, ...privateDirs(tmp) },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  onCleanup(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const browserLog = fs.createWriteStream(path.join(LOGS_DIR, 'browser-console.log'));
  onCleanup(() => new Promise((r) => browserLog.end(r)));
  page.on('console', (m) => browserLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.message}\n`));

  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXTENSION_PATH)],
    ['extensionTestsPath', remote(TESTS_PATH)],
  ];
  const url =
    `${server.base}/?folder=${encodeURIComponent(workspace)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const started = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  log('workbench opened; waiting for the tests module to report');

  const shots = makeScreenshotService(page);
  const deadline = started + TIMEOUT_MS;
  let results;
  for (;;) {
    await shots.poll();
    if (fs.existsSync(resultsFile)) {
      results = readJson(resultsFile);
      if (results) break;
    }
    if (!server.isAlive()) {
      return harnessFailure(
        `code-server exited (${JSON.stringify(server.exitInfo())}) before the tests reported; log:\n${tail(server.logFile, 40)}`,
        { vscodeLabel },
      );
    }
    if (Date.now() > deadline) {
      await shots.take('timeout').catch(() => {});
      return harnessFailure(
        `no results within ${TIMEOUT_MS / 1000} s (see test-results/screenshots/timeout.png and ` +
          `test-results/e2e-logs/); code-server log tail:\n${tail(server.logFile, 30)}`,
        { vscodeLabel },
      );
    }
    await sleepTick(100);
  }
  await shots.poll(); // a request that raced with the results
  log(`tests finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (results.failed > 0) await shots.take('final').catch(() => {});
  return report(results, { vscodeLabel });
}

// ---------------------------------------------------------------- main
let exitCode = 1;
try {
  const exe = process.env.VSCODE_EXECUTABLE;
  exitCode = exe ? await runWithTestElectron(exe) : await runWithCodeServer();
} catch (err) {
  const message = err instanceof HarnessError ? err.message : (err?.stack ?? String(err));
  exitCode = harnessFailure(message, { vscodeLabel: 'not started' });
} finally {
  await cleanup();
}
process.exit(exitCode);
