// `govreport`: the command-line checker. A thin shell over the engine: read files, check, print.
import { lstatSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { BinaryFileError, check, FORMAT_VERSIONS, decode, encode, fixAll, parseReport, renderTables, roundTrips, RULE_META, type CheckOptions, type CheckResult, type Decoded, type ReviewerOptions, type Finding, type FormatVersion, type Locale, type Report, type RuleSetting } from '../../core/src';
import { describeSource, extensionOf, isPdfjsLeftover, isReaderError, OLD_BINARY_EXTENSIONS, PUBLISHED_EXTENSIONS, sourceAt } from '../../core/src/readers/source';
import { DEFAULT_READER_LIMITS, type Converted, type SourceLocation } from '../../core/src/readers/types';
import { DEFAULT_MAX_FILE_SIZE, FileSkipped, kindOf, readRegularFileSync, replaceFileSync, writeRefusal, type FileKind, type FileRead } from '../../host/src/files';
import { NODE_READER_LIMITS } from '../../host/src/inflate';
import { readPublishedFile } from '../../host/src/pdfWorker';
import { walkFolder, type WalkOptions, type WalkVisitor } from '../../host/src/walk';
import { fileResult, formatJson, formatSarif, skippedResult, TextReport, type FileResult, type SkipReason, type TextCounts } from './format';
import { csvRows, csvSkipped, formatCsv, type Row } from './csv';
import { skippedRow, summaryRow, writeSummary, type SummaryRow } from './summary';
import { YearPairs, type PreviousFile } from './pairing';
import { DEFAULT_MAX_THREADS, MAX_JOBS, MIN_CORES, PARALLEL_MIN, Pool, PUBLISHED_WEIGHT, serve, TASK_FILES, WORKER, WorkerLost } from './parallel';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `用法 / Usage:
  govreport check [--format text|json|sarif|csv] [--format-version auto|2019|2021] [--fix] [--ext txt,pdf,docx,html,htm] [--max-file-size BYTES] [--locale zh|en] [--rule ID=SEVERITY]... [--previous FILE | --no-last-year] [--body-kind auto|government|department] [--deadline KIND=MM-DD]... [--require-date] [--jobs N] PATH...
  govreport show [--format-version auto|2019|2021] FILE
  govreport convert FILE [-o OUT]
  govreport summary [--html OUT] [--csv OUT] [check's options] PATH...
  govreport rules
  govreport --help | --version

check   检查报告（文本、PDF、Word .docx、网页 .html/.htm）；目录中查找 --ext 所列扩展名的文件。
        退出码：0 无错误，1 有错误，2 用法或读写问题。
        Checks reports (text, PDF, Word .docx, web pages .html/.htm); directories are searched for the
        extensions of --ext. Exit 0: no errors, 1: errors, 2: usage or I/O problem.
--ext   目录中查找的扩展名（默认 txt,pdf,docx,html,htm）。 Extensions searched for in directories (default txt,pdf,docx,html,htm).
--fix   就地应用安全修复（仅文本文件），保持文件编码、换行符、权限和所有者；符号链接写入其指向的文件。
        只读文件、有多个硬链接的文件和无法逐字节还原的文件不修改（退出码 2）。
        Applies safe fixes in place (text files only), keeping encoding, line ends, mode and owner; a
        symbolic link is written through to its target. Read-only files, files with other hard links
        and files that do not round-trip byte for byte are left alone (exit 2).
--max-file-size BYTES  跳过大于此字节数的文件（默认：文本 5000000，PDF/Word/网页 50000000）。
        Skips files larger than this (default: 5000000 for text, 50000000 for PDF, Word and web pages).
--jobs N  同时检查文件的线程数（check、summary），输出与逐个检查完全相同。默认：有 ${MIN_CORES} 个或更多处理器核、
        文件达 ${PARALLEL_MIN} 个（一个 PDF、Word 或网页文件算 ${PUBLISHED_WEIGHT} 个）时为核数（最多 ${DEFAULT_MAX_THREADS}），否则 1。
        Threads checking files at once (check, summary); the output is the same byte for byte.
        Default: with ${MIN_CORES} cores or more and ${PARALLEL_MIN} files or more (a PDF, Word or web page
        file counting ${PUBLISHED_WEIGHT}), the number of cores (at most ${DEFAULT_MAX_THREADS}); else 1.
--rule  调整规则：off 关闭，或指定级别（可重复）。 Turns a rule off or sets its severity (repeatable):
        --rule section-heading=off --rule blank-cell=error
--follow-symlinks  进入目录中指向别处的符号链接。 Follow symbolic links found inside directories.
--previous FILE  以 FILE 作为上年报告，做跨年度检查（上年结转、现行有效件数、重复文字、大幅变化）。不指定时，
        一起检查的报告按机关和连续年份自动配对。
        Takes FILE as last year's report for the cross-year checks. Without it, the reports checked
        together are paired by body and consecutive years.
--no-last-year  不配对上年报告，不做跨年度检查。 No pairing with last year's reports: no cross-year checks.
--body-kind government|department  发布期限检查（publication-deadline）按此机关类型，不按标题判断。
        The kind of body publication-deadline assumes, instead of the one read from the title.
--deadline government=MM-DD | department=MM-DD  次年的公开期限（默认 government=03-31、department=01-31），可重复。
        The deadline in the following year (default government=03-31, department=01-31); repeatable.
--require-date  没有落款日期的报告也给出提示。 A report with no dated signature gets an information finding too.
show    按引擎的理解打印三张表。 Prints the three tables as the engine understood them.
convert 把 PDF、Word 或网页转换为制表符分隔的文本（UTF-8），写入 OUT 或标准输出。
        Writes a PDF, Word document or web page as tab-separated text (UTF-8) to OUT or stdout.
rules   列出规则。 Lists the rules.
--format csv  每个问题一行（UTF-8 带 BOM，Excel 可直接打开）：文件、机关、年度、版本、规则、级别、表、行、列、写明、应为、说明。
        One row per finding (UTF-8 with BOM, for Excel): file, body, year, version, rule, severity,
        table, row, column, written, expected, message.
summary 每份报告一行：机关、年度、版本、错误/警告/提示数和主要数字（本年新收、办结、结转、复议、诉讼、公开率）；
        --html OUT 写一个独立的网页（可排序，每行展开为问题），--csv OUT 写 CSV。
        One row per report: body, year, version, counts and key figures; --html OUT writes one
        self-contained page (sortable, each row opening to its findings), --csv OUT a CSV.
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

export async function main(argv: string[], io: CliIO): Promise<number> {
  // The worker threads of a batch (--jobs), stopped however the command ends.
  const pools: Pool<WorkerTask, unknown>[] = [];
  try {
    return await run(argv, io, pools);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`govreport: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`govreport: ${(err as Error).message}\n`);
    return 2;
  } finally {
    await Promise.all(pools.map((p) => p.close()));
  }
}

async function run(argv: string[], io: CliIO, pools: Pool<WorkerTask, unknown>[] = []): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        'format-version': { type: 'string', default: 'auto' },
        fix: { type: 'boolean', default: false },
        locale: { type: 'string' },
        'follow-symlinks': { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        jobs: { type: 'string' },
        ext: { type: 'string' },
        output: { type: 'string', short: 'o' },
        html: { type: 'string' },
        csv: { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        previous: { type: 'string' },
        'no-last-year': { type: 'boolean', default: false },
        'body-kind': { type: 'string' },
        deadline: { type: 'string', multiple: true, default: [] },
        'require-date': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const fv = values['format-version'];
  const choices = ['auto', ...FORMAT_VERSIONS];
  if (!choices.includes(fv!)) throw new UsageError(`--format-version 须为 ${choices.join('、')} / must be ${choices.join(', ')}: ${fv}`);
  const formatVersion = fv as 'auto' | FormatVersion;
  const locale: Locale = (values.locale ?? (/^en/i.test(io.env.LANG ?? '') && !/^zh/i.test(io.env.LANG ?? '') ? 'en' : 'zh')) === 'en' ? 'en' : 'zh';
  if (values.locale && !['zh', 'en'].includes(values.locale)) throw new UsageError(`--locale 须为 zh 或 en / must be zh or en: ${values.locale}`);

  const rules: Record<string, RuleSetting> = {};
  for (const spec of values.rule ?? []) {
    const m = /^([a-z-]+)=(off|error|warning|information|hint)$/.exec(spec);
    if (!m || !RULE_META.some((r) => r.id === m[1])) throw new UsageError(`--rule 须为 规则=off|error|warning|information|hint / must be RULE=off|error|warning|information|hint: ${spec}`);
    rules[m[1]] = m[2] as RuleSetting;
  }

  // The reviewer's settings (publication-deadline), as the editor's govreport.reviewer.*.
  const reviewer: ReviewerOptions = {};
  const kind = values['body-kind'];
  if (kind !== undefined) {
    if (kind !== 'auto' && kind !== 'government' && kind !== 'department') throw new UsageError(`--body-kind 须为 auto、government 或 department / must be auto, government or department: ${kind}`);
    reviewer.bodyKind = kind;
  }
  for (const spec of values.deadline ?? []) {
    const m = /^(government|department)=(\d{1,2})-(\d{1,2})$/.exec(spec);
    if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31) throw new UsageError(`--deadline 须为 government=MM-DD 或 department=MM-DD / must be government=MM-DD or department=MM-DD: ${spec}`);
    (reviewer.deadlines ??= {})[m[1] as 'government' | 'department'] = `${m[2]}-${m[3]}`;
  }
  if (values['require-date']) reviewer.requireDate = true;
  if (values['no-last-year'] && values.previous !== undefined) throw new UsageError('--previous 与 --no-last-year 不能同时使用 / --previous and --no-last-year exclude each other');

  // An empty argument would resolve to the current folder: `--fix ""` must not fix all of it.
  if (positionals.some((p) => p === '')) throw new UsageError('路径不能为空 / empty PATH');
  let maxBytes = DEFAULT_MAX_FILE_SIZE;
  let maxPublishedBytes = DEFAULT_READER_LIMITS.maxInputBytes;
  const mfs = values['max-file-size'];
  if (mfs !== undefined) {
    if (!/^[1-9]\d*$/.test(mfs) || !Number.isSafeInteger(Number(mfs))) throw new UsageError(`--max-file-size 须为正整数（字节） / must be a positive whole number of bytes: ${mfs}`);
    maxBytes = Number(mfs);
    maxPublishedBytes = maxBytes;
  }
  const jobs = values.jobs;
  if (jobs !== undefined && (!/^[1-9]\d*$/.test(jobs) || Number(jobs) > MAX_JOBS)) throw new UsageError(`--jobs 须为 1 至 ${MAX_JOBS} 的整数 / must be a whole number from 1 to ${MAX_JOBS}: ${jobs}`);
  const extensions = new Set(DEFAULT_EXTENSIONS);
  if (values.ext !== undefined) {
    const list = values.ext.split(',').map((e) => e.trim().replace(/^\./, '').toLowerCase());
    if (list.some((e) => !/^[a-z0-9]+$/.test(e))) throw new UsageError(`--ext 须为逗号分隔的扩展名，如 txt,docx / must be extensions separated by commas, e.g. txt,docx: ${values.ext}`);
    extensions.clear();
    for (const e of list) extensions.add(e);
  }
  if (values.output !== undefined && command !== 'convert') throw new UsageError('-o 只用于 convert / -o is for convert only');
  if ((values.html !== undefined || values.csv !== undefined) && command !== 'summary') throw new UsageError('--html、--csv 只用于 summary / --html and --csv are for summary only');
  if (command === 'summary' && (values.fix || values.format !== 'text')) throw new UsageError('summary 不接受 --fix、--format / summary takes neither --fix nor --format');
  if (values.html === '' || values.csv === '') throw new UsageError('路径不能为空 / empty OUT');

  switch (command) {
    case 'rules': {
      for (const m of RULE_META) io.stdout(`${m.id.padEnd(18)} ${m.defaultSeverity.padEnd(12)} ${m.fix.padEnd(9)} ${locale === 'en' ? m.description.en : m.description.zh}\n`);
      return 0;
    }
    case 'show': {
      if (positionals.length !== 1) throw new UsageError('show 需要一个文件 / show takes one file');
      const file = resolve(io.cwd, positionals[0]);
      const text = isPublishedName(file) ? (await readConverted(file, maxPublishedBytes)).text : readReport(file, maxBytes).text;
      const { report } = check(text, { formatVersion, locale });
      io.stdout(renderTables(report));
      return 0;
    }
    case 'convert': {
      if (positionals.length !== 1) throw new UsageError('convert 需要一个文件 / convert takes one file');
      const file = resolve(io.cwd, positionals[0]);
      const out = values.output === undefined ? undefined : resolve(io.cwd, values.output);
      if (values.output === '') throw new UsageError('路径不能为空 / empty OUT');
      if (out !== undefined && sameFile(file, out)) throw new UsageError('OUT 不能是输入文件 / OUT must not be the input file');
      let text: string;
      if (isPublishedName(file)) {
        const conv = await readConverted(file, maxPublishedBytes);
        for (const n of conv.notes) io.stderr(`govreport: ${display(io.cwd, file)}: ${n.message.zh} / ${n.message.en}\n`);
        text = conv.text;
      } else text = readReport(file, maxBytes).text;
      if (out === undefined) io.stdout(text);
      else {
        try {
          writeFileSync(out, text);
        } catch (err) {
          throw new Error(`${display(io.cwd, out)}: 无法写入 / cannot write: ${describeIoError(err)}`);
        }
      }
      return 0;
    }
    case 'check':
    case 'summary':
      break;
    default:
      throw new UsageError(`未知命令 / unknown command: ${command}`);
  }
  const format = values.format;
  if (!['text', 'json', 'sarif', 'csv'].includes(format!)) throw new UsageError(`--format 须为 text、json、sarif 或 csv / must be text, json, sarif or csv: ${format}`);
  if (positionals.length === 0) throw new UsageError('缺少路径 / no PATH given');

  let ioProblem = false;
  const problem = (msg: string) => {
    ioProblem = true;
    io.stderr(`govreport: ${msg}\n`);
  };
  const files = collectFiles(positionals, io.cwd, values['follow-symlinks']!, extensions, problem, (msg) => io.stderr(`govreport: ${msg}\n`));
  const job: CheckJob = { cwd: io.cwd, fix: values.fix!, maxBytes, maxPublishedBytes, options: { formatVersion, locale, rules, reviewer } };
  const out: OutputKind = { command, format: format!, locale };
  // Many files: checked by worker threads (from the pairing on: they convert the PDFs, Word
  // documents and web pages to pair), the output made here in the files' order.
  const threads = threadsFor(files, jobs === undefined ? undefined : Number(jobs));
  const pool = threads > 1 ? startPool(threads, files, job, out, values.previous, io.env.GOVREPORT_TEST_WORKER_CRASH) : undefined;
  if (pool) pools.push(pool);
  // Last year's reports: --previous, or the files given paired by body and year (cross-year rules).
  const years = await yearPairs(files, job, values.previous, values['no-last-year']);
  // Text is written as the files are checked, in pieces of OUTPUT_PIECE characters or more (one
  // write each: a write to a pipe costs a system call), so a batch keeps no findings until the
  // end; JSON and SARIF are one document, made at the end.
  const text = format === 'text' && command === 'check' ? new TextReport(locale) : undefined;
  // csv and summary: a row per finding, a row per report, written at the end.
  const csv: ReturnType<typeof csvRows> = [];
  const summaries: SummaryRow[] = [];
  let pending = '';
  const results: FileResult[] = [];
  let errors = false;
  /** Takes one file's piece of the output (made here or by a worker), in the files' order. */
  const take = (p: FilePiece) => {
    for (const m of p.messages) {
      if (m.problem) ioProblem = true;
      io.stderr(`govreport: ${m.text}\n`);
    }
    const sk = p.skipped;
    if (sk) {
      // A skipped file is part of the output: a line of the text, an entry of the JSON, a
      // notification of the SARIF run (and, beside those two, a line on stderr).
      if (sk.problem) ioProblem = true;
      if (text) pending += text.skipped(sk.shown, sk.reason, sk.message);
      else {
        io.stderr(`govreport: ${sk.shown}: ${sk.message}\n`);
        if (command === 'summary') summaries.push(skippedRow(sk.shown, sk.reason, sk.message));
        else if (format === 'csv') csv.push(csvSkipped(sk.shown, sk.reason, sk.message));
        else results.push(skippedResult(sk.shown, sk.file, sk.reason, sk.message, sk.problem));
      }
      return;
    }
    if (p.error) errors = true;
    if (p.row) summaries.push(p.row);
    else if (p.csv) csv.push(...p.csv);
    else if (p.result) results.push(p.result);
    else if (p.text && text) {
      text.add(p.text.counts);
      pending += p.text.out;
      if (pending.length >= OUTPUT_PIECE) {
        io.stdout(pending);
        pending = '';
      }
    }
  };
  if (pool) await checkInWorkers(pool, files, years, job, out, take);
  else {
    for (let k = 0; k < files.length; k++) {
      // Text files are checked without a promise in between (the loop stays as fast as it was).
      const p = checkOne(k, files, years, job, out);
      take(p instanceof Promise ? await p : p);
    }
  }
  if (command === 'summary') {
    if (!writeSummary(summaries, { html: values.html, csv: values.csv, cwd: io.cwd, locale, version: VERSION }, io)) return 2;
  } else if (format === 'csv') io.stdout(formatCsv(csv, locale));
  else io.stdout(text ? pending + text.summary() : format === 'json' ? formatJson(results) : formatSarif(results, VERSION, locale, !ioProblem));
  if (ioProblem) return 2;
  return errors ? 1 : 0;
}

/** Characters of text output gathered before a write. */
const OUTPUT_PIECE = 32768;

/** What `check` does to each file. */
export interface CheckJob {
  cwd: string;
  fix: boolean;
  /** Largest file read (--max-file-size); a larger one is skipped as too-large. */
  maxBytes: number;
  /** The same for PDF, Word and web pages (--max-file-size, else the readers' 50 MB). */
  maxPublishedBytes: number;
  options: CheckOptions;
  /** Published files already converted (to pair them by year), taken by their check. */
  converted?: Map<string, Converted>;
  /** Text files already read and decoded (to pair them by year), taken by their check. */
  texts?: Map<string, Decoded>;
  /** With worker threads: converts file i in one of them (the pairing's reads). */
  convertAt?: (i: number) => Promise<Converted>;
}

/** A file to check, as the command line and the folder walk found it. */
export interface FileEntry {
  path: string;
  /** Named on the command line (a skip is then an I/O problem: exit 2). */
  named: boolean;
  /** Found in a folder as a regular file: opened without following a link that replaced it since. */
  noFollow: boolean;
  /** Known from the walk not to be readable as a report (a FIFO, a link not followed…). */
  skip?: { reason: SkipReason; message: string };
}

/**
 * One file's outcome: what was checked, or why it was skipped, and what to say on stderr. The
 * output formats take what they need from it: text only the start of each finding, JSON and
 * SARIF every range (`fileResult`).
 */
export interface FileOutcome {
  /** `converted`: what a reader made of a PDF, Word document or web page (absent for text files). */
  checked?: { shown: string; file: string; report: Report; findings: Finding[]; converted?: Converted };
  /** Not checked: reported in the output; `problem` (named, or unreadable) makes the exit code 2. */
  skipped?: { shown: string; file: string; reason: SkipReason; message: string; problem: boolean };
  messages: { text: string; problem: boolean }[];
}

/** Reads, fixes (when asked) and checks one file. Never throws. */
export function checkFile(entry: FileEntry, job: CheckJob): FileOutcome {
  const file = entry.path;
  const shown = display(job.cwd, file);
  const skipped = (reason: SkipReason, message: string): FileOutcome => ({
    skipped: { shown, file, reason, message, problem: entry.named || reason === 'unreadable' },
    messages: [],
  });
  if (entry.skip) return skipped(entry.skip.reason, entry.skip.message);
  // --fix reads and writes the file a symbolic link names (its real path), so that the link
  // stays a link and what is replaced is what was read.
  let target = file;
  let read: FileRead | undefined;
  let decoded: Decoded;
  // Read already to pair the reports by year (not with --fix, which needs the bytes).
  const early = job.fix ? undefined : job.texts?.get(file);
  try {
    if (early) {
      decoded = early;
      job.texts!.delete(file);
    } else {
      if (job.fix) target = realpathSync.native(file);
      read = readRegularFileSync(target, { maxBytes: job.maxBytes, noFollow: job.fix || entry.noFollow });
      decoded = decode(read.bytes);
    }
  } catch (err) {
    if (err instanceof BinaryFileError) return skipped('binary', skipMessage('binary'));
    if (err instanceof FileSkipped) return skipped(err.reason, skipMessage(err.reason, err.detail, job.maxBytes));
    return skipped('unreadable', skipMessage('unreadable', (err as NodeJS.ErrnoException).code ?? String(err)));
  }
  const messages: FileOutcome['messages'] = [];
  try {
    let text = decoded.text;
    // fixAll's last check is of the text it returns: reused when that text is what gets checked.
    let checkedByFix: CheckResult | undefined;
    if (job.fix) {
      const fixed = fixAll(text, job.options);
      if (fixed.applied === 0) checkedByFix = fixed.result;
      if (fixed.applied > 0 && fixed.text !== text) {
        // Checked while read.bytes (the shared read buffer) still holds this file.
        const refusal = fixRefusal(target, read!, decoded);
        if (refusal) messages.push({ text: `${shown}: ${refusal}`, problem: true });
        else {
          try {
            replaceFileSync(target, encode(fixed.text, decoded), read!.stat);
            text = fixed.text;
            checkedByFix = fixed.result;
          } catch (err) {
            messages.push({ text: `${shown}: 无法写入 / cannot write: ${describeIoError(err)}`, problem: true });
          }
        }
      }
    }
    const options = decoded.notes.length > 0 ? { ...job.options, source: { notes: decoded.notes } } : job.options;
    const { report, findings } = decoded.notes.length === 0 && checkedByFix ? checkedByFix : check(text, options);
    return { checked: { shown, file, report, findings }, messages };
  } catch (err) {
    messages.push({ text: `${shown}: 检查失败 / check failed: ${(err as Error).message}`, problem: true });
    return { messages };
  }
}

/** Extensions a folder walk checks unless --ext says otherwise. */
const DEFAULT_EXTENSIONS = ['txt', ...PUBLISHED_EXTENSIONS];

/** Whether a file goes through a reader (PDF, Word, web page; .doc/.wps for their message). */
function isPublishedName(path: string): boolean {
  const ext = extensionOf(path);
  return PUBLISHED_EXTENSIONS.includes(ext) || OLD_BINARY_EXTENSIONS.includes(ext);
}

/** Reader error codes that mean "not a format read here" rather than "this file is damaged". */
const UNSUPPORTED = /^(old-binary-format|unsupported-format|encrypted|not-a-docx|zip-encrypted|\w+-unavailable)$/;

/**
 * Reads a PDF, Word document or web page (bounded like any file) and converts it. Throws
 * FileSkipped, or a ReaderError (by shape: the readers are a bundle of their own).
 */
async function convertFile(path: string, maxBytes: number, noFollow: boolean): Promise<Converted> {
  // A copy: the reader may hold on to the bytes, and the shared read buffer is reused.
  const bytes = readRegularFileSync(path, { maxBytes, noFollow }).bytes.slice();
  // A PDF is read in a worker thread (memory and time bounded: host/src/pdfWorker.ts).
  return readPublishedFile(bytes, path, { ...NODE_READER_LIMITS, maxInputBytes: Math.max(maxBytes, bytes.length) });
}

/** convert and show: a published file's conversion, or an Error with the bilingual message. */
async function readConverted(file: string, maxBytes: number): Promise<Converted> {
  try {
    return await convertFile(file, maxBytes, false);
  } catch (err) {
    if (err instanceof FileSkipped) throw new Error(`${file}: ${skipMessage(err.reason, err.detail, maxBytes)}`);
    if (isReaderError(err)) throw new Error(`${file}: ${err.zh} / ${err.en}`);
    throw err;
  }
}

/** Checks a PDF, Word document or web page: converted, then checked as text. Never throws. */
export async function checkPublished(entry: FileEntry, job: CheckJob): Promise<FileOutcome> {
  const file = entry.path;
  const shown = display(job.cwd, file);
  const skipped = (reason: SkipReason, message: string): FileOutcome => ({
    skipped: { shown, file, reason, message, problem: entry.named || reason === 'unreadable' },
    messages: [],
  });
  let converted: Converted;
  try {
    const early = job.converted?.get(file);
    job.converted?.delete(file);
    converted = early ?? (await convertFile(file, job.maxPublishedBytes, entry.noFollow));
  } catch (err) {
    if (err instanceof FileSkipped) return skipped(err.reason, skipMessage(err.reason, err.detail, job.maxPublishedBytes));
    if (isReaderError(err)) {
      const reason: SkipReason = UNSUPPORTED.test(err.code) ? 'unsupported-format' : 'unreadable';
      return skipped(reason, `${err.zh}，已跳过 / ${err.en}; skipped`);
    }
    return skipped('unreadable', skipMessage('unreadable', (err as NodeJS.ErrnoException).code ?? String(err)));
  }
  try {
    const { report, findings } = check(converted.text, job.options);
    // What the reader noticed: findings on the file as a whole (rule id = the note's code).
    if (converted.notes.length > 0) {
      const en = job.options.locale === 'en';
      const notes: Finding[] = converted.notes.map((n) => ({ rule: n.code, severity: n.severity, message: en ? n.message.en : n.message.zh, start: 0, end: 0, data: { readerNote: true } }));
      // No text at all (a scan without a text layer): the reader's note alone says why, not
      // the checks of an empty report.
      if (converted.text.trim() === '') findings.length = 0;
      findings.unshift(...notes);
    }
    return { checked: { shown, file, report, findings, converted }, messages: [] };
  } catch (err) {
    return { messages: [{ text: `${shown}: 检查失败 / check failed: ${(err as Error).message}`, problem: true }] };
  }
}

/** Where a finding lies in the published file (undefined for the reader's own notes). */
function sourceOf(converted: Converted, lineIndex: Report['lineIndex']): (f: Finding) => SourceLocation | undefined {
  return (f) => {
    if (f.data?.readerNote) return undefined;
    const p = lineIndex.positionAt(f.start);
    return sourceAt(converted, f.start - p.character, p.line, p.character);
  };
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

const ENCODING_NAMES: Record<Decoded['encoding'], string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GB18030' };

/**
 * Why a fixed file must not be written (undefined: it may be). Read-only and hard-linked files
 * are left alone; so is a file whose bytes its decoded text would not give back exactly (invalid
 * bytes, an odd byte in UTF-16, a GB18030 sequence with another canonical form): writing it
 * would change bytes outside the fixes.
 */
function fixRefusal(target: string, read: FileRead, decoded: Decoded): string | undefined {
  const refusal = writeRefusal(target, read.stat);
  if (refusal?.reason === 'read-only') return '文件只读，未修复 / file is read-only; not fixed';
  if (refusal?.reason === 'hard-links') {
    return `文件有 ${refusal.links} 个硬链接，未修复（替换它会断开链接） / file has ${refusal.links} hard links; not fixed (replacing it would break them)`;
  }
  if (!roundTrips(read.bytes, decoded)) {
    const enc = ENCODING_NAMES[decoded.encoding];
    return `文件无法按 ${enc} 逐字节还原，未修复 / file does not round-trip byte for byte in ${enc}; not fixed`;
  }
  return undefined;
}

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : file;
}

const KIND: Record<FileKind, [string, string]> = {
  directory: ['目录', 'directory'],
  fifo: ['命名管道', 'FIFO'],
  socket: ['套接字', 'socket'],
  'character-device': ['字符设备', 'character device'],
  'block-device': ['块设备', 'block device'],
  'symbolic-link': ['符号链接', 'symbolic link'],
  other: ['特殊文件', 'special file'],
};

/** The message of a skipped file (Chinese / English, as the CLI's other messages). */
function skipMessage(reason: SkipReason, detail = '', maxBytes = 0): string {
  switch (reason) {
    case 'binary':
      return '不是文本文件，已跳过 / not a text file, skipped';
    case 'too-large':
      return `大于 ${maxBytes} 字节（--max-file-size），已跳过 / larger than ${maxBytes} bytes (--max-file-size), skipped`;
    case 'not-a-regular-file': {
      const [zh, en] = KIND[detail as FileKind] ?? KIND.other;
      return `不是普通文件（${zh}），已跳过 / not a regular file (${en}), skipped`;
    }
    case 'unreadable': {
      const [zh, en] = ioErrorText(detail);
      return `无法读取（${zh}），已跳过 / cannot read (${en}), skipped`;
    }
    case 'unsupported-format':
      return '无法读取此格式，请另存为 .docx 或 PDF，已跳过 / cannot read this format; save it as .docx or PDF; skipped';
  }
}

/**
 * Reads and decodes a file (the shared read buffer of readRegularFileSync). Throws an Error
 * with the bilingual message when the file is skipped.
 */
export function readReport(file: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Decoded {
  try {
    return decode(readRegularFileSync(file, { maxBytes }).bytes);
  } catch (err) {
    if (err instanceof BinaryFileError) throw new Error(`${file}: ${skipMessage('binary')}`);
    if (err instanceof FileSkipped) throw new Error(`${file}: ${skipMessage(err.reason, err.detail, maxBytes)}`);
    throw err;
  }
}

function ioErrorText(code: string | undefined, fallback = ''): [string, string] {
  switch (code) {
    case 'ENOENT':
      return ['文件不存在', 'no such file'];
    case 'EACCES':
    case 'EPERM':
      return ['没有权限', 'permission denied'];
    case 'EISDIR':
      return ['是目录', 'is a directory'];
    case 'EROFS':
      return ['只读文件系统', 'read-only file system'];
    case 'ENOSPC':
      return ['磁盘已满', 'no space left on device'];
    default:
      return [fallback || code || 'I/O', fallback || code || 'I/O'];
  }
}

function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const [zh, en] = ioErrorText(e.code, e.message ?? String(err));
  return zh === en ? zh : `${zh} / ${en}`;
}

const SYMLINK_NOT_FOLLOWED = '符号链接，未跟随（用 --follow-symlinks 跟随） / symbolic link not followed (use --follow-symlinks)';

/** Whether a folder entry's name is one the walk checks (its extension is in --ext). */
function isReportName(name: string, extensions: ReadonlySet<string>): boolean {
  return extensions.has(extensionOf(name));
}

/** A .doc or .wps met in a folder while Word files are searched for: listed as not read. */
function isOldBinaryName(name: string, extensions: ReadonlySet<string>): boolean {
  return extensions.has('docx') && OLD_BINARY_EXTENSIONS.includes(extensionOf(name));
}

/**
 * Files to check: named files as given; directories searched for the extensions of --ext (skipping dot folders
 * and node_modules). Symbolic links inside directories are not followed unless asked, so the
 * checker never wanders outside what it was given. Every such file the walk meets is listed: what
 * cannot be read as a report (a link not followed, a FIFO, a device) with its reason to skip.
 * A named path that is neither a folder nor a regular file is listed as skipped too, and never
 * opened.
 */
function collectFiles(paths: string[], cwd: string, follow: boolean, extensions: ReadonlySet<string>, problem: (m: string) => void, note: (m: string) => void): FileEntry[] {
  const out: FileEntry[] = [];
  const seen = new Set<string>();
  /** `key`: the file's real path when known (a regular file in a folder whose real path is known). */
  const add = (p: string, named: boolean, noFollow: boolean, key?: string) => {
    if (key === undefined) {
      key = p;
      try {
        key = realpathSync.native(p);
      } catch {
        /* reported when read */
      }
    }
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ path: p, named, noFollow });
  };
  const skip = (p: string, named: boolean, reason: SkipReason, message: string) => {
    if (seen.has(p)) return;
    seen.add(p);
    out.push({ path: p, named, noFollow: true, skip: { reason, message } });
  };
  const seenDirs = new Set<string>();
  const visitor: WalkVisitor = {
    file: (p, noFollow, key) => add(p, false, noFollow, key),
    skip: (p, s) => {
      if (s.reason === 'not-a-regular-file' && s.detail === 'symbolic-link-not-followed') skip(p, false, s.reason, SYMLINK_NOT_FOLLOWED);
      else if (s.reason === 'not-a-regular-file') skip(p, false, s.reason, skipMessage(s.reason, s.detail));
      else if (s.reason === 'unreadable') skip(p, false, s.reason, skipMessage(s.reason, s.detail));
      else skip(p, false, s.reason, skipMessage(s.reason));
    },
    problem: (p, err) => problem(`${display(cwd, p)}: ${describeIoError(err)}`),
    note: (p) => note(`${display(cwd, p)}: ${SYMLINK_NOT_FOLLOWED}`),
  };
  const options: WalkOptions = {
    follow,
    accept: (_p, name) => isReportName(name, extensions),
    unsupported: (_p, name) => isOldBinaryName(name, extensions),
    seenDirs,
  };
  const walk = (dir: string) => {
    for (const _ of walkFolder(dir, options, visitor));
  };
  for (const given of paths) {
    const p = resolve(cwd, given);
    let st;
    try {
      st = lstatSync(p);
      if (st.isSymbolicLink()) st = statSync(p);
    } catch (err) {
      problem(`${given}: ${describeIoError(err)}`);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else if (st.isFile()) add(p, true, false);
    else skip(p, true, 'not-a-regular-file', skipMessage('not-a-regular-file', kindOf(st)));
  }
  return out;
}

// Run when executed (not when imported by tests, nor started as a worker thread).
if (require.main === module && isMainThread) {
  // Output piped into a reader that stops early (`govreport check … | head`): stop quietly, as
  // other command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  // pdfjs runs in this thread ("fake worker"): on a damaged PDF it may reject promises of its
  // own after the file's reading has ended (and been reported). Those end nothing; any other
  // unhandled rejection still does.
  process.on('unhandledRejection', (err) => {
    if (!isPdfjsLeftover(err)) throw err;
  });
  void main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}

/** Characters of text files kept between pairing and checking (beyond it, a file is read again). */
const KEPT_CHARS = 50_000_000;

/**
 * The pairs of last year's and this year's reports among the files (`--previous FILE`: that file
 * for all). Every file is read first: its text (under KEPT_CHARS for the batch) or conversion is
 * kept for its check (job.texts, job.converted), so it is read once.
 */
async function yearPairs(files: FileEntry[], job: CheckJob, previous: string | undefined, none?: boolean): Promise<YearPairs> {
  const checkable = none ? 0 : files.filter((f) => !f.skip).length;
  let keptChars = 0;
  const read = async (i: number): Promise<{ text: string; converted: boolean } | null> => {
    const f = files[i];
    if (f.skip) return null;
    try {
      if (isPublishedName(f.path)) {
        const c = job.converted?.get(f.path) ?? (await (job.convertAt?.(i) ?? convertFile(f.path, job.maxPublishedBytes, f.noFollow)));
        (job.converted ??= new Map()).set(f.path, c);
        return { text: c.text, converted: true };
      }
      const kept = job.texts?.get(f.path);
      if (kept) return { text: kept.text, converted: false };
      const decoded = decode(readRegularFileSync(f.path, { maxBytes: job.maxBytes, noFollow: f.noFollow }).bytes);
      // Kept for the file's check (read once), while the batch's texts stay under a bound (not
      // when worker threads check the files: they read them).
      if (!job.fix && !job.convertAt && (keptChars += decoded.text.length) <= KEPT_CHARS) (job.texts ??= new Map()).set(f.path, decoded);
      return { text: decoded.text, converted: false };
    } catch {
      return null;
    }
  };
  const shown = files.map((f) => display(job.cwd, f.path));
  const paths = files.map((f) => f.path);
  if (previous === undefined) return YearPairs.of(shown, paths, checkable > 1 ? read : async () => null);
  if (previous === '') throw new UsageError('--previous 不能为空 / empty --previous');
  const file = resolve(job.cwd, previous);
  let text: string;
  try {
    text = isPublishedName(file) ? (await readConverted(file, job.maxPublishedBytes)).text : readReport(file, job.maxBytes).text;
  } catch (err) {
    throw new Error(`--previous ${(err as Error).message}`);
  }
  return YearPairs.of(shown, paths, read, { text, name: display(job.cwd, file), absPath: file, converted: isPublishedName(file) });
}

// --- Worker threads (--jobs): a batch checked by several threads, output made here in order ---

/** What the outputs take of a file: the command, the format, the language of the messages. */
export interface OutputKind {
  command: string;
  format: string;
  locale: Locale;
}

/**
 * One file's piece of the output, made where the file was checked (here or in a worker thread):
 * plain data, which `take` in `run` adds to the output in the files' order.
 */
export interface FilePiece {
  messages: FileOutcome['messages'];
  skipped?: NonNullable<FileOutcome['skipped']>;
  /** Some finding is an error (exit code 1). */
  error?: boolean;
  /** check --format text: the file's lines, and what they count for the closing line. */
  text?: { out: string; counts: TextCounts };
  /** summary: the file's row. */
  row?: SummaryRow;
  /** --format csv: the file's rows. */
  csv?: Row[];
  /** --format json or sarif: the file's entry. */
  result?: FileResult;
}

/** The piece of the output of a file checked (or skipped), as `run` writes it. */
function pieceOf(o: FileOutcome, prev: PreviousFile | undefined, out: OutputKind): FilePiece {
  const piece: FilePiece = { messages: o.messages };
  if (o.skipped) {
    piece.skipped = o.skipped;
    return piece;
  }
  const c = o.checked;
  if (!c) return piece;
  if (c.findings.some((x) => x.severity === 'error')) piece.error = true;
  const where = c.converted ? sourceOf(c.converted, c.report.lineIndex) : undefined;
  if (out.command === 'summary') piece.row = summaryRow(c.shown, c.report, c.findings);
  else if (out.format === 'csv') piece.csv = csvRows(c.shown, c.report, c.findings, out.locale);
  else if (out.format === 'text') {
    const text = new TextReport(out.locale);
    const lines = text.file(c.shown, c.findings, c.report.lineIndex, where && ((f) => {
      const s = where(f);
      return s && describeSource(s, out.locale);
    }));
    piece.text = { out: lines, counts: text.counts() };
  } else piece.result = fileResult(c.shown, c.file, c.report, c.findings, c.report.lineIndex, c.converted?.format ?? 'text', where, prev);
  return piece;
}

/** What checkOne needs of the pairs (YearPairs; UnitPairs in a worker). */
interface Pairs {
  has(i: number): boolean;
  previousFor(i: number): Promise<PreviousFile | undefined>;
  checked(i: number, report: Report, converted: boolean): void;
}

/**
 * Checks file k (with last year's report when it has one) and makes its piece of the output. A
 * text file without last year's is checked without a promise (a batch's loop stays fast).
 */
function checkOne(k: number, files: readonly FileEntry[], pairs: Pairs, job: CheckJob, out: OutputKind): FilePiece | Promise<FilePiece> {
  const f = files[k];
  const published = !f.skip && isPublishedName(f.path);
  if (!published && !pairs.has(k)) {
    const o = checkFile(f, job);
    if (o.checked) pairs.checked(k, o.checked.report, false);
    return pieceOf(o, undefined, out);
  }
  return (async () => {
    const prev = pairs.has(k) ? await pairs.previousFor(k) : undefined;
    const fjob = prev ? { ...job, options: { ...job.options, previous: prev } } : job;
    const o = published ? await checkPublished(f, fjob) : checkFile(f, fjob);
    if (o.checked) pairs.checked(k, o.checked.report, o.checked.converted !== undefined);
    return pieceOf(o, prev, out);
  })();
}

/**
 * Threads to check a batch with: --jobs, else the cores (at most DEFAULT_MAX_THREADS) when there
 * are 3 or more and the batch pays for them. Each thread's engine starts cold: its first hundred
 * reports cost about 3 ms of CPU each, later ones about 0.55 ms, and a thread's start about 60 ms.
 * On two cores a second thread spends about what it saves (1,000 seed-sized reports: 1.2-1.7 s of
 * CPU in one thread, 2.0-3.4 s in two; 12 PDFs: no faster, one thread's reading already keeping
 * more than one core busy), so there the default is one thread.
 */
function threadsFor(files: readonly FileEntry[], jobs: number | undefined): number {
  let checkable = 0;
  let weight = 0;
  for (const f of files) {
    if (f.skip) continue;
    checkable++;
    weight += isPublishedName(f.path) ? PUBLISHED_WEIGHT : 1;
  }
  let wanted = jobs ?? 1;
  if (jobs === undefined) {
    const cores = availableParallelism();
    if (cores >= MIN_CORES && weight >= PARALLEL_MIN) wanted = Math.min(cores, DEFAULT_MAX_THREADS);
  }
  // No more threads than files to check.
  return Math.min(wanted, checkable);
}

/** What a worker thread is started with. */
interface WorkerInit {
  [WORKER]: true;
  files: FileEntry[];
  job: Pick<CheckJob, 'cwd' | 'fix' | 'maxBytes' | 'maxPublishedBytes' | 'options'>;
  out: OutputKind;
  /** --previous FILE as given (the worker reads it as `yearPairs` does). */
  previous?: string;
  /**
   * For the tests (GOVREPORT_TEST_WORKER_CRASH in the CLI's environment): a file whose task makes
   * its worker exit, as a crash would ('*': every check task).
   */
  crashOn?: string;
}

/**
 * A task of a worker thread: convert a PDF, Word document or web page (to pair it: null when it
 * cannot be), or check units of files (a file with the files paired with it, in order; for each
 * file its last year's index, or -1), taking what the pairing converted.
 */
type WorkerTask = { type: 'convert'; index: number } | { type: 'check'; units: [number, number][][]; converted: [number, Converted][] };

/** Starts the worker threads and lets the pairing convert files in them (job.convertAt). */
function startPool(threads: number, files: FileEntry[], job: CheckJob, out: OutputKind, previous: string | undefined, crashOn: string | undefined): Pool<WorkerTask, unknown> {
  const init: WorkerInit = { [WORKER]: true, files, job: { cwd: job.cwd, fix: job.fix, maxBytes: job.maxBytes, maxPublishedBytes: job.maxPublishedBytes, options: job.options }, out, previous };
  if (crashOn) init.crashOn = crashOn === '*' ? crashOn : resolve(job.cwd, crashOn);
  // This thread checks files too: one worker fewer than threads.
  const pool = new Pool<WorkerTask, unknown>(__filename, threads - 1, init);
  // The pairing reads the files one after another. At its first conversion, the files after it
  // are queued for the workers (two at a time each); one it comes to that no worker has taken yet
  // is converted here, so this thread converts too.
  const queued: number[] = [];
  const converting = new Map<number, Promise<Converted | null>>();
  const here = (i: number) => convertFile(files[i].path, job.maxPublishedBytes, files[i].noFollow);
  const lane = async () => {
    for (let j = queued.shift(); j !== undefined; j = queued.shift()) {
      const i = j;
      const c = pool.run({ type: 'convert', index: i }).then(
        (r) => r as Converted | null,
        (err) => {
          if (!(err instanceof WorkerLost)) throw err;
          // Its worker died: converted here (as without workers).
          return here(i);
        },
      );
      converting.set(i, c);
      await c.catch(() => undefined); // The pairing awaits it, and sees its failure.
    }
  };
  let started = false;
  job.convertAt = async (i) => {
    if (!started) {
      started = true;
      for (let j = i + 1; j < files.length; j++) if (!files[j].skip && isPublishedName(files[j].path)) queued.push(j);
      for (let k = 0; k < 2 * pool.size; k++) void lane();
    }
    const at = queued.indexOf(i);
    if (at >= 0) queued.splice(at, 1);
    const c = converting.get(i);
    if (!c) return here(i);
    converting.delete(i);
    const r = await c;
    if (!r) throw new Error('not converted');
    return r;
  };
  return pool;
}

/**
 * Checks the files in the worker threads and gives each file's piece to `take` in the files'
 * order. A unit (a file and those paired with it) goes to one thread, which checks it in order as
 * `run` would; a task whose thread died or threw is done here, so no file is lost.
 */
async function checkInWorkers(pool: Pool<WorkerTask, unknown>, files: FileEntry[], years: YearPairs, job: CheckJob, out: OutputKind, take: (p: FilePiece) => void): Promise<void> {
  const n = files.length;
  const previous = years.previousIndex;
  // Units: the files linked by the pairing (union-find), in the order of their first file.
  const root = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]];
    return i;
  };
  for (let i = 0; i < n; i++) if (previous[i] >= 0) root[find(i)] = find(previous[i]);
  const units = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const u = units.get(r);
    if (u) u.push(i);
    else units.set(r, [i]);
  }
  const tasks: number[][][] = [];
  let task: number[][] = [];
  let size = 0;
  for (const u of units.values()) {
    task.push(u);
    size += u.length;
    if (size >= TASK_FILES || u.some((k) => !files[k].skip && isPublishedName(files[k].path))) {
      tasks.push(task);
      task = [];
      size = 0;
    }
  }
  if (task.length > 0) tasks.push(task);

  // The pieces made, given to `take` as soon as all before them are.
  const pieces: (FilePiece | undefined)[] = new Array(n);
  let next = 0;
  const done = (list: [number, FilePiece][]) => {
    for (const [k, p] of list) pieces[k] = p;
    while (next < n && pieces[next] !== undefined) {
      const p = pieces[next]!;
      pieces[next++] = undefined;
      take(p);
    }
  };
  // The tasks are taken in order by the workers (two at a time each, so that none waits for the
  // next) and by this thread, which checks one between two looks at what the workers sent back.
  let cursor = 0;
  // This thread's tasks (its own, and those of a worker lost), one after another.
  let here = Promise.resolve();
  const checkHere = (t: number[][]) =>
    (here = here.then(async () => {
      const list: [number, FilePiece][] = [];
      for (const u of t) for (const k of u) list.push([k, await checkOne(k, files, years, job, out)]);
      done(list);
    }));
  const inWorker = async () => {
    while (cursor < tasks.length) {
      const t = tasks[cursor++];
      const converted: [number, Converted][] = [];
      for (const u of t) {
        for (const k of u) {
          const c = job.converted?.get(files[k].path);
          if (c) converted.push([k, c]);
        }
      }
      let list: [number, FilePiece][];
      try {
        list = ((await pool.run({ type: 'check', units: t.map((u) => u.map((k) => [k, previous[k]])), converted })) as { pieces: [number, FilePiece][] }).pieces;
      } catch (err) {
        if (!(err instanceof WorkerLost)) throw err;
        await checkHere(t);
        continue;
      }
      for (const [k] of converted) job.converted!.delete(files[k].path);
      done(list);
    }
  };
  const inThisThread = async () => {
    while (cursor < tasks.length) {
      // Let the workers' answers in (and give them their next tasks) before each task.
      await new Promise((r) => setImmediate(r));
      if (cursor < tasks.length) await checkHere(tasks[cursor++]);
    }
  };
  await Promise.all([...Array.from({ length: 2 * pool.size }, inWorker), inThisThread()]);
  await here;
}

/**
 * Last year's reports in a worker thread, as YearPairs gives them to `run` (host/src/pairing.ts),
 * for the units of one task: a report kept from its own check for the later files that take it,
 * else read again (its text as the pairing read it); --previous FILE for every file but itself.
 */
class UnitPairs implements Pairs {
  private readonly previousOf = new Map<number, number>();
  private readonly wanted = new Map<number, number>();
  private readonly kept = new Map<number, { report: Report; converted: boolean }>();

  constructor(
    units: [number, number][][],
    private readonly files: readonly FileEntry[],
    private readonly job: CheckJob,
    private readonly explicit: PreviousFile | undefined,
  ) {
    for (const u of units) {
      for (const [k, p] of u) {
        this.previousOf.set(k, p);
        if (p >= 0 && p < k) this.wanted.set(p, (this.wanted.get(p) ?? 0) + 1);
      }
    }
  }

  has(i: number): boolean {
    return this.explicit ? this.files[i].path !== this.explicit.absPath : (this.previousOf.get(i) ?? -1) >= 0;
  }

  async previousFor(i: number): Promise<PreviousFile | undefined> {
    if (this.explicit) return this.files[i].path === this.explicit.absPath ? undefined : this.explicit;
    const p = this.previousOf.get(i) ?? -1;
    if (p < 0) return undefined;
    const f = this.files[p];
    const kept = this.kept.get(p);
    if (kept) {
      const left = this.wanted.get(p)! - 1;
      this.wanted.set(p, left);
      if (left === 0) this.kept.delete(p);
      return { report: kept.report, name: display(this.job.cwd, f.path), absPath: f.path, converted: kept.converted };
    }
    // As yearPairs reads a file (its conversion kept for the file's own check).
    if (f.skip) return undefined;
    let r: { text: string; converted: boolean };
    try {
      if (isPublishedName(f.path)) {
        const c = this.job.converted?.get(f.path) ?? (await convertFile(f.path, this.job.maxPublishedBytes, f.noFollow));
        (this.job.converted ??= new Map()).set(f.path, c);
        r = { text: c.text, converted: true };
      } else r = { text: decode(readRegularFileSync(f.path, { maxBytes: this.job.maxBytes, noFollow: f.noFollow }).bytes).text, converted: false };
    } catch {
      return undefined;
    }
    return { report: parseReport(r.text), name: display(this.job.cwd, f.path), absPath: f.path, converted: r.converted };
  }

  checked(i: number, report: Report, converted: boolean): void {
    if ((this.wanted.get(i) ?? 0) > 0) this.kept.set(i, { report, converted });
  }
}

/** A worker thread's work: the tasks of checkInWorkers and startPool. */
function serveWorker(init: WorkerInit): void {
  // As in the main thread: pdfjs's leftover rejections after a damaged PDF end nothing (any other
  // ends the worker, and its files are checked in the main thread).
  process.on('unhandledRejection', (err) => {
    if (!isPdfjsLeftover(err)) throw err;
  });
  const job: CheckJob = { ...init.job };
  // --previous FILE, read once as yearPairs reads it (it was read there without an error).
  let explicit: Promise<PreviousFile> | undefined;
  const readExplicit = async (previous: string): Promise<PreviousFile> => {
    const file = resolve(job.cwd, previous);
    const text = isPublishedName(file) ? (await readConverted(file, job.maxPublishedBytes)).text : readReport(file, job.maxBytes).text;
    return { report: parseReport(text), name: display(job.cwd, file), absPath: file, converted: isPublishedName(file) };
  };
  serve<WorkerTask, unknown>(parentPort!, async (task) => {
    if (init.crashOn !== undefined && (init.crashOn === '*' ? task.type === 'check' : (task.type === 'convert' ? [task.index] : task.units.flat().map(([k]) => k)).some((k) => init.files[k].path === init.crashOn))) process.exit(70);
    if (task.type === 'convert') {
      const f = init.files[task.index];
      try {
        return await convertFile(f.path, job.maxPublishedBytes, f.noFollow);
      } catch {
        return null;
      }
    }
    for (const [k, c] of task.converted) (job.converted ??= new Map()).set(init.files[k].path, c);
    const prev = init.previous === undefined ? undefined : await (explicit ??= readExplicit(init.previous));
    const pairs = new UnitPairs(task.units, init.files, job, prev);
    const pieces: [number, FilePiece][] = [];
    for (const u of task.units) for (const [k] of u) pieces.push([k, await checkOne(k, init.files, pairs, job, init.out)]);
    return { pieces };
  });
}

if (!isMainThread && (workerData as Partial<WorkerInit> | null)?.[WORKER] === true) serveWorker(workerData as WorkerInit);
// --- end of worker threads ---
