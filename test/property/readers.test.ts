// The readers on damaged files: mutated bytes of the generated .docx and web pages (and mutated
// XML inside a well-formed zip) either read, into text whose lines all have a source entry, or
// are refused with a ReaderError; nothing else is ever thrown, and the converted text checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { check } from '../../core/src';
import { readPublished, ReaderError, type Converted } from '../../core/src/readers';
import { docxOf, docxOfModel, documentXml, htmlBytes, htmlOfModel, report2021Model } from '../unit/readers-helpers';

const RUNS = Number(process.env.READER_RUNS ?? 300);

const model = report2021Model();
const DOCX = docxOfModel(model);
const XML = documentXml(model);
const HTML = htmlBytes(htmlOfModel(model, { chrome: true, charset: 'gbk' }), 'gbk');

/** Byte edits: overwrite, insert, delete at positions; maybe cut the end. */
const edits = fc.record({
  changes: fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('set', 'insert', 'delete'), byte: fc.integer({ min: 0, max: 255 }), len: fc.integer({ min: 1, max: 64 }) }), { minLength: 1, maxLength: 8 }),
  cut: fc.option(fc.nat(), { nil: undefined }),
});

function mutate(src: Uint8Array, e: { changes: { at: number; op: string; byte: number; len: number }[]; cut?: number }): Uint8Array {
  let b = Array.from(src);
  for (const c of e.changes) {
    const at = b.length === 0 ? 0 : c.at % b.length;
    if (c.op === 'set') for (let k = 0; k < c.len && at + k < b.length; k++) b[at + k] = (c.byte + k * 31) & 255;
    else if (c.op === 'insert') b.splice(at, 0, ...Array.from({ length: c.len }, (_, k) => (c.byte + k) & 255));
    else b.splice(at, c.len);
  }
  if (e.cut !== undefined && b.length > 0) b = b.slice(0, e.cut % b.length);
  return new Uint8Array(b);
}

async function readsOrRefuses(bytes: Uint8Array, name: string): Promise<void> {
  let conv: Converted;
  try {
    conv = await readPublished(bytes, name);
  } catch (err) {
    assert.ok(err instanceof ReaderError, `not a ReaderError: ${err instanceof Error ? err.stack : String(err)}`);
    assert.ok(err.zh.length > 0 && err.en.length > 0);
    return;
  }
  assert.equal(typeof conv.text, 'string');
  const lines = conv.text === '' ? 0 : conv.text.split('\n').length - 1;
  assert.equal(conv.lines.length, lines);
  check(conv.text);
}

describe('readers on mutated files: read or refused with a ReaderError, never another error', () => {
  it('.docx bytes mutated', async () => {
    await fc.assert(fc.asyncProperty(edits, (e) => readsOrRefuses(mutate(DOCX, e), 'r.docx')), { numRuns: RUNS });
  });

  it('document.xml mutated inside a well-formed .docx', async () => {
    const xml = new TextEncoder().encode(XML);
    await fc.assert(fc.asyncProperty(edits, (e) => readsOrRefuses(docxOf(new TextDecoder().decode(mutate(xml, e))), 'r.docx')), { numRuns: RUNS });
  });

  it('web page bytes mutated (GBK)', async () => {
    await fc.assert(fc.asyncProperty(edits, (e) => readsOrRefuses(mutate(HTML, e), 'r.html')), { numRuns: RUNS });
  });

  it('arbitrary bytes under any of the names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('a.docx', 'a.html', 'a.doc', 'a.wps', 'a.pdf', 'a'), async (b, name) => {
        try {
          await readPublished(b, name);
        } catch (err) {
          assert.ok(err instanceof ReaderError, String(err));
        }
      }),
      { numRuns: RUNS },
    );
  });
});
