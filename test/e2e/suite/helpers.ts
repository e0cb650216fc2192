// Helpers for the end-to-end tests that run inside a real VS Code extension host.
//
// Rule of the house: never sleep for a fixed time. Every wait here is driven by an event
// (VS Code's own events, or inotify through fs.watch for the screenshot protocol) and bounded
// by a deadline, after which it fails with a message that says what it was waiting for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * A file of the repository the tests are built from (fixtures, the pristine workspace), by its path
 * from the repository root. Not from the extension's folder: the extension under test may be the
 * installed .vsix (GOVREPORT_E2E_VSIX), which holds none of them. This module is bundled into
 * <repo>/dist/e2e/index.js.
 */
export function repoPath(...parts: string[]): string {
  return path.resolve(__dirname, '..', '..', ...parts);
}

/** Default deadline of the waits below. Generous: the machine has 2 cores. */
export const DEFAULT_TIMEOUT_MS = 20_000;

type Maybe<T> = T | undefined | null | false;

/**
 * Resolves with the first truthy value returned by `check`. `check` is evaluated at once, then
 * again each time one of `events` fires. Rejects after `timeoutMs` with `what` in the message.
 */
export function waitFor<T>(
  what: string,
  check: () => Maybe<T> | Promise<Maybe<T>>,
  events: vscode.Event<unknown>[],
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let done = false;
    let lastError: unknown;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      fn();
    };
    const evaluate = async () => {
      if (done) return;
      try {
        const value = await check();
        if (value) finish(() => resolve(value as T));
      } catch (err) {
        lastError = err;
      }
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new Error(
              `Timed out after ${timeoutMs} ms waiting for ${what}` +
                (lastError ? ` (last error: ${String(lastError)})` : ''),
            ),
          ),
        ),
      timeoutMs,
    );
    for (const event of events) subscriptions.push(event(() => void evaluate()));
    void evaluate();
  });
}

/** Resolves with the first firing of `event` whose payload satisfies `predicate`. */
export function waitForEvent<T>(
  what: string,
  event: vscode.Event<T>,
  predicate: (value: T) => boolean = () => true,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/**
 * Waits until the diagnostics of `uri` satisfy `predicate` (checked now and on every
 * `onDidChangeDiagnostics` that touches `uri`) and returns them.
 * Example: `await waitForDiagnostics(doc.uri, (d) => d.some((x) => x.code === 'R001'))`.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: readonly vscode.Diagnostic[]) => boolean = (d) => d.length > 0,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  const key = uri.toString();
  const touchesUri: vscode.Event<unknown> = (listener, thisArg, disposables) =>
    vscode.languages.onDidChangeDiagnostics(
      (e) => {
        if (e.uris.some((u) => u.toString() === key)) listener.call(thisArg, e);
      },
      undefined,
      disposables,
    );
  return waitFor(
    `diagnostics of ${uri.fsPath} matching the predicate`,
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    [touchesUri],
    timeoutMs,
  );
}

/**
 * Waits until the document of `doc` (same URI) has language `languageId` and returns that
 * document. When the language of a document changes, VS Code closes it and reopens it as a new
 * TextDocument object, so use the returned one afterwards.
 */
export function waitForLanguage(
  doc: vscode.TextDocument,
  languageId: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.TextDocument> {
  const key = doc.uri.toString();
  return waitFor(
    `language '${languageId}' on ${doc.uri.fsPath} (it has '${doc.languageId}')`,
    () =>
      vscode.workspace.textDocuments.find(
        (d) => d.uri.toString() === key && d.languageId === languageId,
      ),
    [vscode.workspace.onDidOpenTextDocument as vscode.Event<unknown>],
    timeoutMs,
  );
}

/** URI of a file of the workspace folder the tests run in (a temporary copy of test/e2e/workspace). */
export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The e2e tests need a workspace folder, and there is none');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

/** Opens a file of the workspace in an editor and returns its document. */
export async function openWorkspaceFile(...segments: string[]): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/**
 * Asks the runner (test/e2e/run.mjs) for a screenshot of the whole workbench page, saved as
 * `<GOVREPORT_E2E_SCREENSHOTS>/<name>.png`. The extension host cannot see the page, so:
 *   1. we write an empty request file `<dir>/.request-<name>`;
 *   2. the runner, which watches that folder, takes `page.screenshot()`, writes `<name>.png`
 *      (atomically, via a rename) and deletes the request;
 *   3. we resolve as soon as `<name>.png` appears (fs.watch), or after `timeoutMs`.
 * It never fails a test: without a runner that answers (e.g. under @vscode/test-electron, where
 * the variable is not set) it returns undefined. Returns the path of the PNG otherwise.
 * `name` may use letters, digits, '-' and '_'. `waitForSelector`: the runner first waits (10 s at
 * most) until that CSS selector matches in some frame of the page (a webview's content, say).
 */
export async function screenshot(name: string, timeoutMs = 15_000, options: { waitForSelector?: string } = {}): Promise<string | undefined> {
  const dir = process.env.GOVREPORT_E2E_SCREENSHOTS;
  if (!dir) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Bad screenshot name '${name}'`);
  const png = path.join(dir, `${name}.png`);
  const request = path.join(dir, `.request-${name}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.rmSync(png, { force: true });
    return await new Promise<string | undefined>((resolve) => {
      let watcher: fs.FSWatcher | undefined;
      const finish = (result: string | undefined) => {
        clearTimeout(timer);
        watcher?.close();
        resolve(result);
      };
      const timer = setTimeout(() => {
        fs.rmSync(request, { force: true });
        console.warn(`[e2e] screenshot '${name}': no runner answered within ${timeoutMs} ms`);
        finish(undefined);
      }, timeoutMs);
      // Watch before writing the request, so that the answer cannot be missed.
      watcher = fs.watch(dir, (_event, file) => {
        if (file === `${name}.png` && fs.existsSync(png)) finish(png);
      });
      fs.writeFileSync(request, options.waitForSelector ? JSON.stringify({ waitForSelector: options.waitForSelector }) : '');
      if (fs.existsSync(png)) finish(png);
    });
  } catch (err) {
    console.warn(`[e2e] screenshot '${name}' failed: ${String(err)}`);
    return undefined;
  }
}

/**
 * The elements of the workbench page matching a CSS selector, in every frame (webviews included),
 * each as its `attributes` (`text`: its text). Asked of the runner like a screenshot: a request
 * file `.query-<name>` answered with `.<name>.query.json`. Undefined when no runner answers.
 */
export function queryPage(name: string, selector: string, attributes: string[], timeoutMs = 15_000): Promise<Record<string, string | null>[] | undefined> {
  return askRunner('query', name, { selector, attributes }, timeoutMs);
}

/**
 * Clicks the first element of the workbench page matching a CSS selector (any frame), as a user
 * would: what the extension API cannot do (a list item of the Extensions view). Whether it was
 * found and clicked; undefined when no runner answers.
 */
export async function clickPage(name: string, selector: string, timeoutMs = 15_000): Promise<boolean | undefined> {
  const answer = await askRunner('click', name, { selector }, timeoutMs);
  return answer === undefined ? undefined : answer.length > 0;
}

async function askRunner(kind: 'query' | 'click', name: string, spec: object, timeoutMs: number): Promise<Record<string, string | null>[] | undefined> {
  const dir = process.env.GOVREPORT_E2E_SCREENSHOTS;
  if (!dir) return undefined;
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`Bad query name '${name}'`);
  const answer = path.join(dir, `.${name}.query.json`);
  const request = path.join(dir, `.${kind}-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(answer, { force: true });
  return new Promise((resolve) => {
    let watcher: fs.FSWatcher | undefined;
    const finish = (result: Record<string, string | null>[] | undefined) => {
      clearTimeout(timer);
      watcher?.close();
      resolve(result);
    };
    const read = () => {
      try {
        return JSON.parse(fs.readFileSync(answer, 'utf8')) as Record<string, string | null>[];
      } catch {
        return undefined;
      }
    };
    const timer = setTimeout(() => {
      fs.rmSync(request, { force: true });
      finish(undefined);
    }, timeoutMs);
    watcher = fs.watch(dir, (_event, file) => {
      if (file === `.${name}.query.json` && fs.existsSync(answer)) finish(read());
    });
    fs.writeFileSync(request, JSON.stringify(spec));
  });
}
