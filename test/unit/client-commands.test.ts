// The commands as a user finds them (issue 16): titles that 检查 and 年报 find in any UI language,
// and the command ids the client registers for links and buttons.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname ?? __dirname, '..', '..');
const json = (p: string) => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));

test('the validate commands carry the Chinese words in English and the English words nowhere else', () => {
  const en = json('package.nls.json') as Record<string, string>;
  const zh = json('package.nls.zh-cn.json') as Record<string, string>;
  assert.equal(en['command.validate'], 'Validate Current Report (检查当前年报)');
  assert.equal(en['command.validateWorkspace'], 'Validate All Reports in Workspace (检查工作区全部年报)');
  for (const key of ['command.validate', 'command.validateWorkspace']) {
    for (const word of ['检查', '年报']) {
      assert.ok(en[key].includes(word), `${key} (en) lacks ${word}`);
      assert.ok(zh[key].includes(word), `${key} (zh) lacks ${word}`);
    }
  }
  for (const key of ['command.showTables', 'command.showTablesAsText', 'command.restartServer']) assert.ok(en[key].includes('年报'), key);
});

test('commands run from links and buttons are registered by the client', () => {
  const src = ['client/src/extension.ts', 'client/src/commands.ts', 'client/src/ruleDocs.ts', 'client/src/encodingOffer.ts'].map((p) => readFileSync(join(ROOT, p), 'utf8')).join('\n');
  for (const id of ['govreport.showRule', 'govreport.reopenWithEncoding', 'govreport.openProblems', 'govreport.showTablesAsText']) {
    assert.ok(src.includes(`'${id}'`), id);
  }
});
