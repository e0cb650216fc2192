// Glob patterns of the workspace check (govreport/validateWorkspace's include and exclude), as
// VS Code writes them: `**` any number of folders, `*` and `?` within one name, `{a,b}`
// alternatives, `[…]` a set of characters. Matched against a path relative to the folder with
// `/` separators; letters match whatever their case (the CLI takes `.TXT` as a text file too).

/** A glob as a regular expression over a relative path. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${translate(glob.replace(/\\/g, '/').replace(/^\.\//, ''))}$`, 'i');
}

function translate(g: string): string {
  let out = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        // `**/` (or `**` at the end, or a lone `**`): any number of whole folders.
        const atStart = i === 0 || g[i - 1] === '/';
        i++;
        if (atStart && g[i + 1] === '/') {
          out += '(?:[^/]*/)*';
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      // Alternatives, up to the matching brace (nested braces kept together).
      let depth = 1;
      let j = i + 1;
      const parts: string[] = [];
      let start = j;
      for (; j < g.length && depth > 0; j++) {
        if (g[j] === '{') depth++;
        else if (g[j] === '}') {
          depth--;
          if (depth === 0) parts.push(g.slice(start, j));
        } else if (g[j] === ',' && depth === 1) {
          parts.push(g.slice(start, j));
          start = j + 1;
        }
      }
      if (depth > 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${parts.map(translate).join('|')})`;
      i = j - 1;
    } else if (c === '[') {
      const end = g.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let set = g.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (set.startsWith('!')) set = '^' + set.slice(1);
      out += `[${set}]`;
      i = end;
    } else out += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  return out;
}

/** Which relative paths a workspace check takes: `include` and not `exclude`; folders it enters. */
export class GlobFilter {
  private readonly include: RegExp;
  private readonly exclude: RegExp | undefined;

  constructor(include: string, exclude: string | undefined) {
    this.include = globToRegExp(include);
    this.exclude = exclude ? globToRegExp(exclude) : undefined;
  }

  /** A file (relative path) to check. */
  file(rel: string): boolean {
    return this.include.test(rel) && !this.exclude?.test(rel);
  }

  /** A folder (relative path) to enter: not excluded as a whole (`**\/out/**` excludes `out`). */
  folder(rel: string): boolean {
    return !this.exclude || !(this.exclude.test(rel) || this.exclude.test(`${rel}/`));
  }
}
