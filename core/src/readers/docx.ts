// The DOCX reader: word/document.xml (found through _rels/.rels when it is elsewhere), read as a
// stream of XML events. Body paragraphs and tables in document order; a table row is one line,
// its cells separated by tabs, one field per grid column: a cell spanning columns (w:gridSpan)
// is its text then empty fields (a row's last label, when it spans columns and only values
// follow it, the empty fields then its text: `alignSpannedLabel`), a cell continuing a vertical
// merge (w:vMerge) is empty, as a copy out of Word gives them. Deleted text (tracked changes), field instructions, drawings and
// text boxes are left out. Located: a paragraph by its index among the body's paragraphs, a row
// by its table (among the body's tables), row and grid column, all 0-based.
import { DepthGuard, scanMarkup } from './markup';
import { alignSpannedLabel, cleanCell, joinPieces, LineSink } from './output';
import { DEFAULT_READER_LIMITS, ReaderError, type Converted, type ReaderLimits } from './types';
import { listZip, readEntry, type Budget, type ZipEntry } from './zip';

const WML = /wordprocessingml\/(2006\/)?main$/;
const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

/** Elements whose content is not part of the text (prefix-less WordprocessingML names). */
const SKIPPED = new Set(['del', 'moveFrom', 'delText', 'instrText', 'drawing', 'pict', 'object', 'txbxContent', 'rPr', 'pPr', 'sectPr', 'footnoteReference', 'endnoteReference', 'commentReference']);

/** Whether the bytes are a ZIP holding a Word document (its main part named). */
export function docxMainPart(entries: Map<string, ZipEntry>, bytes: Uint8Array, budget: Budget): ZipEntry | undefined {
  const direct = entries.get('word/document.xml');
  if (direct) return direct;
  const rels = entries.get('_rels/.rels');
  if (!rels) return undefined;
  let target: string | undefined;
  scanMarkup(decodeXml(readEntry(bytes, rels, budget)), true, {
    open(name, attrs) {
      if (target === undefined && localName(name) === 'Relationship' && /\/officeDocument$/.test(attrs.Type ?? '')) target = attrs.Target;
    },
    close() {},
    text() {},
  });
  if (!target) return undefined;
  return entries.get(target.replace(/^\//, ''));
}

export function readDocx(bytes: Uint8Array, limits: ReaderLimits = DEFAULT_READER_LIMITS): Converted {
  const entries = listZip(bytes);
  const budget: Budget = { remaining: limits.maxExpandedBytes, limit: limits.maxExpandedBytes };
  const main = docxMainPart(entries, bytes, budget);
  if (!main) throw new ReaderError('not-a-docx', '这个 ZIP 文件不是 Word 文档（没有 word/document.xml）', 'this ZIP file is not a Word document (no word/document.xml)');
  const xml = decodeXml(readEntry(bytes, main, budget));
  return documentXmlToText(xml, limits);
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** XML bytes as text: UTF-16 by its BOM, else UTF-8 (a BOM dropped). */
function decodeXml(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b);
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b);
  return new TextDecoder('utf-8').decode(b);
}

interface Cell {
  text: string;
  /** The current paragraph of the cell. */
  para: string;
  span: number;
  /** A continuation of a vertical merge: emitted empty. */
  continued: boolean;
}

interface Table {
  /** Index among the body's tables (top-level ones; -1 for a table inside a cell). */
  index: number;
  rows: string[][];
  row: string[] | null;
  /** For each row, the span of the cell starting at each grid column. */
  spans: number[][];
  rowSpans: number[] | null;
  cell: Cell | null;
}

/** The text of word/document.xml in the tab-row layout (exported for tests). */
export function documentXmlToText(xml: string, limits: ReaderLimits = DEFAULT_READER_LIMITS): Converted {
  const sink = new LineSink(limits.maxTextChars);
  const depth = new DepthGuard(limits.maxDepth, 'docx-too-deep', { zh: 'Word 文档的元素', en: 'the Word document’s elements are' });
  let w = 'w:';
  let mc = 'mc:';
  let rootSeen = false;
  let skip = 0;
  let inBody = false;
  let inText = false;
  const tables: Table[] = [];
  let tableCount = 0;
  let paragraphs = 0;
  /** The body paragraph being read (null: none, or inside a table). */
  let para: string | null = null;
  let paraIndex = 0;

  const wname = (name: string): string | null => (w === '' ? (name.includes(':') ? null : name) : name.startsWith(w) ? name.slice(w.length) : null);

  const append = (s: string) => {
    const t = tables[tables.length - 1];
    if (t) {
      if (t.cell) t.cell.para += s;
    } else if (para !== null) para += s;
  };

  const endBodyParagraph = () => {
    if (para === null) return;
    for (const piece of para.split('\n')) {
      const line = piece.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
      if (line !== '') sink.add(line, { kind: 'docx', paragraph: paraIndex });
    }
    para = null;
  };

  /** A paragraph or line break inside a cell: the text so far is one piece. */
  const cellBreak = (t: Table) => {
    const c = t.cell;
    if (!c || c.para === '') return;
    c.text = joinPieces(c.text, cleanCell(c.para));
    c.para = '';
  };

  const endCell = (t: Table) => {
    const c = t.cell;
    if (!c) return;
    c.text = joinPieces(c.text, cleanCell(c.para));
    if (!t.row) t.row = [];
    if (!t.rowSpans) t.rowSpans = [];
    t.rowSpans[t.row.length] = c.span;
    t.row.push(c.continued ? '' : c.text);
    for (let k = 1; k < c.span; k++) t.row.push('');
    t.cell = null;
  };

  const endRow = (t: Table) => {
    endCell(t);
    if (t.row) {
      t.rows.push(t.row);
      t.spans.push(t.rowSpans ?? []);
    }
    t.row = null;
    t.rowSpans = null;
  };

  const endTable = () => {
    const t = tables.pop()!;
    endRow(t);
    const parent = tables[tables.length - 1];
    if (parent) {
      // A table inside a cell: its text joins the cell's.
      if (!parent.cell) return;
      for (const r of t.rows) for (const c of r) if (c) parent.cell.para = joinPieces(parent.cell.para, c);
      return;
    }
    for (let r = 0; r < t.rows.length; r++) {
      const cells = t.rows[r];
      if (cells.every((c) => c === '')) continue;
      alignSpannedLabel(cells, t.spans[r]);
      sink.add(cells.join('\t'), { kind: 'docx-cell', table: t.index, row: r, cell: 0 });
    }
  };

  scanMarkup(xml, true, {
    open(name, attrs) {
      depth.enter();
      if (!rootSeen) {
        rootSeen = true;
        // The prefixes the document gives WordprocessingML and markup compatibility.
        for (const [k, v] of Object.entries(attrs)) {
          if (k === 'xmlns' && WML.test(v)) w = '';
          else if (k.startsWith('xmlns:') && WML.test(v)) w = k.slice(6) + ':';
          else if (k.startsWith('xmlns:') && v === MC) mc = k.slice(6) + ':';
        }
      }
      if (skip > 0) {
        skip++;
        return;
      }
      if (name === mc + 'Fallback') {
        skip = 1;
        return;
      }
      const n = wname(name);
      if (n === null) return;
      if (SKIPPED.has(n)) {
        // Table cell and row properties hold the merges: read, not skipped.
        skip = 1;
        return;
      }
      const t = tables[tables.length - 1];
      switch (n) {
        case 'body':
          inBody = true;
          break;
        case 'p':
          if (!inBody) break;
          if (t) cellBreak(t);
          else {
            endBodyParagraph();
            para = '';
            paraIndex = paragraphs++;
          }
          break;
        case 't':
          inText = true;
          break;
        case 'tab':
        case 'ptab':
          // Inside a cell a tab must not split it.
          append(t ? ' ' : '\t');
          break;
        case 'br':
        case 'cr':
          // A line break: a line of its own in the body, a piece of the text in a cell.
          if (t) cellBreak(t);
          else append('\n');
          break;
        case 'noBreakHyphen':
          append('-');
          break;
        case 'tbl':
          if (!inBody) break;
          endBodyParagraph();
          tables.push({ index: t ? -1 : tableCount++, rows: [], row: null, spans: [], rowSpans: null, cell: null });
          break;
        case 'tr':
          if (t) {
            endRow(t);
            t.row = [];
          }
          break;
        case 'gridBefore':
          if (t) {
            if (!t.row) t.row = [];
            const k = Math.min(Number.parseInt(attrs[w + 'val'] ?? attrs.val ?? '0', 10) || 0, 1000);
            for (let i = 0; i < k; i++) t.row.push('');
          }
          break;
        case 'tc':
          if (t) {
            endCell(t);
            t.cell = { text: '', para: '', span: 1, continued: false };
          }
          break;
        case 'gridSpan':
          if (t?.cell) t.cell.span = Math.max(1, Math.min(Number.parseInt(attrs[w + 'val'] ?? attrs.val ?? '1', 10) || 1, 1000));
          break;
        case 'vMerge': {
          // No value, or "continue": the cell above goes on; "restart" begins a merge.
          const v = attrs[w + 'val'] ?? attrs.val;
          if (t?.cell && v !== 'restart') t.cell.continued = true;
          break;
        }
        case 'hMerge': {
          const v = attrs[w + 'val'] ?? attrs.val;
          if (t?.cell && v !== 'restart') t.cell.continued = true;
          break;
        }
      }
    },
    close(name) {
      depth.leave();
      if (skip > 0) {
        skip--;
        return;
      }
      const n = wname(name);
      if (n === null) return;
      const t = tables[tables.length - 1];
      switch (n) {
        case 't':
          inText = false;
          break;
        case 'p':
          if (!t) endBodyParagraph();
          break;
        case 'tc':
          if (t) endCell(t);
          break;
        case 'tr':
          if (t) endRow(t);
          break;
        case 'tbl':
          if (t) endTable();
          break;
        case 'body':
          endBodyParagraph();
          while (tables.length > 0) endTable();
          inBody = false;
          break;
      }
    },
    text(data) {
      if (inText && skip === 0) append(data);
    },
  });
  endBodyParagraph();
  while (tables.length > 0) endTable();
  return sink.result('docx', []);
}
