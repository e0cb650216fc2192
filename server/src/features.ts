// The editor features: core services' plain data turned into LSP results. Positions in and out
// pass through positions.ts (the negotiated encoding); core offsets are UTF-16.
import {
  CodeActionKind,
  FoldingRangeKind,
  InlayHintKind,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { nonOverlapping, safeEdits, type Fix, type Report, type TextEdit as CoreEdit } from '../../core/src';
import { foldingRanges, hoverInfo, inlayHints, outline, type OutlineNode } from '../../core/src/services';
import { findingIndexOf, diagnosticsOf, rangeOf, SOURCE, type Analysis } from './analysis';
import { positions } from './positions';
import type { InlayMode } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.govreport`;

export function hover(a: Analysis, position: Position): Hover | null {
  if (!a.report) return null;
  const offset = positions.offset(a.report.text, a.report.lineIndex, position);
  const info = hoverInfo(a.report, a.findings, offset, a.locale, a.previous);
  if (!info) return null;
  return { contents: { kind: MarkupKind.Markdown, value: info.markdown }, range: rangeOf(a.report, info.start, info.end) };
}

const SYMBOL_KIND: Record<OutlineNode['kind'], SymbolKind> = {
  section: SymbolKind.Namespace,
  table: SymbolKind.Struct,
  block: SymbolKind.Object,
  row: SymbolKind.Field,
};

export function documentSymbols(a: Analysis): DocumentSymbol[] {
  if (!a.report) return [];
  const report = a.report;
  const convert = (n: OutlineNode): DocumentSymbol => {
    const range = rangeOf(report, n.start, Math.max(n.end, n.start));
    // The selection must lie inside the range, or the editor rejects the whole outline.
    const selStart = Math.min(Math.max(n.selStart, n.start), n.end);
    const selEnd = Math.min(Math.max(n.selEnd, selStart), n.end);
    return {
      name: n.name.trim() || '—',
      detail: n.detail,
      kind: SYMBOL_KIND[n.kind],
      range,
      selectionRange: rangeOf(report, selStart, selEnd),
      children: n.children.map(convert),
    };
  };
  const symbols = outline(report, a.locale).map(convert);
  const last = lastYearSymbol(a);
  return last ? [last, ...symbols] : symbols;
}

/**
 * The outline's first entry: which report was taken as last year's for the cross-year rules, or
 * why none was; on the report's first line (its title). None for a text not open in the editor.
 */
function lastYearSymbol(a: Analysis): DocumentSymbol | null {
  const info = a.lastYear;
  const report = a.report;
  if (!info || !report) return null;
  const t = (zh: string, en: string) => (a.locale === 'en' ? en : zh);
  const names: Record<typeof info.state, string> = {
    found: t(`上年报告：${info.label ?? info.uri ?? ''}`, `Last year's report: ${info.label ?? info.uri ?? ''}`),
    none: t('未找到上年报告', "No last year's report found"),
    searching: t('正在查找上年报告', "Looking for last year's report"),
    unidentified: t('上年报告：机关或年度未知', "Last year's report: body or year unknown"),
    off: t('跨年度检查已关闭', 'Cross-year checks off'),
  };
  const text = report.text;
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  const range = rangeOf(report, start, end);
  return {
    name: names[info.state],
    detail: info.state === 'found' ? t('跨年度检查的对照', 'compared with by the cross-year checks') : t('未做跨年度检查', 'no cross-year checks'),
    kind: SymbolKind.File,
    range,
    selectionRange: range,
    children: [],
  };
}

export function inlay(a: Analysis, range: Range, mode: InlayMode): InlayHint[] {
  if (!a.report || mode === 'off') return [];
  const report = a.report;
  if (mode === 'auto' && report.layout !== 'cell-per-line') return [];
  const start = positions.offset(report.text, report.lineIndex, range.start);
  const end = positions.offset(report.text, report.lineIndex, range.end);
  return inlayHints(report, { start, end: Math.max(end, start + 1), allRows: mode === 'on' }).map((h) => ({
    position: positions.position(report.text, report.lineIndex, h.offset),
    label: h.label,
    kind: InlayHintKind.Parameter,
    tooltip: h.tooltip,
    paddingLeft: true,
  }));
}

export function folding(a: Analysis): FoldingRange[] {
  if (!a.report) return [];
  return foldingRanges(a.report).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: FoldingRangeKind.Region }));
}

function lspEdits(report: Report, edits: CoreEdit[]): TextEdit[] {
  return edits.map((e) => ({ range: rangeOf(report, e.start, e.end), newText: e.newText }));
}

/** A workspace edit bound to the version it was computed for, so a stale one is refused. */
export function versionedEdit(a: Analysis, edits: CoreEdit[]): WorkspaceEdit {
  return { documentChanges: [{ textDocument: { uri: a.uri, version: a.version }, edits: lspEdits(a.report!, edits) }] };
}

function wants(only: string[] | undefined, kind: string, byDefault: boolean): boolean {
  if (!only || only.length === 0) return byDefault;
  return only.some((o) => kind === o || kind.startsWith(o + '.'));
}

export function codeActions(a: Analysis, params: CodeActionParams): CodeAction[] {
  if (!a.report) return [];
  const t = (zh: string, en: string) => (a.locale === 'en' ? en : zh);
  const only = params.context.only;
  const out: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix, true)) {
    const rules = new Map<string, Diagnostic[]>();
    for (const d of params.context.diagnostics ?? []) {
      if (d.source !== SOURCE) continue;
      const k = findingIndexOf(a, d);
      if (k < 0) continue;
      const f = a.findings[k];
      const list = rules.get(f.rule) ?? [];
      list.push(d);
      rules.set(f.rule, list);
      if (!f.fix || f.fix.edits.length === 0) continue;
      out.push({
        title: f.fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: f.fix.safe,
        edit: versionedEdit(a, f.fix.edits),
      });
    }
    const diags = diagnosticsOf(a);
    for (const [rule] of rules) {
      const fixes: Fix[] = [];
      const covered: Diagnostic[] = [];
      a.findings.forEach((f, k) => {
        if (f.rule === rule && f.fix && f.fix.edits.length > 0) {
          fixes.push(f.fix);
          covered.push(diags[k]);
        }
      });
      if (fixes.length < 2) continue;
      out.push({
        title: t(`修复全部 ${rule} 问题（${fixes.length} 处）`, `Fix all ${rule} problems (${fixes.length})`),
        kind: CodeActionKind.QuickFix,
        diagnostics: covered,
        edit: versionedEdit(a, nonOverlapping(fixes)),
      });
    }
  }
  if (wants(only, FIX_ALL_KIND, false)) {
    const edits = safeEdits(a.findings);
    if (edits.length > 0) {
      out.push({
        title: t(`修复所有可安全修复的问题（${edits.length} 处）`, `Fix all safely fixable problems (${edits.length})`),
        kind: FIX_ALL_KIND,
        edit: versionedEdit(a, edits),
      });
    }
  }
  return out;
}
