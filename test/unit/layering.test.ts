// The layering of ARCHITECTURE.md, enforced: what each folder may import. Every import, export
// from, require() and import() of every TypeScript file is read with the TypeScript parser and
// checked against the folder's rule, so "core imports no editor, no protocol, no file system"
// cannot be broken by accident.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every module specifier a file names: static imports and re-exports, require() and import(). */
export function specifiers(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      if (a && ts.isStringLiteralLike(a)) out.push(a.text);
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The top-level folder a relative specifier of `file` lands in (core, host, server, …). */
function folderOf(file: string, spec: string): string {
  return relative(ROOT, resolve(dirname(file), spec)).split(sep)[0];
}

interface Rule {
  /** Top-level folders its relative imports may reach (its own included). */
  folders: string[];
  /** Packages it may import, or a test per file. */
  packages: (file: string, spec: string) => boolean;
}

/** What core/src/readers/ may import besides the core: exactly these libraries. */
const READER_PACKAGES = ['fflate', 'htmlparser2'];

const RULES: Record<string, Rule> = {
  // The engine: plain TypeScript. Only encoding.ts touches Node (Buffer's ICU transcoder) and
  // iconv-lite (GB18030 writing); the readers of published files use fflate (unzip) and
  // htmlparser2 (HTML and XML tokens) and nothing of Node; no editor, no protocol, no file
  // system, no process.
  core: {
    folders: ['core'],
    packages: (file, spec) =>
      (file.endsWith(`core${sep}src${sep}encoding.ts`) && (spec === 'node:buffer' || spec === 'iconv-lite')) ||
      (file.includes(`core${sep}src${sep}readers${sep}`) && READER_PACKAGES.includes(spec)) ||
      // The PDF reader's library, imported dynamically (dist/pdfjs/ in the bundles); pdfjs itself
      // reads its cMaps from the folder pdf.ts names (__dirname, or the installed package).
      (file.endsWith(`core${sep}src${sep}readers${sep}pdf.ts`) && spec.startsWith('pdfjs-dist/')),
  },
  // Node file I/O shared by the CLI and the server: the core and Node, no editor or protocol.
  host: { folders: ['host', 'core'], packages: (_f, spec) => spec.startsWith('node:') },
  cli: { folders: ['cli', 'core', 'host'], packages: (_f, spec) => spec.startsWith('node:') },
  // The server: the core, host, and the LSP server libraries; never the client nor vscode.
  server: { folders: ['server', 'core', 'host', 'protocol'], packages: (_f, spec) => spec.startsWith('node:') || spec.startsWith('vscode-languageserver') || spec === 'vscode-jsonrpc' },
  // The extension: vscode and the LSP client; the core (bundled) but never the server's code.
  client: { folders: ['client', 'core', 'protocol'], packages: (_f, spec) => spec.startsWith('node:') || spec === 'vscode' || spec.startsWith('vscode-languageclient') },
  // The messages between client and server: names and types (the core's own types among them).
  protocol: { folders: ['protocol', 'core'], packages: () => false },
};

describe('layering (ARCHITECTURE.md): what each folder imports', () => {
  for (const [folder, rule] of Object.entries(RULES)) {
    it(`${folder}/ imports only what it may`, (t) => {
      if (folder === 'protocol' && !existsSync(join(ROOT, folder))) return t.skip('no protocol/ folder');
      const bad: string[] = [];
      const files = tsFiles(join(ROOT, folder));
      assert.ok(files.length > 0, `no files in ${folder}/`);
      for (const file of files) {
        for (const spec of specifiers(file)) {
          const ok = spec.startsWith('.') ? rule.folders.includes(folderOf(file, spec)) : rule.packages(file, spec);
          if (!ok) bad.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
      assert.deepEqual(bad, []);
    });
  }

  it('the check itself catches a forbidden import', () => {
    // A file of core that imported node:fs, the server or vscode would be reported.
    const core = RULES.core;
    const file = join(ROOT, 'core', 'src', 'model.ts');
    assert.equal(core.packages(file, 'node:fs'), false);
    assert.equal(core.packages(file, 'vscode-languageserver'), false);
    assert.equal(core.folders.includes(folderOf(file, '../../server/src/server')), false);
    assert.ok(specifiers(join(ROOT, 'core', 'src', 'encoding.ts')).includes('node:buffer'));
    // The readers: their two libraries, never the file system nor the libraries of other layers.
    const reader = join(ROOT, 'core', 'src', 'readers', 'docx.ts');
    assert.equal(core.packages(reader, 'fflate'), true);
    assert.equal(core.packages(reader, 'node:fs'), false);
    assert.equal(core.packages(reader, 'node:buffer'), false);
    assert.equal(core.packages(reader, 'jszip'), false);
    assert.equal(core.packages(file, 'fflate'), false);
    assert.ok(specifiers(join(ROOT, 'core', 'src', 'readers', 'zip.ts')).includes('fflate'));
  });
});
