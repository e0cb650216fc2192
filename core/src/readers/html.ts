// The HTML reader: a published web page (or one saved from a browser or from Word) as the
// report's text. The charset from a BOM, else <meta charset> or http-equiv Content-Type (GB2312,
// GBK and GB18030 read as GB18030), else UTF-8 when the bytes are valid UTF-8 and GB18030
// otherwise. Blocks (paragraphs, headings, list items, <br>) are lines; a data table is a grid
// with rowspan and colspan expanded (a spanned cell's text once, then empty fields, as a browser
// copies it; a row's last label, when it spans columns and only values follow it, in the last
// column of its span: `alignSpannedLabel`), one row a line, cells separated by tabs; a layout table (one holding tables, one
// column, or long text in a cell) is read as the blocks it holds. Scripts, styles, the head
// and form controls are left out. The report is then cut out of the page's navigation and
// footers: from its title (or heading 一、总体情况) to the end of section 六 (its signature
// date). Located: a block by its index among the page's blocks, a table row by its table
// (among the data tables of the report), row and grid column, all 0-based.
import { scanMarkup } from './markup';
import { alignSpannedLabel, cleanCell, joinPieces, LineSink } from './output';
import { DEFAULT_READER_LIMITS, type Converted, type ReaderLimits, type ReaderNote } from './types';

/** Bytes of the page looked at for a declared charset. */
const PRESCAN_BYTES = 8192;

/** Elements whose content is not page text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'title', 'textarea', 'select', 'button', 'iframe', 'object', 'svg', 'math', 'head']);

/** Elements that begin and end a line. */
const BLOCKS = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'header',
  'footer', 'nav', 'aside', 'main', 'blockquote', 'pre', 'center', 'form', 'hr', 'address', 'figure', 'figcaption', 'caption',
  'fieldset', 'legend', 'details', 'summary', 'body', 'html', 'option',
]);

/** What may stand in <head>: anything else opens the body (a page without <body>). */
const HEAD_CONTENT = new Set(['meta', 'link', 'title', 'style', 'script', 'base', 'noscript', 'template', 'object']);

/** A cell of a data table holding more text than this, or more pieces, makes the table a layout table. */
const LAYOUT_CELL_CHARS = 300;
const LAYOUT_CELL_PIECES = 4;

export interface DecodedHtml {
  text: string;
  /** What the text was read as. */
  charset: string;
  notes: ReaderNote[];
}

const GB_LABELS = /^(gb2312|gbk|gb18030|x-gbk|cp936|ms936|windows-936|csgb2312|csgbk|chinese|iso-ir-58|euc-cn|csiso58gb231280)$/;
const UTF8_LABELS = /^(utf-?8|unicode-1-1-utf-8|unicode11utf8|unicode20utf8|x-unicode20utf8)$/;

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The charset a page declares in its first bytes (<meta charset>, http-equiv Content-Type). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  let head = '';
  const n = Math.min(bytes.length, PRESCAN_BYTES);
  for (let i = 0; i < n; i++) head += String.fromCharCode(bytes[i]);
  let found: string | undefined;
  scanMarkup(head, false, {
    open(name, attrs) {
      if (found !== undefined || name !== 'meta') return;
      if (attrs.charset) found = attrs.charset;
      else if ((attrs['http-equiv'] ?? '').toLowerCase() === 'content-type') {
        const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(attrs.content ?? '');
        if (m) found = m[1];
      }
    },
    close() {},
    text() {},
  });
  return found?.trim().toLowerCase();
}

/** The page's bytes as text: BOM, declared charset, else UTF-8 when valid, else GB18030. */
export function decodeHtml(bytes: Uint8Array): DecodedHtml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8', notes: [] };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), charset: 'utf-16le', notes: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), charset: 'utf-16be', notes: [] };
  const declared = declaredCharset(bytes);
  const utf8 = validUtf8(bytes);
  const notes: ReaderNote[] = [];
  let charset: string;
  if (declared && GB_LABELS.test(declared)) {
    // A page saved again as UTF-8 often keeps its old declaration: UTF-8 with Chinese text in it
    // is never valid GBK text by chance.
    charset = utf8 && bytes.some((b) => b >= 0x80) ? 'utf-8' : 'gb18030';
  } else if (declared && !UTF8_LABELS.test(declared)) {
    try {
      new TextDecoder(declared);
      charset = declared;
    } catch {
      charset = utf8 ? 'utf-8' : 'gb18030';
    }
  } else if (declared) charset = utf8 ? 'utf-8' : 'gb18030';
  else charset = utf8 ? 'utf-8' : 'gb18030';
  if (declared && charset !== declared && !(charset === 'gb18030' && GB_LABELS.test(declared)) && !(charset === 'utf-8' && UTF8_LABELS.test(declared))) {
    notes.push({
      code: 'html-charset',
      severity: 'information',
      message: { zh: `网页声明的编码是 ${declared}，但内容按 ${charset} 读取`, en: `the page declares charset ${declared}, but its content reads as ${charset}` },
    });
  }
  let text: string;
  try {
    text = new TextDecoder(charset).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8').decode(bytes);
  }
  return { text, charset, notes };
}

/** An item of a table cell: a piece of text (block), or a table inside it. */
type Item = { text: string; block: number } | { table: HTable };

interface HCell {
  items: Item[];
  /** The current piece's text. */
  cur: string;
  rowspan: number;
  colspan: number;
}

interface HTable {
  rows: HCell[][];
  row: HCell[] | null;
  cell: HCell | null;
  /** Text met in the table but outside its cells (browsers show it before the table). */
  stray: Item[];
}

export function readHtml(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Converted {
  const decoded = decodeHtml(bytes);
  return htmlToText(decoded.text, limits, decoded.notes);
}

/** The text of an HTML page in the tab-row layout (exported for tests). */
export function htmlToText(html: string, limits: ReaderLimits = DEFAULT_READER_LIMITS, notes: ReaderNote[] = []): Converted {
  const sink = new LineSink(limits.maxTextChars);
  /** The open tables, innermost last. */
  const tables: HTable[] = [];
  /** Tables opened beyond the depth limit: their tags are only separators. */
  let ignoredTables = 0;
  let skipName: string | null = null;
  let skipDepth = 0;
  let inHead = false;
  let pre = 0;
  let cur = '';
  let blocks = 0;
  let dataTables = 0;

  const top = () => tables[tables.length - 1];

  /** Ends the current piece of text: a line of the page, or a piece of the open cell. */
  const endPiece = () => {
    const t = top();
    if (t) {
      const c = t.cell;
      const text = c ? c.cur : cur;
      if (c) c.cur = '';
      else cur = '';
      const clean = pre > 0 ? text : cleanCell(text);
      if (clean === '') return;
      const item = { text: clean, block: blocks++ };
      if (c) c.items.push(item);
      else t.stray.push(item);
      return;
    }
    const text = cur;
    cur = '';
    if (pre > 0) {
      for (const line of text.split(/\r\n?|\n/)) {
        const l = line.replace(/[\s\u00a0]+$/, '');
        if (l.trim() !== '') sink.add(l, { kind: 'html', block: blocks });
      }
      blocks++;
      return;
    }
    const clean = cleanCell(text);
    if (clean === '') return;
    sink.add(clean, { kind: 'html', block: blocks++ });
  };

  const addText = (s: string) => {
    const t = top();
    if (t) {
      if (t.cell) t.cell.cur += s;
      else if (s.trim() !== '') cur += s;
    } else cur += s;
  };

  const endCell = (t: HTable) => {
    if (!t.cell) return;
    endPiece();
    (t.row ??= []).push(t.cell);
    t.cell = null;
  };
  const endRow = (t: HTable) => {
    endCell(t);
    if (t.row) t.rows.push(t.row);
    t.row = null;
  };

  const emitTable = (t: HTable) => {
    for (const s of t.stray) emitItem(s);
    if (isLayout(t)) {
      for (const r of t.rows) for (const c of r) for (const it of c.items) emitItem(it);
      return;
    }
    emitGrid(t, dataTables++);
  };

  const emitItem = (it: Item) => {
    if ('table' in it) emitTable(it.table);
    else sink.add(it.text, { kind: 'html', block: it.block });
  };

  const emitGrid = (t: HTable, index: number) => {
    const rows = t.rows;
    /** For each column, the rows still covered by a rowspan from above. */
    const carry: number[] = [];
    for (let r = 0; r < rows.length; r++) {
      const line: string[] = [];
      const occupied: boolean[] = [];
      for (let c = 0; c < carry.length; c++) {
        if (carry[c] > 0) {
          occupied[c] = true;
          carry[c]--;
        }
      }
      let col = 0;
      let chars = 0;
      const spans: number[] = [];
      for (const cell of rows[r]) {
        while (occupied[col]) line[col++] = '';
        const text = cellText(cell);
        const span = cell.colspan;
        chars += text.length + span;
        sink.reserve(chars);
        line[col] = text;
        spans[col] = span;
        for (let k = 1; k < span; k++) line[col + k] = '';
        const down = cell.rowspan === 0 ? rows.length - r - 1 : Math.min(cell.rowspan - 1, rows.length - r - 1);
        if (down > 0) for (let k = 0; k < span; k++) carry[col + k] = Math.max(carry[col + k] ?? 0, down);
        col += span;
      }
      for (let c = col; c < occupied.length; c++) line[c] = '';
      for (let c = 0; c < line.length; c++) if (line[c] === undefined) line[c] = '';
      if (line.every((x) => x === '')) continue;
      alignSpannedLabel(line, spans);
      sink.add(line.join('\t'), { kind: 'html-cell', table: index, row: r, cell: 0 });
    }
  };

  scanMarkup(html, false, {
    open(name, attrs) {
      if (skipName !== null) {
        if (name === skipName) skipDepth++;
        return;
      }
      if (inHead) {
        if (HEAD_CONTENT.has(name)) {
          if (SKIPPED.has(name)) {
            skipName = name;
            skipDepth = 1;
          }
          return;
        }
        inHead = false;
      }
      if (name === 'head') {
        inHead = true;
        return;
      }
      if (SKIPPED.has(name)) {
        skipName = name;
        skipDepth = 1;
        return;
      }
      if (name === 'table') {
        endPiece();
        if (tables.length >= limits.maxDepth) {
          ignoredTables++;
          return;
        }
        const parent = top();
        if (parent && !parent.cell) {
          // A table straight inside a table: browsers give it a cell of its own.
          if (!parent.row) parent.row = [];
          parent.cell = newCell(attrs);
        }
        tables.push({ rows: [], row: null, cell: null, stray: [] });
        return;
      }
      const t = top();
      if (t && ignoredTables === 0 && !t.cell && (name === 'tr' || name === 'td' || name === 'th' || name === 'tbody' || name === 'thead' || name === 'tfoot')) endPiece();
      if (t && ignoredTables === 0) {
        if (name === 'tr') {
          endRow(t);
          t.row = [];
          return;
        }
        if (name === 'td' || name === 'th') {
          endCell(t);
          t.cell = newCell(attrs);
          return;
        }
        if (name === 'tbody' || name === 'thead' || name === 'tfoot') {
          endRow(t);
          return;
        }
      } else if (t && (name === 'tr' || name === 'td' || name === 'th')) {
        addText(' ');
        return;
      }
      if (name === 'pre') {
        endPiece();
        pre++;
        return;
      }
      if (BLOCKS.has(name)) endPiece();
      else if (name === 'img' || name === 'input') addText(' ');
    },
    close(name) {
      if (skipName !== null) {
        if (name === skipName && --skipDepth === 0) skipName = null;
        return;
      }
      if (name === 'head') {
        inHead = false;
        return;
      }
      if (name === 'table') {
        if (ignoredTables > 0) {
          ignoredTables--;
          addText(' ');
          return;
        }
        const t = top();
        if (!t) return;
        endRow(t);
        tables.pop();
        const parent = top();
        if (parent) {
          if (!parent.cell) parent.cell = newCell({});
          endPieceOf(parent.cell);
          parent.cell.items.push({ table: t });
        } else emitTable(t);
        return;
      }
      const t = top();
      if (t && ignoredTables === 0) {
        if (name === 'td' || name === 'th') return endCell(t);
        if (name === 'tr') return endRow(t);
        if (name === 'tbody' || name === 'thead' || name === 'tfoot') return endRow(t);
      }
      if (name === 'pre') {
        endPiece();
        if (pre > 0) pre--;
        return;
      }
      if (BLOCKS.has(name)) endPiece();
    },
    text(data) {
      if (skipName !== null || inHead) return;
      addText(pre > 0 ? data : data.replace(/\u00a0/g, ' '));
    },
  });

  /** Ends the open piece of a cell that is not on top (a table inside it just closed). */
  function endPieceOf(c: HCell) {
    const clean = cleanCell(c.cur);
    c.cur = '';
    if (clean !== '') c.items.push({ text: clean, block: blocks++ });
  }

  endPiece();
  while (tables.length > 0) {
    const t = tables.pop()!;
    endRow(t);
    const parent = top();
    if (parent) {
      if (!parent.cell) parent.cell = newCell({});
      parent.cell.items.push({ table: t });
    } else emitTable(t);
  }
  endPiece();
  const [from, to] = reportSpan(sink.lines);
  // Tables are numbered from the report's first one.
  let firstTable = -1;
  for (let i = from; i < to; i++) {
    const s = sink.sources[i];
    if (s?.kind === 'html-cell') {
      if (firstTable < 0) firstTable = s.table;
      if (firstTable > 0) sink.sources[i] = { ...s, table: s.table - firstTable };
    }
  }
  return sink.result('html', notes, from, to);
}

function newCell(attrs: Record<string, string>): HCell {
  return { items: [], cur: '', rowspan: spanOf(attrs.rowspan, 1, 65534, true), colspan: spanOf(attrs.colspan, 1, 1000, false) };
}

/** A rowspan or colspan attribute as the HTML standard reads it (rowspan 0: to the end of the table). */
function spanOf(v: string | undefined, dflt: number, max: number, zero: boolean): number {
  if (v === undefined) return dflt;
  const n = Number.parseInt(v.trim(), 10);
  if (!Number.isFinite(n)) return dflt;
  if (n === 0) return zero ? 0 : 1;
  return Math.max(1, Math.min(n, max));
}

/** A cell's text in a data table: its pieces joined, a table inside it flattened. */
function cellText(c: HCell): string {
  let s = '';
  for (const it of c.items) s = joinPieces(s, 'table' in it ? flatText(it.table) : it.text);
  return s;
}

function flatText(t: HTable): string {
  let s = '';
  for (const it of t.stray) s = joinPieces(s, 'table' in it ? flatText(it.table) : it.text);
  for (const r of t.rows) for (const c of r) s = joinPieces(s, cellText(c));
  return s;
}

/** A table that lays out a page rather than holding data: its cells are read as blocks. */
function isLayout(t: HTable): boolean {
  let wide = false;
  for (const r of t.rows) {
    if (r.length > 1) wide = true;
    for (const c of r) {
      if (c.colspan > 1) wide = true;
      let pieces = 0;
      let chars = 0;
      for (const it of c.items) {
        if ('table' in it) return true;
        pieces++;
        chars += it.text.length;
      }
      if (pieces > LAYOUT_CELL_PIECES || chars > LAYOUT_CELL_CHARS) return true;
    }
  }
  return !wide;
}

const TITLE = /政府信息公开.{0,12}年度?报告|年度?政府信息公开.{0,6}报告/;
const CHROME_IN_TITLE = /当前位置|首页|>|＞|»|›|上一篇|下一篇|相关/;
const FIRST_HEADING = /^[一1][、.．,，]?\s*总体情况/;
const LAST_HEADING = /^[六6][、.．,，]?\s*其他需要报告的事项/;
const DATE_LINE = /^(?:[\d０-９]{4}|二[〇○零一二三四五六七八九]{3})\s*年\s*[\d０-９一二三四五六七八九十]{1,3}\s*月\s*[\d０-９一二三四五六七八九十]{1,3}\s*日$/;
const CHROME = /打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫|上一篇|下一篇|相关链接|相关文章|主办单位|承办单位|版权所有|网站标识码|ICP备|公网安备|网站地图|联系我们|返回顶部|字号[:：]|【\s*(?:大|小)\s*】/;

/**
 * The lines of the page that are the report: from its title (a short line naming the annual
 * report, before heading 一) or else heading 一、总体情况, to the date under section 六 (or the
 * first line of page chrome after heading 六, or the end). No heading 一 and no title: all.
 */
export function reportSpan(lines: readonly string[]): [number, number] {
  let first = -1;
  for (let i = 0; i < lines.length; i++) {
    if (FIRST_HEADING.test(lines[i])) {
      first = i;
      break;
    }
  }
  let from = -1;
  const titleEnd = first < 0 ? lines.length : first;
  for (let i = 0; i < titleEnd; i++) {
    const l = lines[i];
    if (l.length <= 80 && TITLE.test(l) && !CHROME_IN_TITLE.test(l)) {
      from = i;
      break;
    }
  }
  if (from < 0) from = first;
  if (from < 0) return [0, lines.length];
  let last = -1;
  for (let i = Math.max(from, first); i < lines.length; i++) {
    if (LAST_HEADING.test(lines[i])) last = i;
  }
  if (last < 0) return [from, lines.length];
  for (let i = last + 1; i < lines.length; i++) {
    if (DATE_LINE.test(lines[i])) return [from, i + 1];
    if (CHROME.test(lines[i])) return [from, i];
  }
  return [from, lines.length];
}

