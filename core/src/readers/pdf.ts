// The PDF reader: a PDF's text layer (pdfjs-dist, read page by page with positions) turned into
// the report as tab-row text by the geometry of `pdf-layout.ts`.
//
// pdfjs is large (about 2 MB of code) and is loaded on the first PDF only, by a dynamic import:
// the text path and the server's start do not pay for it. In the bundles, esbuild.mjs points
// the import at dist/pdfjs/ (the library's minified legacy build, with the cMaps of Chinese fonts
// beside it); unbundled (tests), at the installed package. pdfjs runs in this thread with its
// bundled worker code ("fake worker"): nothing is fetched from the network, and the only files
// it reads are its own cMaps, from the local folder named below.
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextContent, TextItem } from 'pdfjs-dist/types/src/display/api';
import { checkPdfExpansion } from './pdf-bounds';
import { layoutPdf, type PdfPageText, type PdfTextItem } from './pdf-layout';
import { DEFAULT_READER_LIMITS, ReaderError, type Converted, type ReaderLimits, type ReaderNote } from './types';

/**
 * Most text runs read from one page. A page of a report holds a few hundred; a page beyond this
 * (a pathological content stream) is not read further and is noted. pdfjs hands the runs over
 * in chunks and waits for them to be taken, so the bound stops the work, not just the result.
 */
export const MAX_PDF_ITEMS_PER_PAGE = 20_000;

/** Most text runs read from the whole file. */
export const MAX_PDF_ITEMS = 500_000;

/**
 * Most time spent reading one file's text, in milliseconds, checked whenever pdfjs hands over a
 * chunk of text runs (pdfjs runs in this thread: a content stream without text is parsed to
 * its end before the check comes).
 */
export const MAX_PDF_MILLISECONDS = 60_000;

type PdfjsModule = typeof Pdfjs;

declare const __PDFJS_DIR__: string | undefined;

let loading: Promise<PdfjsModule> | undefined;

/**
 * The folder holding pdfjs's `cmaps/`, with a trailing slash. In a bundle
 * (esbuild.mjs defines __PDFJS_DIR__), the folder beside the bundle; else the installed package.
 */
function assetsDir(): string {
  if (typeof __PDFJS_DIR__ === 'string') return `${__dirname}/${__PDFJS_DIR__}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');
}

/**
 * Loads pdfjs once. Two things its legacy build does on load are undone or kept quiet:
 * - it prints warnings with console.log (no `@napi-rs/canvas` to draw with: not needed for
 *   text), which would corrupt the CLI's JSON output: console.log is silent while it loads;
 * - its core-js polyfills replace built-ins that Node already has (Array.prototype.push,
 *   JSON.parse, Function.prototype.toString, ...) with slower JavaScript versions for spec
 *   corner cases, process-wide: every built-in that existed before and was replaced is put
 *   back, and the global `self` it adds is removed. Polyfills of what Node lacks
 *   (Promise.withResolvers on Node 20, ...) stay.
 */
function loadPdfjs(): Promise<PdfjsModule> {
  loading ??= (async () => {
    const saved = snapshotBuiltins();
    const hadSelf = Object.prototype.hasOwnProperty.call(globalThis, 'self');
    const log = console.log;
    console.log = () => {};
    try {
      // The worker module first: it registers itself as globalThis.pdfjsWorker, which the
      // library then runs in this thread instead of loading a worker file.
      // @ts-expect-error: the worker module has no type declarations (nothing of it is used here).
      await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      console.log = log;
      restoreBuiltins(saved);
      if (!hadSelf) delete (globalThis as { self?: unknown }).self;
    }
  })().catch((e: unknown) => {
    loading = undefined;
    throw new ReaderError('pdf-reader-missing', `无法加载 PDF 读取组件（pdfjs）：${String(e)}`, `cannot load the PDF reader (pdfjs): ${String(e)}`);
  });
  return loading;
}

type Snapshot = [object, PropertyKey, PropertyDescriptor][];

function builtinObjects(): object[] {
  const typed = Object.getPrototypeOf(Uint8Array) as object;
  const list: unknown[] = [
    globalThis,
    Object, Object.prototype, Function.prototype, Array, Array.prototype, JSON, Math, Reflect,
    Promise, Promise.prototype, Map, Map.prototype, Set, Set.prototype, WeakMap.prototype, WeakSet.prototype,
    String, String.prototype, Number, Number.prototype, Symbol, RegExp.prototype, Error, Date.prototype,
    ArrayBuffer, ArrayBuffer.prototype, DataView.prototype, typed, (typed as { prototype: object }).prototype, Uint8Array,
  ];
  return list.filter((o): o is object => typeof o === 'object' || typeof o === 'function');
}

function snapshotBuiltins(): Snapshot {
  const out: Snapshot = [];
  for (const o of builtinObjects()) {
    for (const key of Reflect.ownKeys(o)) {
      const d = Object.getOwnPropertyDescriptor(o, key);
      if (d) out.push([o, key, d]);
    }
  }
  return out;
}

function restoreBuiltins(saved: Snapshot): void {
  for (const [o, key, d] of saved) {
    const now = Object.getOwnPropertyDescriptor(o, key);
    if (!now) continue;
    if (Object.is(now.value, d.value) && now.get === d.get && now.set === d.set) continue;
    try {
      Object.defineProperty(o, key, d);
    } catch {
      // A property that cannot be redefined stays as it is.
    }
  }
}

/** Notes in both languages. */
function note(code: string, severity: ReaderNote['severity'], zh: string, en: string): ReaderNote {
  return { code, severity, message: { zh, en } };
}

const NO_TEXT_LAYER = note('pdf-no-text-layer', 'error', '扫描版 PDF：没有文字层，请先进行文字识别（OCR）', 'scanned PDF: no text layer; run OCR first');
const TEXT_DAMAGED = note('pdf-text-damaged', 'error', 'PDF 文件已损坏：页面有文字指令，但读不出文字（不是扫描版，文字识别无济于事；请取得完好的文件）', 'damaged PDF: its pages have text operators but no text could be read (not a scan: OCR will not help; get an undamaged copy)');
const NO_CONTENT = note('pdf-no-content', 'error', 'PDF 中既没有文字，也没有图像（空白页，或文件已损坏）', 'the PDF holds neither text nor images (blank pages, or a damaged file)');

/** Most pages looked at to tell why a PDF without text has none. */
const WHY_EMPTY_PAGES = 10;

/** Whether the bytes start like a PDF (a header within the first kilobyte, as readers allow). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 1024)));
  return head.includes('%PDF-');
}

/**
 * Reads a PDF's text layer as the report in tab-row text. Throws ReaderError for a file it
 * refuses: not a PDF, encrypted with a password, too damaged to open, over `maxInputBytes`.
 */
export async function readPdf(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Promise<Converted> {
  if (bytes.length > limits.maxInputBytes) {
    throw new ReaderError('pdf-too-large', `PDF 文件过大（${bytes.length} 字节，上限 ${limits.maxInputBytes}）`, `PDF too large (${bytes.length} bytes, limit ${limits.maxInputBytes})`);
  }
  if (!looksLikePdf(bytes)) throw new ReaderError('pdf-not-pdf', '不是 PDF 文件（没有 %PDF- 文件头）', 'not a PDF file (no %PDF- header)');
  checkPdfExpansion(bytes, limits.maxExpandedBytes, limits.inflatedSize);
  const pdfjs = await loadPdfjs();
  const dir = assetsDir();
  const started = Date.now();
  const task = pdfjs.getDocument({
    // A copy, as a plain Uint8Array (pdfjs refuses a Buffer): pdfjs hands its input to the
    // worker side by transfer, which would empty the caller's buffer.
    data: new Uint8Array(bytes),
    // The cMaps of Chinese fonts that are not embedded (UniGB-UCS2-H and the like): without them
    // their text is lost. No standardFontDataUrl: the standard fonts' outlines serve drawing
    // only; their metrics, which text positions need, are built into pdfjs.
    cMapUrl: `${dir}cmaps/`,
    cMapPacked: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isEvalSupported: false,
    isOffscreenCanvasSupported: false,
    disableFontFace: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  // No onPassword callback: a file that needs a password rejects with a PasswordException.
  let doc: Pdfjs.PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    void task.destroy();
    throw openError(e);
  }
  const notes: ReaderNote[] = [];
  const pages: PdfPageText[] = [];
  try {
    const count = Math.min(doc.numPages, limits.maxPages);
    if (doc.numPages > limits.maxPages) {
      notes.push(note('pdf-too-many-pages', 'warning', `PDF 共 ${doc.numPages} 页，只读取了前 ${limits.maxPages} 页`, `the PDF has ${doc.numPages} pages; only the first ${limits.maxPages} were read`));
    }
    let items = 0;
    let chars = 0;
    const empty: number[] = [];
    const failed: number[] = [];
    for (let n = 1; n <= count; n++) {
      // The deadline between pages too: a page without text hands over no chunk to check it at.
      if (Date.now() - started > MAX_PDF_MILLISECONDS) {
        notes.push(note('pdf-truncated', 'warning', `读取 PDF 超时，只读取到第 ${n} 页之前`, `reading the PDF took too long; read up to page ${n - 1}`));
        break;
      }
      let page: Pdfjs.PDFPageProxy;
      try {
        page = await doc.getPage(n);
      } catch {
        failed.push(n);
        continue;
      }
      const read = await readPage(page, n, { items, chars, started, limits });
      page.cleanup();
      if (read.failed) failed.push(n);
      if (read.tooMany) notes.push(note('pdf-page-too-complex', 'warning', `第 ${n} 页的文字片段过多（超过 ${MAX_PDF_ITEMS_PER_PAGE} 个），未读取`, `page ${n} has too many text runs (over ${MAX_PDF_ITEMS_PER_PAGE}); not read`));
      if (read.stop) {
        notes.push(note('pdf-truncated', 'warning', `PDF 的文字过多，只读取到第 ${n} 页之前`, `the PDF holds too much text; read up to page ${n - 1}`));
        break;
      }
      if (read.page.items.length === 0 && !read.tooMany && !read.failed) empty.push(n);
      items += read.page.items.length;
      for (const it of read.page.items) chars += it.str.length;
      pages.push(read.page);
    }
    if (failed.length > 0) {
      if (failed.length === count) throw new ReaderError('pdf-corrupt', 'PDF 文件已损坏，无法读取任何一页', 'damaged PDF: no page could be read');
      notes.push(note('pdf-page-unreadable', 'warning', `PDF 的第 ${failed.join('、')} 页无法读取（文件可能已损坏）`, `page(s) ${failed.join(', ')} of the PDF could not be read (damaged file?)`));
    }
    if (pages.every((p) => p.items.length === 0) && failed.length === 0) {
      return { format: 'pdf', text: '', lines: [], notes: [...notes, await whyNoText(pdfjs, doc, bytes, count, started)] };
    }
    if (empty.length > 0 && empty.length < count && !hasImageXObject(bytes)) {
      // Without images, a page without text is blank or damaged: the damaged ones are said so.
      const kinds = await emptyPages(pdfjs, doc, empty.slice(0, WHY_EMPTY_PAGES), started);
      const damaged = empty.filter((n) => kinds.get(n) === 'text-damaged');
      if (damaged.length > 0) {
        notes.push(note('pdf-page-text-damaged', 'warning', `PDF 的第 ${damaged.join('、')} 页有文字指令，但读不出文字（文件已损坏）`, `page(s) ${damaged.join(', ')} of the PDF have text operators but no text could be read (damaged file)`));
        empty.splice(0, empty.length, ...empty.filter((n) => !damaged.includes(n)));
      }
    }
    if (empty.length > 0 && empty.length < count) {
      notes.push(note('pdf-page-no-text', 'information', `第 ${empty.join('、')} 页没有文字（空白页，或没有文字层的扫描页）`, `page(s) ${empty.join(', ')} hold no text (blank, or scanned without a text layer)`));
    }
  } finally {
    await doc.destroy().catch(() => {});
  }
  const { text, lines } = layoutPdf(pages);
  return { format: 'pdf', text, lines, notes };
}

/** What a page that gave no text holds, by its operators. */
type EmptyPage = 'text-damaged' | 'drawn' | 'empty';

/**
 * What each of `pages` (pages that gave no text) holds, by its operators: text operators that
 * gave no text mean a damaged content stream (an unterminated string, a missing font...; a page
 * that fails now failed to parse); images or paths mean a scan, or text drawn as outlines (OCR
 * reads both); nothing at all, a blank page (or contents that point at nothing). Called only
 * for a file without image XObjects (hasImageXObject): no image is decoded here, but inline
 * ones (small). Pages past the deadline are left out of the answer.
 */
async function emptyPages(pdfjs: PdfjsModule, doc: Pdfjs.PDFDocumentProxy, pages: number[], started: number): Promise<Map<number, EmptyPage>> {
  const { OPS } = pdfjs;
  const drawing = new Set<number>([OPS.fill, OPS.stroke, OPS.fillStroke, OPS.paintInlineImageXObject, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObject, OPS.paintImageXObject, OPS.paintSolidColorImageMask]);
  const text = new Set<number>([OPS.beginText, OPS.setFont, OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
  const out = new Map<number, EmptyPage>();
  for (const n of pages) {
    if (Date.now() - started > MAX_PDF_MILLISECONDS) break;
    let kind: EmptyPage = 'empty';
    try {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      page.cleanup();
      for (const fn of ops.fnArray) {
        if (text.has(fn)) kind = 'text-damaged';
        else if (drawing.has(fn) && kind === 'empty') kind = 'drawn';
      }
    } catch {
      kind = 'text-damaged';
    }
    out.set(n, kind);
  }
  return out;
}

/**
 * Why a PDF that opened gave no text, as its note: a scan (image XObjects, whose dictionaries
 * are in the bytes as written: streams are never inside object streams; or anything drawn) is
 * told from a damaged file (text operators that gave no text) and from an empty one.
 */
async function whyNoText(pdfjs: PdfjsModule, doc: Pdfjs.PDFDocumentProxy, bytes: Uint8Array, count: number, started: number): Promise<ReaderNote> {
  if (hasImageXObject(bytes)) return NO_TEXT_LAYER;
  const first = Array.from({ length: Math.min(count, WHY_EMPTY_PAGES) }, (_, i) => i + 1);
  const kinds = [...(await emptyPages(pdfjs, doc, first, started)).values()];
  if (kinds.includes('text-damaged')) return TEXT_DAMAGED;
  return kinds.includes('drawn') || kinds.length === 0 ? NO_TEXT_LAYER : NO_CONTENT;
}

const IMAGE_SUBTYPE = /\/Subtype\s*\/Image(?![A-Za-z])/;

/** Whether the file names an image XObject (read in slices: a file may be 50 MB). */
function hasImageXObject(bytes: Uint8Array): boolean {
  const SLICE = 1 << 16;
  for (let p = 0; p < bytes.length; p += SLICE) {
    const q = Math.min(bytes.length, p + SLICE + 64);
    if (IMAGE_SUBTYPE.test(String.fromCharCode.apply(null, bytes.subarray(p, q) as unknown as number[]))) return true;
  }
  return false;
}

/** The ReaderError for a file pdfjs could not open. */
function openError(e: unknown): ReaderError {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new ReaderError('pdf-encrypted', '加密的 PDF：需要密码才能打开，请先解除密码保护', 'encrypted PDF: a password is needed to open it; remove the protection first');
  }
  if (name === 'InvalidPDFException' || name === 'FormatError') {
    return new ReaderError('pdf-corrupt', `PDF 文件已损坏，无法打开（${message}）`, `damaged PDF: cannot open it (${message})`);
  }
  return new ReaderError('pdf-unreadable', `无法读取 PDF（${message}）`, `cannot read the PDF (${message})`);
}

interface PageRead {
  page: PdfPageText;
  tooMany: boolean;
  failed: boolean;
  /** A document-wide bound was reached: read no further. */
  stop: boolean;
}

/** One page's text runs, in display space, within the bounds. */
async function readPage(
  page: Pdfjs.PDFPageProxy,
  n: number,
  seen: { items: number; chars: number; started: number; limits: ReaderLimits },
): Promise<PageRead> {
  const viewport = page.getViewport({ scale: 1 });
  const [a, b, c, d, e, f] = viewport.transform as number[];
  const items: PdfTextItem[] = [];
  const out: PageRead = { page: { page: n, width: viewport.width, height: viewport.height, items }, tooMany: false, failed: false, stop: false };
  let chars = seen.chars;
  const reader = page.streamTextContent({ includeMarkedContent: false }).getReader();
  let finished = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      for (const raw of (value as TextContent).items) {
        if (!('str' in raw)) continue;
        const item = toDisplay(raw, a, b, c, d, e, f);
        if (item) items.push(item);
        chars += raw.str.length;
      }
      if (items.length > MAX_PDF_ITEMS_PER_PAGE) {
        out.tooMany = true;
        items.length = 0;
        break;
      }
      if (seen.items + items.length > MAX_PDF_ITEMS || chars > seen.limits.maxTextChars || Date.now() - seen.started > MAX_PDF_MILLISECONDS) {
        out.stop = true;
        items.length = 0;
        break;
      }
    }
  } catch {
    finished = true; // the stream failed: nothing to cancel
    out.failed = true;
    items.length = 0;
  }
  // Stopped early: pdfjs stops working on the page. The reason must be an Error: pdfjs (4.10)
  // asserts it, and without it would go on enqueueing the chunks under way into the cancelled
  // stream (an unhandled rejection each).
  if (!finished) await reader.cancel(new Error('bound reached')).catch(() => {});
  return out;
}

/** A text run in display space (y down), with its user-space origin kept for the source map. */
function toDisplay(it: TextItem, a: number, b: number, c: number, d: number, e: number, f: number): PdfTextItem | undefined {
  const t = it.transform as number[];
  const ux = t[4];
  const uy = t[5];
  // The run's direction and up vector, unit length, in user space.
  const len = Math.hypot(t[0], t[1]) || 1;
  const dx = t[0] / len;
  const dy = t[1] / len;
  const size = Math.hypot(t[2], t[3]) || it.height;
  if (!(size > 0) || !Number.isFinite(ux) || !Number.isFinite(uy)) return undefined;
  const width = Number.isFinite(it.width) && it.width > 0 ? it.width : 0;
  // Origin and end of the baseline in display space.
  const x0 = a * ux + c * uy + e;
  const y0 = b * ux + d * uy + f;
  const ex = ux + dx * width;
  const ey = uy + dy * width;
  const x1 = a * ex + c * ey + e;
  const y1 = b * ex + d * ey + f;
  const scale = Math.hypot(a, b) || 1;
  return { str: it.str, x0: Math.min(x0, x1), x1: Math.max(x0, x1), y: Math.max(y0, y1), size: size * scale, ux, uy };
}
