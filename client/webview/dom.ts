// Small DOM helpers shared by the webview scripts (tables.ts, summary.ts); each is bundled into
// its script by esbuild.

/** A new element with a class and text. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The VS Code theme the webview is drawn in (a class VS Code sets on the body). */
export function themeOf(): string {
  const c = document.body.classList;
  for (const name of ['vscode-high-contrast-light', 'vscode-high-contrast', 'vscode-dark', 'vscode-light']) if (c.contains(name)) return name;
  return 'unknown';
}
