// Published files (PDF, Word .docx, web pages) opened as reports: the server reads the source file
// and converts it (core/src/readers, loaded on the first such file), and answers the text of the
// read-only document the client shows (govreport/readPublished). That text is one header line
// naming the source file, then the converted report. When the document is checked:
// - the header line is blanked (spaces, the same length) in the text the engine reads: a file
//   name such as "2019年度报告.pdf" must not become the report's title;
// - each finding's message ends with where it lies in the source file (第 2 页, 表格 2 第 5 行第 3 格);
// - what the reader noticed (no text layer, pages not read) becomes findings on the header line,
//   and a file without any text (a scan) gets that finding alone, not the checks of an empty report;
// - fixes are dropped: the document is read-only (the file is a PDF or a Word document).
import { fileURLToPath } from 'node:url';
import type { Finding, Locale } from '../../core/src';
import { describeSource, isReaderError, sourceAt } from '../../core/src/readers/source';
import { DEFAULT_READER_LIMITS, type Converted, type SourceLocation } from '../../core/src/readers/types';
import { FileSkipped, readRegularFile } from '../../host/src/files';
import { NODE_READER_LIMITS } from '../../host/src/inflate';
import { readPublishedFile } from '../../host/src/pdfWorker';
import { PUBLISHED_SCHEME, publishedSourceOf, publishedUriOf, type ReadPublishedResult } from '../../protocol/src';
import { MarkupContent, type Hover, type Position } from 'vscode-languageserver/node';
import type { Analysis } from './analysis';
import { positions } from './positions';

/** A conversion the server answered, kept while its document may be open. */
interface Entry {
  /** The document's text (header line included). */
  text: string;
  /** Length of the header line (without its line break). */
  header: number;
  converted: Converted;
  result: ReadPublishedResult;
}

/** A file that cannot be opened as a report: the message says why, in the server's locale. */
export class PublishedError extends Error {
  constructor(
    message: string,
    /** Why, as the workspace check lists a file it skips. */
    readonly reason: 'too-large' | 'not-a-regular-file' | 'unreadable' | 'unsupported-format' = 'unreadable',
  ) {
    super(message);
  }
}

/** Reader error codes that mean "not a format read here" rather than "this file is damaged" (as the CLI reads them). */
const UNSUPPORTED = /^(old-binary-format|unsupported-format|encrypted|not-a-docx|zip-encrypted|\w+-unavailable)$/;

/** Conversions kept for documents not (or no longer) open: the most recent ones. */
const KEEP_CLOSED = 16;
/** At most this many pages are listed in the header line. */
const HEADER_PAGES = 30;

export class PublishedFiles {
  private readonly entries = new Map<string, Entry>();
  private readonly reading = new Map<string, Promise<Entry>>();
  private readonly open = new Set<string>();

  constructor(
    private readonly host: {
      locale(): Locale;
      /** Validates an open document again (its conversion arrived after it was checked). */
      revalidate(uri: string): void;
      log(message: string): void;
    },
  ) {}

  /** Whether `uri` is a published file's read-only document. */
  static is(uri: string): boolean {
    return uri.startsWith(`${PUBLISHED_SCHEME}:`);
  }

  /** govreport/readPublished: converts the source file (again: it may have changed on disk). */
  async read(uri: string): Promise<ReadPublishedResult> {
    this.reading.delete(uri);
    return (await this.convert(uri)).result;
  }

  /** A document opened: converted in the background if the server does not hold it (a restart). */
  opened(uri: string): void {
    if (!PublishedFiles.is(uri)) return;
    this.open.add(uri);
    if (this.entries.has(uri)) return;
    this.convert(uri).then(
      () => this.host.revalidate(uri),
      (e: unknown) => this.host.log(`govreport: ${uri}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  closed(uri: string): void {
    if (!this.open.delete(uri)) return;
    this.entries.delete(uri);
  }

  /**
   * The text the engine checks for a document: a published file's header line blanked (its
   * length and line break kept, so every offset is the document's).
   */
  checkedText(uri: string, text: string): string {
    if (!PublishedFiles.is(uri)) return text;
    const nl = text.indexOf('\n');
    const header = nl < 0 ? text.length : nl;
    return ' '.repeat(header) + text.slice(header);
  }

  /**
   * Makes an analysis of a published file's document say where its findings lie in the file,
   * adds the reader's notes, drops fixes. Call before its diagnostics are built.
   */
  annotate(a: Analysis, text: string, entry?: Entry): void {
    if (!PublishedFiles.is(a.uri) || !a.report) return;
    for (const f of a.findings) delete f.fix;
    const e = entry ?? this.entries.get(a.uri);
    if (!e || e.text !== text) return;
    const en = a.locale === 'en';
    const notes: Finding[] = e.converted.notes.map((n) => ({ rule: n.code, severity: n.severity, message: en ? n.message.en : n.message.zh, start: 0, end: e.header, data: { readerNote: true } }));
    if (e.converted.text.trim() === '' && notes.length > 0) {
      // Nothing to check (a scan without a text layer): the reader's note alone says why.
      a.findings.length = 0;
    } else {
      const map = { text, lines: [undefined, ...e.converted.lines] };
      const lineIndex = a.report.lineIndex;
      for (const f of a.findings) {
        const p = lineIndex.positionAt(f.start);
        const s = sourceAt(map, f.start - p.character, p.line, p.character);
        if (s) f.message += en ? ` (${describeSource(s, 'en')})` : `（${describeSource(s, 'zh')}）`;
      }
    }
    a.findings.unshift(...notes);
  }

  /** Where a position of a published file's document lies in the file, in words; undefined when unknown. */
  placeAt(uri: string, text: string, line: number, character: number, lineStart: number): string | undefined {
    const e = this.entries.get(uri);
    // `text` may be the checked text (the header blanked): compared after the header.
    if (!e || e.text.length !== text.length || e.text.slice(e.header) !== text.slice(e.header)) return undefined;
    const s = sourceAt({ text, lines: [undefined, ...e.converted.lines] }, lineStart, line, character);
    return s ? describeSource(s, this.host.locale()) : undefined;
  }

  /** A hover on a published file's document, with where the position lies in the file after it. */
  placeHover(a: Analysis, h: Hover | null, position: Position): Hover | null {
    if (!h || !a.report || !PublishedFiles.is(a.uri) || !MarkupContent.is(h.contents)) return h;
    const report = a.report;
    const offset = positions.offset(report.text, report.lineIndex, position);
    const p = report.lineIndex.positionAt(offset);
    const place = this.placeAt(a.uri, report.text, p.line, p.character, offset - p.character);
    if (!place) return h;
    const e = this.entries.get(a.uri)!;
    const name = e.result.source.slice(e.result.source.lastIndexOf('/') + 1);
    const line = a.locale === 'en' ? `*In ${decodeURIComponent(name)}: ${place}*` : `*位于 ${decodeURIComponent(name)}：${place}*`;
    return { ...h, contents: { kind: h.contents.kind, value: `${h.contents.value}\n\n${line}` } };
  }

  private convert(uri: string): Promise<Entry> {
    let p = this.reading.get(uri);
    if (!p) {
      p = this.convertNow(uri).finally(() => {
        if (this.reading.get(uri) === p) this.reading.delete(uri);
      });
      this.reading.set(uri, p);
    }
    return p;
  }

  /**
   * A published file on disk (its `file:` URI) converted for the workspace check
   * (server/src/workspace.ts): the text its read-only document would have, checked and annotated
   * as that document is, without keeping the conversion (a workspace holds many files).
   * Throws PublishedError.
   */
  async forCheck(fileUri: string): Promise<{ uri: string; checked: string; finish(a: Analysis): void }> {
    const uri = publishedUriOf(fileUri);
    if (!uri) throw new PublishedError(`not a file: URI: ${fileUri}`);
    const e = await this.load(uri);
    return { uri, checked: this.checkedText(uri, e.text), finish: (a) => this.annotate(a, e.text, e) };
  }

  private async convertNow(uri: string): Promise<Entry> {
    const entry = await this.load(uri);
    this.entries.set(uri, entry);
    this.forgetOldClosed();
    return entry;
  }

  private async load(uri: string): Promise<Entry> {
    const en = this.host.locale() === 'en';
    const source = publishedSourceOf(uri);
    let file: string | undefined;
    try {
      file = source ? fileURLToPath(source) : undefined;
    } catch {
      file = undefined;
    }
    if (!source || !file) throw new PublishedError(en ? `not a published file's document: ${uri}` : `不是可转换的文件：${uri}`);
    const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    let bytes: Uint8Array;
    try {
      // A copy: the PDF reader hands its input to pdfjs, which may keep it.
      bytes = (await readRegularFile(file, { maxBytes: DEFAULT_READER_LIMITS.maxInputBytes })).bytes.slice();
    } catch (err) {
      const reason = err instanceof FileSkipped ? (err.reason === 'too-large' || err.reason === 'not-a-regular-file' ? err.reason : 'unreadable') : 'unreadable';
      throw new PublishedError(readFailure(err, name, en), reason);
    }
    let converted: Converted;
    try {
      // A PDF is read in a worker thread (memory and time bounded: host/src/pdfWorker.ts).
      converted = await readPublishedFile(bytes, file, NODE_READER_LIMITS);
    } catch (err) {
      if (isReaderError(err)) throw new PublishedError(`${name}: ${en ? err.en : err.zh}`, UNSUPPORTED.test(err.code) ? 'unsupported-format' : 'unreadable');
      throw err;
    }
    const pages = pagesOf(converted.lines);
    const header = headerLine(name, converted.format, pages, en);
    const text = `${header}\n${converted.text}`;
    const result: ReadPublishedResult = { source, format: converted.format, text, pages: converted.format === 'pdf' ? pages.length : null, notes: converted.notes.length };
    return { text, header: header.length, converted, result };
  }

  /** Keeps the conversions of open documents and the latest few others. */
  private forgetOldClosed(): void {
    const closed = [...this.entries.keys()].filter((u) => !this.open.has(u));
    for (const u of closed.slice(0, Math.max(0, closed.length - KEEP_CLOSED))) this.entries.delete(u);
  }
}

/** Each page read and the first line (0-based, in the converted text) of its text. */
function pagesOf(lines: readonly (SourceLocation | undefined)[]): { page: number; line: number }[] {
  const out: { page: number; line: number }[] = [];
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    const s = lines[i];
    if (s?.kind === 'pdf' && s.page !== last) {
      last = s.page;
      if (!out.some((p) => p.page === s.page)) out.push({ page: s.page, line: i });
    }
  }
  return out;
}

const FORMAT_NAMES = { pdf: ['PDF', 'PDF'], docx: ['Word 文档', 'Word document'], html: ['网页', 'web page'] } as const;

/**
 * The header line: the source file, its format, and for a PDF the line (1-based, as the editor
 * counts them: the header is line 1) where each page's text starts.
 */
export function headerLine(name: string, format: Converted['format'], pages: readonly { page: number; line: number }[], en: boolean): string {
  const kind = FORMAT_NAMES[format][en ? 1 : 0];
  const shown = pages.slice(0, HEADER_PAGES);
  const more = pages.length > shown.length ? (en ? ', …' : '，…') : '';
  if (en) {
    const map = shown.length > 0 ? ` · ${shown.map((p) => `page ${p.page} → line ${p.line + 2}`).join(', ')}${more}` : '';
    return `Source: ${name} (${kind})${map} · read-only text converted by GovReport`;
  }
  const map = shown.length > 0 ? ` · ${shown.map((p) => `第 ${p.page} 页 → 第 ${p.line + 2} 行`).join('，')}${more}` : '';
  return `来源：${name}（${kind}）${map} · 由 GovReport 转换的只读文本`;
}

function readFailure(err: unknown, name: string, en: boolean): string {
  if (err instanceof FileSkipped) {
    if (err.reason === 'too-large') {
      const mb = Math.round(DEFAULT_READER_LIMITS.maxInputBytes / 1_000_000);
      return en ? `${name}: larger than ${mb} MB; not read` : `${name}：文件大于 ${mb} MB，未读取`;
    }
    if (err.reason === 'not-a-regular-file') return en ? `${name}: not a regular file (${err.detail})` : `${name}：不是普通文件（${err.detail}）`;
    return en ? `${name}: cannot read the file (${err.detail})` : `${name}：无法读取文件（${err.detail}）`;
  }
  const code = (err as NodeJS.ErrnoException)?.code ?? String(err);
  return en ? `${name}: cannot read the file (${code})` : `${name}：无法读取文件（${code}）`;
}
