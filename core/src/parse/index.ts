// The parser: text → Report, in stages, each a module of this folder (data flows in this order):
//   scan      line helpers shared by the stages (lines holding ideographs, regions, trimming)
//   sections  the six section headings: ordinal + keywords, exact wordings, wrapped headings
//   version   the report year and the format version (marker phrases, the year, an override)
//   fields    the text layout reader: a line into fields (tabs, pipes, runs of spaces), value
//             tests, and the candidate label of a line (a `Candidate`: label + value fields);
//             `wrapped` joins labels wrapped over lines, `paragraphs` reads one paragraph per cell
//   align     label scoring and the alignment of candidates to the template's rows
//   rows      a matched row's values: inline, or one cell per line below it; cells made
//   tables    each table of the format read in its section's region (labelled tables 二/三,
//             the unlabelled value row of 四), and the layout of the report
// A new layout reader (PDF text, a PDF/DOCX/HTML file) produces `Candidate`s — a label with its
// source range and the source ranges of its values — for `align` and `rows`; nothing else of the
// parser needs to change (ARCHITECTURE.md). Every step is linear in the text (the alignment costs
// candidates × rows, and rows are a fixed, small number).
import { FORMATS } from '../formats';
import { type FormatVersion } from '../formats/types';
import { ParsedReport, type Report } from '../model';
import { LineIndex, splitLines } from '../text';
import { findSections } from './sections';
import { layoutOf, readTables } from './tables';
import { chooseVersion, countMarkers, findYear } from './version';

export interface ParseOptions {
  /** Force a format version instead of detecting it. */
  formatVersion?: 'auto' | FormatVersion;
}

export function parseReport(text: string, options: ParseOptions = {}): Report {
  const lines = splitLines(text);
  const sections = findSections(text, lines);
  const { year, yearSource, titleLine } = findYear(text, lines);
  const markers = countMarkers(text, sections);
  const { formatVersion, versionSource } = chooseVersion(markers, year, options.formatVersion);
  const report = new ParsedReport({
    text,
    lines,
    lineIndex: new LineIndex(text, lines),
    format: FORMATS[formatVersion],
    formatVersion,
    versionSource,
    markers,
    year,
    yearSource,
    titleLine,
    layout: 'none',
    sections,
    tables: {},
    unread: {},
    cellsBySlot: [],
    cellOrder: [],
  });
  readTables(report);
  report.layout = layoutOf(report);
  return report;
}
