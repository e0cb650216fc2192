// The shape of a format version. A version is data: the parser and the sum rules read it, so a
// new version of the official format is a new data file, not new code.

export type FormatVersion = '2019' | '2021';
export type SectionId = 1 | 2 | 3 | 4 | 5 | 6;
export type TableId = 't2' | 't3' | 't4';

/** count: non-negative integer; signed: integer that may carry +/-/增/减; money: decimal, units allowed. */
export type CellKind = 'count' | 'signed' | 'money';

export interface SectionDef {
  id: SectionId;
  /** Official heading, with its ordinal: "一、总体情况". */
  heading: string;
  /** Keyword groups: a heading matches when every group has at least one keyword in it. */
  keywords: string[][];
  /** Heading variants seen in real reports, without ordinal. Accepted with an information note. */
  variants: string[];
  /** The table this section holds, if any. */
  table?: TableId;
}

export interface ColumnDef {
  id: string;
  /** Name in words, as shown in messages and hovers: "自然人", "行政复议·结果维持". */
  label: string;
  kind: CellKind;
}

export interface RowDef {
  id: string;
  /** Official label text. */
  label: string;
  /** Short name used in messages: "（三）1.属于国家秘密". Defaults to label. */
  name?: string;
  /** Other accepted labels (matched like the official one). */
  aliases?: string[];
  /** A group label: carries no numbers. */
  group?: boolean;
  /** A row with no label (table 四's single data row). */
  unlabeled?: boolean;
  /**
   * The single row another version has in place of this row and its siblings `covers` (2019's
   * （六）其他处理 for 2021's （六）1–3). A report mixing the versions writes it: its values are
   * read here, the covered rows count as 0, and format-version says so.
   */
  foreign?: { version: FormatVersion; label: string; covers: string[] };
}

export interface BlockDef {
  id: string;
  /** Block title, e.g. "第二十条第（一）项"; absent for single-block tables. */
  title?: string;
  /** The Chinese ordinal inside the title ("一", "五"): how the parser recognises the block. */
  ordinal?: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface TableDef {
  id: TableId;
  /** Name in words: "表二（主动公开政府信息情况）". */
  name: string;
  /** English name for English messages: "table 二 (proactive disclosure)". */
  nameEn: string;
  section: SectionId;
  blocks: BlockDef[];
}

export interface CellRef {
  table: TableId;
  block: string;
  row: string;
  column: string;
}

/** Declarative relations, expanded into concrete equations when the format is loaded. */
export type RelationDef =
  | {
      /** Per row: total column = sum of part columns. */
      kind: 'row-sum';
      id: string;
      table: TableId;
      block: string;
      total: string;
      parts: string[];
      /** Rows it applies to; default: every data row of the block. */
      rows?: string[];
    }
  | {
      /** Per column: total row = sum of part rows. */
      kind: 'column-sum';
      id: string;
      table: TableId;
      block: string;
      total: string;
      parts: string[];
      columns?: string[];
    }
  | {
      /** Per column: sum(left rows) = sum(right rows); findings sit on the anchor row. */
      kind: 'balance';
      id: string;
      table: TableId;
      block: string;
      left: string[];
      right: string[];
      anchor: string;
      columns?: string[];
    };

/**
 * A figure the prose of a report states about its tables ("共收到政府信息公开申请7件",
 * "未发生行政复议"). Patterns run on one clause of prose (between ，；。), compacted (no
 * whitespace, full-width ASCII folded); a pattern with `none` states zero, otherwise its first
 * group is the number (Arabic or Chinese numerals).
 */
export interface ProseClaimDef {
  id: string;
  /** What the claim is about, in words: "收到的政府信息公开申请". */
  subject: { zh: string; en: string };
  /** A word every matching clause holds ("申请"): lines without any claim's word are not read. */
  mentions: string;
  patterns: { re: RegExp; none?: boolean }[];
  /**
   * The table figure the number must equal: the sum of these cells. Alternatives are accepted
   * readings (a report may count this year's applications alone, or with last year's carried
   * over); the first is the one named in messages. A "none" claim uses the first alone.
   */
  sums: CellRef[][];
  /** A clause matching this is not the claim ("上年结转的申请均已办结" is about last year's). */
  unless?: RegExp;
  /**
   * The claim holds only where the prose is about this topic (`FormatDef.topics`): the last topic
   * named before the match in its clause, else the one its sentence named in an earlier clause
   * ("行政复议351件，其中结果维持72件"). A clause naming two topics names none.
   */
  topic?: string;
  /**
   * A percentage stated right after the claim ("不予公开5件，占6.17%") is the claim's figure over
   * one of these bases, to the precision written (spec §5, prose-percent).
   */
  percentOf?: CellRef[][];
}

/** What a sentence is about, for claims that depend on it (the outcomes of reviews and of lawsuits). */
export interface ProseTopicDef {
  id: string;
  /** Global: every occurrence in a clause. */
  re: RegExp;
}

export interface FormatDef {
  version: FormatVersion;
  /** The document that set the format. */
  source: string;
  /** Report years this version applies to (inclusive; `to` absent = onward). */
  years: { from: number; to?: number };
  sections: SectionDef[];
  tables: TableDef[];
  relations: RelationDef[];
  /** Phrases (compacted: NFKC, no whitespace) whose presence indicates this version. */
  markers: string[];
  /** Figures the prose states that the tables must agree with (spec §5, text-vs-table). */
  claims: ProseClaimDef[];
  /** The topics claims may depend on (`ProseClaimDef.topic`). */
  topics: ProseTopicDef[];
  /** A percentage in a clause ("占36.5%"): its first group is the number; it holds `mentions`. */
  percent: { re: RegExp; mentions: string };
}
