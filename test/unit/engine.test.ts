import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, cellKey, check, equationsOf, fixAll, INTERNAL_ERROR, relationTally, RULE_META, RULES, type Rule } from '../../core/src';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ref, report2021, SEED_NAMES, seed, setCell } from './helpers';

describe('engine', () => {
  it('a rule that throws is contained: one internal-error finding, the other rules still report', () => {
    const boom: Rule = {
      meta: { id: 'boom', description: { zh: '测试', en: 'test' }, defaultSeverity: 'error', fix: 'none' },
      check() {
        throw new Error('kaput');
      },
    };
    const { findings } = check(seed('000'), { ruleSet: [boom, ...RULES] });
    assert.deepEqual(findings.map((f) => f.rule), [INTERNAL_ERROR, 'number-format', 'number-format', 'number-format']);
    assert.match(findings[0].message, /规则 boom 内部出错，已跳过：Error: kaput/);
  });

  it('rule settings: off removes a rule, a severity overrides the default', () => {
    assert.deepEqual(check(seed('000'), { rules: { 'number-format': 'off' } }).findings, []);
    const errs = check(seed('000'), { rules: { 'number-format': 'error' } }).findings;
    assert.deepEqual(errs.map((f) => f.severity), ['error', 'error', 'error']);
  });

  it('rule metadata: unique kebab-case ids, both languages, valid severities', () => {
    const ids = RULE_META.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const m of RULE_META) {
      assert.match(m.id, /^[a-z]+(-[a-z]+)*$/);
      assert.ok(m.description.zh && m.description.en);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(m.defaultSeverity));
    }
  });

  it('fixes travel only as rule metadata says: none from a "none" rule, "safe" only from a "safe" rule', () => {
    const fixOf = new Map(RULE_META.map((m) => [m.id, m.fix]));
    const texts: [string, string][] = [];
    const fixtures = join(__dirname, '..', 'fixtures');
    for (const dir of ['reports', 'pdf-text', 'web-text']) {
      for (const f of readdirSync(join(fixtures, dir))) if (f.endsWith('.txt')) texts.push([`${dir}/${f}`, readFileSync(join(fixtures, dir, f), 'utf8')]);
    }
    for (const name of SEED_NAMES) texts.push([name, seed(name.slice(0, 3))]);
    // Texts with fixable slips: full-width digits, a variant heading, thousands separators.
    const base = report2021('tabs');
    texts.push(['full-width', base.replace(/\t(\d)\t/g, (_, d: string) => `\t${String.fromCharCode(0xff10 + Number(d))}\t`)]);
    texts.push(['variant heading', base.replace('六、其他需要报告的事项', '六、其他需要报告事项')]);
    let fixes = 0;
    let safe = 0;
    for (const [name, text] of texts) {
      for (const f of check(text).findings) {
        const kind = fixOf.get(f.rule);
        if (f.fix) fixes++;
        if (f.fix?.safe) safe++;
        if (kind === 'none') assert.equal(f.fix, undefined, `${name}: ${f.rule} (fix: none) gave a fix`);
        if (f.fix?.safe) assert.equal(kind, 'safe', `${name}: ${f.rule} (fix: ${kind}) gave a safe fix`);
      }
    }
    // The texts exercise fixes at all (else the test could not fail).
    assert.ok(fixes > 0 && safe > 0, `${fixes} fixes, ${safe} safe`);
  });

  it('applyEdits skips overlapping edits and keeps the rest', () => {
    assert.equal(applyEdits('abcdef', [{ start: 1, end: 3, newText: 'X' }, { start: 2, end: 4, newText: 'Y' }, { start: 5, end: 5, newText: 'Z' }]), 'aXdeZf');
  });

  it('fixAll is idempotent and keeps CRLF line ends', () => {
    const crlf = seed('000').replace(/\n/g, '\r\n');
    const once = fixAll(crlf).text;
    assert.equal(fixAll(once).text, once);
    assert.equal(once.split('\r\n').length, crlf.split('\r\n').length);
    assert.equal(/[^\r]\n/.test(once), false);
  });

  it('English locale gives English messages', () => {
    const text = report2021('tabs').replace('规章\t0\t0\t3', '规章\t0\t0');
    const f = check(text, { locale: 'en' }).findings[0];
    assert.equal(f.message, '「规章」 has 2 values, expected 3 (missing: 现行有效件数)');
  });
});

describe('relationTally', () => {
  it('a clean report: every relation holds; a text cell leaves exactly its relations unchecked; a wrong total fails', () => {
    const clean = report2021('tabs');
    const all = relationTally(check(clean).report);
    assert.ok(all.total > 20, `relations of the 2021 format: ${all.total}`);
    assert.deepEqual(all, { total: all.total, holding: all.total, failing: 0, unchecked: 0 });

    // 自然人 of （一）予以公开 is a term of its row's total and of its column's sum (（七）总计):
    // those two relations cannot be judged, and nothing else changes.
    const r1 = ref('t3', 'main', 'r1', 'natural');
    const withText = relationTally(check(setCell(clean, r1, '二十')).report);
    const through = equationsOf(check(clean).report.format).filter((eq) => eq.terms.some((t) => t.key === cellKey(r1))).length;
    assert.ok(through >= 2);
    assert.deepEqual(withText, { total: all.total, holding: all.total - through, failing: 0, unchecked: through });

    const wrong = relationTally(check(setCell(clean, r1, '21')).report);
    assert.equal(wrong.unchecked, 0);
    assert.equal(wrong.failing, through);
  });
});
