// The tests module of the end-to-end tests: VS Code loads it in the extension host (bundled as
// dist/e2e/index.js by esbuild.mjs) and calls `run()`, the same way under test/e2e/run.mjs
// (code-server + headless Chromium) and under @vscode/test-electron.
//
// HOW TO ADD A TEST FILE
//   1. Create test/e2e/suite/<topic>.test.ts using mocha's TDD interface, imported from 'mocha':
//        import { suite, test } from 'mocha';
//        import * as assert from 'node:assert/strict';
//        import * as vscode from 'vscode';
//        import { openWorkspaceFile, waitForDiagnostics, screenshot } from './helpers';
//        suite('diagnostics', () => {
//          test('flags a missing section', async () => { ... });
//        });
//      (suite/test/suiteSetup/setup/teardown/suiteTeardown; no fixed sleeps: use helpers.ts.)
//   2. Add one line for it to TEST_FILES below. The files are imported lazily, after mocha has
//      set up its interface, and esbuild bundles them into dist/e2e/index.js (mocha's own file
//      loading does not work in a bundle).
//   3. Fixture files go in test/e2e/workspace/ (copied to a temporary folder for each run, so
//      tests may edit them); reach them with workspaceUri()/openWorkspaceFile() from helpers.ts.
//   Run: `npm run test:e2e` (GOVREPORT_E2E_GREP=<pattern> runs the tests whose title matches).
//
// Results: written as JSON to the file named by GOVREPORT_E2E_RESULTS (when set), because the
// exit code of the extension host tells nothing under code-server:
//   { passed, failed, failures: [{ title, error }], tests: [{ title, state, durationMs }] }
import * as fs from 'node:fs';
import Mocha from 'mocha';

const TEST_FILES: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [
  ['smoke.test.ts', () => import('./smoke.test')],
  ['scenarios.test.ts', () => import('./scenarios.test')],
  ['robustness.test.ts', () => import('./robustness.test')],
  ['tableview.test.ts', () => import('./tableview.test')],
  ['ux.test.ts', () => import('./ux.test')],
  ['workspace.test.ts', () => import('./workspace.test')],
  ['lastyear.test.ts', () => import('./lastyear.test')],
  ['published.test.ts', () => import('./published.test')],
  ['summary.test.ts', () => import('./summary.test')],
];

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface E2EResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; error: string }[];
  tests: TestResult[];
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

function writeResults(results: E2EResults): void {
  const file = process.env.GOVREPORT_E2E_RESULTS;
  if (!file) return;
  // Write then rename, so that the runner never reads half a file.
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
  fs.renameSync(tmp, file);
}

export async function run(): Promise<void> {
  // Stack traces in terms of test/e2e/suite/*.ts (dist/e2e/index.js.map) rather than the bundle.
  process.setSourceMapsEnabled(true);
  const results: E2EResults = { passed: 0, failed: 0, pending: 0, failures: [], tests: [] };
  const fail = (title: string, err: unknown) => {
    const error = describeError(err);
    results.failed++;
    results.failures.push({ title, error });
    results.tests.push({ title, state: 'failed', error });
  };

  try {
    // GOVREPORT_E2E_GREP=pattern runs only the tests whose full title matches (while working on them).
    const grep = process.env.GOVREPORT_E2E_GREP || undefined;
    const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep });
    const { EVENT_FILE_PRE_REQUIRE, EVENT_FILE_REQUIRE, EVENT_FILE_POST_REQUIRE } =
      Mocha.Suite.constants;
    for (const [file, load] of TEST_FILES) {
      // What Mocha#loadFiles does for each file, with a bundled import instead of require(file).
      mocha.suite.emit(EVENT_FILE_PRE_REQUIRE, globalThis, file, mocha);
      try {
        const mod = await load();
        mocha.suite.emit(EVENT_FILE_REQUIRE, mod, file, mocha);
        mocha.suite.emit(EVENT_FILE_POST_REQUIRE, globalThis, file, mocha);
      } catch (err) {
        fail(`loading ${file}`, err);
      }
    }

    const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => {
        results.passed++;
        results.tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration });
      });
      // Also fires for failing hooks (before/after...), whose title says so.
      runner.on(EVENT_TEST_FAIL, (t: Mocha.Runnable, err: unknown) => fail(t.fullTitle(), err));
      runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => {
        results.pending++;
        results.tests.push({ title: t.fullTitle(), state: 'pending' });
      });
    });

    if (results.passed + results.failed === 0) {
      fail('e2e suite', new Error('No test ran: is TEST_FILES in test/e2e/suite/index.ts empty?'));
    }
  } catch (err) {
    fail('e2e harness', err);
  }

  writeResults(results);
  if (results.failed > 0) {
    throw new Error(`${results.failed} end-to-end test(s) failed`);
  }
}
