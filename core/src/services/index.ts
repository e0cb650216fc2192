// Editor features computed from a parsed report: plain data with offsets, no editor or protocol
// types. The language server converts them to LSP; tests call them directly.
export { outline, type OutlineKind, type OutlineNode } from './outline';
export { hoverAt, hoverInfo, type HoverResult } from './hover';
export { inlayHints, type InlayHintData, type InlayOptions } from './inlay';
export { foldingRanges, type FoldingRangeData } from './folding';
export { cellAt, rowLabelAt, cellsInRange, locatedCells, type CellPlace, type RowPlace } from './locate';
export { FIGURES, figureText, noFigures, skippedRow, summaryRow, type FigureId, type SummaryFinding, type SummaryRow } from './summary';
