// Markup events for the DOCX and HTML readers: htmlparser2's tokenizer (a state machine, linear in
// its input), turned into open / close / text events with attributes and entities decoded. The
// tokenizer alone, not htmlparser2's Parser: the Parser keeps a stack of open elements with
// `unshift` and `indexOf`, which makes deep nesting quadratic (100,000 nested <div>s: 28 s;
// 30,000 stray close tags under 30,000 open ones: 6 s). The readers need no element tree, only
// where blocks, tables, rows and cells begin and end, and they keep their own bounded depth.
import { Tokenizer } from 'htmlparser2';
import { ReaderError } from './types';

export interface MarkupHandler {
  /** An element opened (`name` lower-cased in HTML, as written in XML); `selfClosing` in XML `<a/>`. */
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  /** An element closed (also right after `open` for a self-closing XML element). */
  close(name: string): void;
  /** Text, entities decoded (in pieces: a run of text may arrive as several calls). */
  text(data: string): void;
}

/**
 * Feeds `source` through the tokenizer. HTML mode knows raw-text elements (script, style, title,
 * textarea): their content arrives as text of that element, and the handler skips what it does
 * not want. XML mode reads CDATA as text; comments, processing instructions and declarations
 * are dropped in both.
 */
export function scanMarkup(source: string, xmlMode: boolean, h: MarkupHandler): void {
  let tagName = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  let inOpenTag = false;
  const slice = (s: number, e: number) => source.slice(s, e);
  const finishOpen = (selfClosing: boolean) => {
    if (!inOpenTag) return;
    inOpenTag = false;
    const name = tagName;
    h.open(name, attrs, selfClosing);
    if (selfClosing) h.close(name);
  };
  const tokenizer = new Tokenizer(
    { xmlMode, decodeEntities: true, recognizeSelfClosing: xmlMode },
    {
      onattribdata(s, e) {
        attrValue += slice(s, e);
      },
      onattribentity(cp) {
        attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (!Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValue;
        attrValue = '';
      },
      onattribname(s, e) {
        attrName = xmlMode ? slice(s, e) : slice(s, e).toLowerCase();
        attrValue = '';
      },
      oncdata(s, e) {
        h.text(slice(s, e));
      },
      onclosetag(s, e) {
        h.close(xmlMode ? slice(s, e) : slice(s, e).toLowerCase());
      },
      oncomment() {},
      ondeclaration() {},
      onend() {},
      onopentagend() {
        finishOpen(false);
      },
      onopentagname(s, e) {
        tagName = xmlMode ? slice(s, e) : slice(s, e).toLowerCase();
        attrs = {};
        inOpenTag = true;
      },
      onprocessinginstruction() {},
      onselfclosingtag() {
        finishOpen(true);
      },
      ontext(s, e) {
        h.text(slice(s, e));
      },
      ontextentity(cp) {
        h.text(String.fromCodePoint(cp));
      },
    },
  );
  tokenizer.write(source);
  tokenizer.end();
}

/**
 * Element depth kept by a reader, bounded: opening an element deeper than `max` throws
 * ReaderError(`code`), so no structure a reader follows is deeper than the limit.
 */
export class DepthGuard {
  depth = 0;
  constructor(
    private readonly max: number,
    private readonly code: string,
    private readonly what: { zh: string; en: string },
  ) {}
  enter(): void {
    if (++this.depth > this.max) {
      throw new ReaderError(this.code, `${this.what.zh}嵌套超过 ${this.max} 层，无法读取`, `${this.what.en} nested deeper than ${this.max} elements; not read`);
    }
  }
  leave(): void {
    if (this.depth > 0) this.depth--;
  }
}
