// The page every webview of the extension loads (the table view, the summary view): its script
// and style from dist/webview/, a Content-Security-Policy that admits only them (by nonce) and
// nothing from the network.
import * as vscode from 'vscode';
import { escapeHtml } from '../../core/src/escape';

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 32; i++) s += chars.charAt(Math.floor(Math.random() * chars.length));
  return s;
}


/**
 * The HTML of a webview: `<name>.js` and `<name>.css` of `mediaRoot`, a `#root` element and the
 * extra body markup given (trusted, written by the extension), the title escaped.
 */
export function webviewPage(webview: vscode.Webview, mediaRoot: vscode.Uri, page: { name: string; title: string; lang: string; body?: string }): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, `${page.name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, `${page.name}.css`));
  const csp = [`default-src 'none'`, `script-src 'nonce-${n}'`, `style-src 'nonce-${n}'`, `img-src 'none'`, `font-src 'none'`, `connect-src 'none'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${style.toString()}">
<title>${escapeHtml(page.title)}</title>
</head>
<body>
<div id="root"></div>
${page.body ?? ''}<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
