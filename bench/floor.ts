// The engine target's denominator, shared by `npm run bench` and `npm run ab`.

/**
 * The floor: one pass over the text that splits it into lines (LF, CRLF or CR) and each line
 * into tab-separated cells, materialising every cell as a string. Any reader of these reports
 * does at least this.
 */
export function floorSplit(text: string): number {
  let cells = 0;
  let lines = 0;
  let start = 0;
  let row: string[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) {
      row.push(text.slice(start, i));
      start = i + 1;
    } else if (c === 10 || c === 13) {
      row.push(text.slice(start, i));
      cells += row.length;
      lines++;
      row = [];
      if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  row.push(text.slice(start));
  return cells + row.length + lines;
}
