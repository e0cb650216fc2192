import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, check } from '../../../core/src';
import { findingsOf, otherRules, ref, report2021, seed, setCell } from '../helpers';

const RULE = 'sum-mismatch';

describe(RULE, () => {
  const t = report2021('tabs');

  it('a changed leaf is one finding on that cell, not a row and a column finding', () => {
    const text = setCell(t, ref('t3', 'main', 'r1', 'natural'), '21');
    assert.deepEqual(findingsOf(text, RULE), ['28:9 error sum-mismatch （一）予以公开·自然人 应为 20（本行总计、（七）总计同时成立所需），实为 21']);
    assert.deepEqual(otherRules(text, RULE), []);
    assert.deepEqual(findingsOf(text, 'balance-mismatch'), []);
  });

  it('a changed （七）总计 cell breaks three relations and is reported once', () => {
    const text = setCell(t, ref('t3', 'main', 'r7', 'natural'), '41');
    assert.deepEqual(findingsOf(text, RULE), ['53:7 error sum-mismatch （七）总计·自然人 应为 40（本行总计、（七）总计、勾稽关系同时成立所需），实为 41']);
    assert.deepEqual(otherRules(text, RULE), []);
  });

  it('T4-group: a wrong total, and a blank total with non-zero parts', () => {
    const wrong = setCell(t, ref('t4', 'main', 'cases', 'review_total'), '5');
    assert.deepEqual(findingsOf(wrong, RULE), ['58:9 error sum-mismatch 行政复议·总计 应为 4（结果维持 + 结果纠正 + 其他结果 + 尚未审结 之和），实为 5']);
    const blank = setCell(t, ref('t4', 'main', 'cases', 'review_total'), '/');
    assert.deepEqual(findingsOf(blank, RULE), ['58:9 error sum-mismatch 行政复议·总计 应为 4（结果维持 + 结果纠正 + 其他结果 + 尚未审结 之和），实为 空']);
    assert.deepEqual(otherRules(blank, RULE), ['blank-cell']);
  });

  it('two wrong cells in one row: each broken total is reported on its total cell', () => {
    const text = setCell(setCell(t, ref('t3', 'main', 'r1', 'natural'), '21'), ref('t3', 'main', 'r1', 'business'), '4');
    assert.deepEqual(findingsOf(text, RULE), [
      '28:22 error sum-mismatch （一）予以公开·总计 应为 28（自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 之和），实为 26',
      '53:7 error sum-mismatch （七）总计·自然人 应为 41（（一）予以公开 至 （六）3.其他 共 21 项之和），实为 40',
      '53:10 error sum-mismatch （七）总计·商业企业 应为 6（（一）予以公开 至 （六）3.其他 共 21 项之和），实为 5',
    ]);
  });

  it('in the one-cell-per-line layout (seed 003) and the tab layout (seed 002)', () => {
    const one = setCell(seed('003'), ref('t3', 'main', 'r1', 'natural'), '5');
    assert.deepEqual(findingsOf(one, RULE), ['119:3 error sum-mismatch （一）予以公开·自然人 应为 0（本行总计、（七）总计同时成立所需），实为 5']);
    const tabs = setCell(seed('002'), ref('t3', 'main', 'r7', 'total'), '3');
    assert.deepEqual(findingsOf(tabs, RULE), ['75:14 error sum-mismatch （七）总计·总计 应为 0（本行总计、（七）总计、勾稽关系同时成立所需），实为 3']);
  });

  it('related information lists every other cell of the relation with its value', () => {
    const text = setCell(t, ref('t4', 'main', 'cases', 'review_total'), '5');
    const f = check(text).findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(f.related!.map((r) => r.message), ['行政复议·结果维持 = 2', '行政复议·结果纠正 = 1', '行政复议·其他结果 = 0', '行政复议·尚未审结 = 1']);
  });

  it('beside one wrong cell, only the totals it breaks; beside a long sum, its parts that are not zero', () => {
    const leaf = check(setCell(t, ref('t3', 'main', 'r1', 'natural'), '21')).findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(leaf.related!.map((r) => r.message), ['（一）予以公开·总计 = 26', '（七）总计·自然人 = 40']);
    const total = check(setCell(t, ref('t3', 'main', 'r7', 'natural'), '41')).findings.find((x) => x.rule === RULE)!;
    assert.deepEqual(total.related!.map((r) => r.message), ['（七）总计·总计 = 49', '一、本年新收申请·自然人 = 41', '二、上年结转申请·自然人 = 1', '四、结转下年度继续办理·自然人 = 2']);
    // Two wrong leaves in one column: （七）总计·自然人 is reported with the leaves that are not 0.
    const two = setCell(setCell(t, ref('t3', 'main', 'r1', 'natural'), '21'), ref('t3', 'main', 'r1', 'business'), '4');
    const column = check(two).findings.find((x) => x.rule === RULE && x.message.startsWith('（七）总计·自然人'))!;
    assert.ok(column.related!.length < 21 && column.related!.every((r) => !r.message.endsWith(' = 0')), column.related!.map((r) => r.message).join('\n'));
  });

  it('an unreadable cell does not set off sum findings', () => {
    const text = setCell(t, ref('t3', 'main', 'r1', 'natural'), '二十');
    assert.deepEqual(findingsOf(text, RULE), []);
    assert.deepEqual(otherRules(text, RULE), ['non-numeric-cell']);
  });

  it('the suggested fix makes the report clean', () => {
    for (const mutated of [setCell(t, ref('t3', 'main', 'r7', 'natural'), '41'), setCell(t, ref('t4', 'main', 'cases', 'review_total'), '5')]) {
      const f = check(mutated).findings.find((x) => x.rule === RULE)!;
      assert.equal(f.fix!.safe, false);
      assert.deepEqual(check(applyEdits(mutated, f.fix!.edits)).findings, []);
    }
  });
});
