// Delta debugging on a failing text: fast-check shrinks the recipe (fixture + mutations), which
// still leaves a few KB of report; this cuts the text itself down to what the failure needs.

/** Removes lines, then runs of characters, while `fails` stays true. Stops after `budgetMs`. */
export function minimizeText(text: string, fails: (t: string) => boolean, budgetMs = 20_000): string {
  const deadline = Date.now() + budgetMs;
  let cur = text;
  // Pieces: lines (with their line end) first, then single characters (code units).
  for (const unit of ['line', 'char'] as const) {
    let pieces = unit === 'line' ? cur.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [cur] : [...cur];
    let chunk = Math.max(1, pieces.length >> 1);
    while (chunk >= 1 && Date.now() < deadline) {
      let removed = false;
      for (let i = 0; i + 0 < pieces.length && Date.now() < deadline; ) {
        const candidate = [...pieces.slice(0, i), ...pieces.slice(i + chunk)];
        const t = candidate.join('');
        if (t !== cur && safeFails(fails, t)) {
          pieces = candidate;
          cur = t;
          removed = true;
        } else i += chunk;
      }
      if (!removed) chunk >>= 1;
    }
  }
  return cur;
}

function safeFails(fails: (t: string) => boolean, t: string): boolean {
  try {
    return fails(t);
  } catch {
    return false;
  }
}
