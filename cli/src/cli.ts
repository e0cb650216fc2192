// `govreport`: the command-line checker. A thin shell over the engine: read files, check, print.
import { closeSync, lstatSync, openSync, readdirSync, readSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { check, decode, encode, fixAll, renderTables, RULE_META, type CheckOptions, type Decoded, type Finding, type FormatVersion, type Locale, type Report, type RuleSetting } from '../../core/src';
import { BinaryFileError } from '../../core/src/encoding';
import { fileResult, formatJson, formatSarif, TextReport, type FileResult } from './format';

declare const __VERSION__: string | undefined;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

const USAGE = `用法 / Usage:
  govreport check [--format text|json|sarif] [--format-version auto|2019|2021] [--fix] [--locale zh|en] [--rule ID=SEVERITY]... PATH...
  govreport show [--format-version auto|2019|2021] PATH
  govreport rules
  govreport --help | --version

check   检查报告；目录中查找 *.txt。退出码：0 无错误，1 有错误，2 用法或读写问题。
        Checks reports; directories are searched for *.txt. Exit 0: no errors, 1: errors, 2: usage or I/O problem.
--fix   就地应用安全修复，保持文件编码和换行符。 Applies safe fixes in place, keeping encoding and line ends.
--rule  调整规则：off 关闭，或指定级别（可重复）。 Turns a rule off or sets its severity (repeatable):
        --rule section-heading=off --rule blank-cell=error
--follow-symlinks  进入目录中指向别处的符号链接。 Follow symbolic links found inside directories.
show    按引擎的理解打印三张表。 Prints the three tables as the engine understood them.
rules   列出规则。 Lists the rules.
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
}

class UsageError extends Error {}

export function main(argv: string[], io: CliIO): number {
  try {
    return run(argv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`govreport: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`govreport: ${(err as Error).message}\n`);
    return 2;
  }
}

function run(argv: string[], io: CliIO): number {
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
        rule: { type: 'string', multiple: true, default: [] },
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
  if (!['auto', '2019', '2021'].includes(fv!)) throw new UsageError(`--format-version 须为 auto、2019 或 2021 / must be auto, 2019 or 2021: ${fv}`);
  const formatVersion = fv as 'auto' | FormatVersion;
  const locale: Locale = (values.locale ?? (/^en/i.test(io.env.LANG ?? '') && !/^zh/i.test(io.env.LANG ?? '') ? 'en' : 'zh')) === 'en' ? 'en' : 'zh';
  if (values.locale && !['zh', 'en'].includes(values.locale)) throw new UsageError(`--locale 须为 zh 或 en / must be zh or en: ${values.locale}`);

  const rules: Record<string, RuleSetting> = {};
  for (const spec of values.rule ?? []) {
    const m = /^([a-z-]+)=(off|error|warning|information|hint)$/.exec(spec);
    if (!m || !RULE_META.some((r) => r.id === m[1])) throw new UsageError(`--rule 须为 规则=off|error|warning|information|hint / must be RULE=off|error|warning|information|hint: ${spec}`);
    rules[m[1]] = m[2] as RuleSetting;
  }

  switch (command) {
    case 'rules': {
      for (const m of RULE_META) io.stdout(`${m.id.padEnd(18)} ${m.defaultSeverity.padEnd(12)} ${m.fix.padEnd(9)} ${locale === 'en' ? m.description.en : m.description.zh}\n`);
      return 0;
    }
    case 'show': {
      if (positionals.length !== 1) throw new UsageError('show 需要一个文件 / show takes one file');
      const file = resolve(io.cwd, positionals[0]);
      const decoded = readReport(file);
      const { report } = check(decoded.text, { formatVersion, locale });
      io.stdout(renderTables(report));
      return 0;
    }
    case 'check':
      break;
    default:
      throw new UsageError(`未知命令 / unknown command: ${command}`);
  }
  const format = values.format;
  if (!['text', 'json', 'sarif'].includes(format!)) throw new UsageError(`--format 须为 text、json 或 sarif / must be text, json or sarif: ${format}`);
  if (positionals.length === 0) throw new UsageError('缺少路径 / no PATH given');

  let ioProblem = false;
  const problem = (msg: string) => {
    ioProblem = true;
    io.stderr(`govreport: ${msg}\n`);
  };
  const files = collectFiles(positionals, io.cwd, values['follow-symlinks']!, problem, (msg) => io.stderr(`govreport: ${msg}\n`));
  const job: CheckJob = { cwd: io.cwd, fix: values.fix!, options: { formatVersion, locale, rules } };
  // Text is written as the files are checked, in pieces of OUTPUT_PIECE characters or more (one
  // write each: a write to a pipe costs a system call), so a batch keeps no findings until the
  // end; JSON and SARIF are one document, made at the end.
  const text = format === 'text' ? new TextReport(locale) : undefined;
  let pending = '';
  const results: FileResult[] = [];
  let errors = false;
  for (const f of files) {
    const o = checkFile(f.path, f.named, job);
    for (const m of o.messages) {
      if (m.problem) ioProblem = true;
      io.stderr(`govreport: ${m.text}\n`);
    }
    const c = o.checked;
    if (!c) continue;
    if (c.findings.some((x) => x.severity === 'error')) errors = true;
    if (!text) {
      results.push(fileResult(c.shown, c.file, c.report, c.findings, c.report.lineIndex));
      continue;
    }
    pending += text.file(c.shown, c.findings, c.report.lineIndex);
    if (pending.length >= OUTPUT_PIECE) {
      io.stdout(pending);
      pending = '';
    }
  }
  io.stdout(text ? pending + text.summary() : format === 'json' ? formatJson(results) : formatSarif(results, VERSION, locale));
  if (ioProblem) return 2;
  return errors ? 1 : 0;
}

/** Characters of text output gathered before a write. */
const OUTPUT_PIECE = 32768;

/** What `check` does to each file. */
export interface CheckJob {
  cwd: string;
  fix: boolean;
  options: CheckOptions;
}

/**
 * One file's outcome: what was checked (absent when it could not be read) and what to say on
 * stderr. The output formats take what they need from it: text only the start of each finding,
 * JSON and SARIF every range (`fileResult`).
 */
export interface FileOutcome {
  checked?: { shown: string; file: string; report: Report; findings: Finding[] };
  messages: { text: string; problem: boolean }[];
}

/** Reads, fixes (when asked) and checks one file. Never throws. */
export function checkFile(file: string, named: boolean, job: CheckJob): FileOutcome {
  const messages: FileOutcome['messages'] = [];
  const shown = display(job.cwd, file);
  let decoded: Decoded;
  try {
    decoded = readReport(file);
  } catch (err) {
    if (err instanceof BinaryFileError) messages.push({ text: `${shown}: 不是文本文件，已跳过 / not a text file, skipped`, problem: named });
    else messages.push({ text: `${shown}: ${describeIoError(err)}`, problem: true });
    return { messages };
  }
  try {
    let text = decoded.text;
    if (job.fix) {
      const fixed = fixAll(text, job.options);
      if (fixed.applied > 0 && fixed.text !== text) {
        try {
          writeAtomically(file, encode(fixed.text, decoded));
          text = fixed.text;
        } catch (err) {
          messages.push({ text: `${shown}: 无法写入 / cannot write: ${describeIoError(err)}`, problem: true });
        }
      }
    }
    const { report, findings } = check(text, job.options);
    return { checked: { shown, file, report, findings }, messages };
  } catch (err) {
    messages.push({ text: `${shown}: 检查失败 / check failed: ${(err as Error).message}`, problem: true });
    return { messages };
  }
}

function display(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : file;
}

/** One buffer for every file read (decoding copies the text out of it). */
let readBuffer = Buffer.allocUnsafe(1 << 16);
/** Files larger than this are read into a buffer of their own, so it is not kept. */
const SHARED_READ_LIMIT = 1 << 20;

/**
 * Reads and decodes a file. Into the shared buffer: for a thousand small reports this takes
 * half the time of readFileSync, which allocates a buffer and runs an fstat for each.
 */
export function readReport(file: string): Decoded {
  const fd = openSync(file, 'r');
  try {
    let n = 0;
    for (;;) {
      if (n === readBuffer.length) {
        if (n >= SHARED_READ_LIMIT) return decode(readRest(fd, readBuffer.subarray(0, n)));
        const grown = Buffer.allocUnsafe(2 * n);
        readBuffer.copy(grown, 0, 0, n);
        readBuffer = grown;
      }
      const r = readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (r === 0) break;
      n += r;
    }
    return decode(readBuffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** A large file: what was read so far, then the rest, in a buffer of its own. */
function readRest(fd: number, head: Buffer): Buffer {
  const chunks = [Buffer.from(head)];
  for (;;) {
    const chunk = Buffer.allocUnsafe(SHARED_READ_LIMIT);
    const r = readSync(fd, chunk, 0, chunk.length, null);
    if (r === 0) break;
    chunks.push(chunk.subarray(0, r));
  }
  return Buffer.concat(chunks);
}

function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return '文件不存在 / no such file';
    case 'EACCES':
    case 'EPERM':
      return '没有权限 / permission denied';
    case 'EISDIR':
      return '是目录 / is a directory';
    default:
      return e.message ?? String(err);
  }
}

/**
 * Files to check: named files as given; directories searched for *.txt (skipping dot folders
 * and node_modules). Symbolic links inside directories are not followed unless asked, so the
 * checker never wanders outside what it was given.
 */
function collectFiles(paths: string[], cwd: string, follow: boolean, problem: (m: string) => void, note: (m: string) => void): { path: string; named: boolean }[] {
  const out: { path: string; named: boolean }[] = [];
  const seen = new Set<string>();
  /** `key`: the file's real path when known (a regular file in a folder whose real path is known). */
  const add = (p: string, named: boolean, key?: string) => {
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
    out.push({ path: p, named });
  };
  const walk = (dir: string, root: string) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problem(`${display(cwd, dir)}: ${describeIoError(err)}`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // A regular file's real path is its folder's real path and its name: one lookup per folder.
    let realDir: string | undefined;
    try {
      realDir = realpathSync.native(dir);
    } catch {
      realDir = undefined;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isSymbolicLink()) {
        if (!follow) {
          note(`${display(cwd, p)}: 符号链接，未跟随（用 --follow-symlinks 跟随） / symbolic link not followed (use --follow-symlinks)`);
          continue;
        }
        let st;
        try {
          st = statSync(p);
        } catch (err) {
          problem(`${display(cwd, p)}: ${describeIoError(err)}`);
          continue;
        }
        if (st.isDirectory()) {
          const real = realpathSync(p);
          if (!seen.has('dir:' + real)) {
            seen.add('dir:' + real);
            walk(p, root);
          }
        } else if (st.isFile() && e.name.toLowerCase().endsWith('.txt')) add(p, false);
        continue;
      }
      if (e.isDirectory()) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        walk(p, root);
      } else if (e.isFile() && e.name.toLowerCase().endsWith('.txt')) add(p, false, realDir === undefined ? undefined : join(realDir, e.name));
    }
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
    if (st.isDirectory()) walk(p, p);
    else add(p, true);
  }
  return out;
}

/** Writes through a temporary file in the same folder, then renames: never a half-written report. */
function writeAtomically(file: string, bytes: Uint8Array): void {
  const tmp = join(dirname(file), `.${basename(file)}.govreport-${process.pid}.tmp`);
  try {
    let mode: number | undefined;
    try {
      mode = statSync(file).mode;
    } catch {
      mode = undefined;
    }
    writeFileSync(tmp, bytes, mode !== undefined ? { mode } : undefined);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    throw err;
  }
}

// Run when executed (not when imported by tests).
if (require.main === module) {
  // Output piped into a reader that stops early (`govreport check … | head`): stop quietly, as
  // other command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
  });
  process.exitCode = code;
}
