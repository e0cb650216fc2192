// Generates images/icon.png (128x128): a red tile, a report page with a table, a green check.
// Pure Node (zlib + scripts/png.mjs), no image tools needed: node client/scripts/make-icon.mjs
import { encodePng } from '../../scripts/png.mjs';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 4; // supersampling per axis

const RED = [198, 40, 40, 255];
const RED_DARK = [160, 26, 26, 255];
const WHITE = [255, 255, 255, 255];
const FOLD = [224, 224, 224, 255];
const GREY = [158, 158, 158, 255];
const GRID = [211, 47, 47, 255];
const GREEN = [46, 125, 50, 255];

const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const inRect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const distToSegment = (x, y, ax, ay, bx, by) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
};

/** Colour of the icon at a sub-pixel position (painter's order). */
function shade(x, y) {
  let c = [0, 0, 0, 0];
  if (inRoundRect(x, y, 4, 4, 124, 124, 22)) c = y > 64 ? mix(RED, RED_DARK, (y - 64) / 60) : RED;
  // page with a folded top-right corner
  const px0 = 28, py0 = 16, px1 = 92, py1 = 108, fold = 18;
  if (inRect(x, y, px0, py0, px1, py1) && !(x > px1 - fold && y < py0 + fold && x - (px1 - fold) > y - py0)) {
    c = WHITE;
    if (x > px1 - fold && y < py0 + fold) c = FOLD;
    // title bars
    if (inRoundRect(x, y, 38, 26, 74, 31, 2.5) || inRoundRect(x, y, 38, 35, 64, 39, 2)) c = GREY;
    // table grid
    const gx0 = 38, gx1 = 82, gy0 = 48, gy1 = 96;
    if (x >= gx0 && x <= gx1 && y >= gy0 && y <= gy1) {
      const onRow = [48, 60, 72, 84, 96].some((gy) => Math.abs(y - gy) <= 1.1);
      const onCol = [38, 56, 69, 82].some((gx) => Math.abs(x - gx) <= 1.1);
      if (onRow || onCol) c = GRID;
    }
  }
  // green badge with a check mark
  const bx = 94, by = 94, br = 24;
  const d = Math.hypot(x - bx, y - by);
  if (d <= br + 3) c = WHITE;
  if (d <= br) {
    c = GREEN;
    const w = Math.min(distToSegment(x, y, 82, 95, 91, 104), distToSegment(x, y, 91, 104, 107, 85));
    if (w <= 3.6) c = WHITE;
  }
  return c;
}

function mix(a, b, t) {
  return a.map((v, i) => Math.round(v + (b[i] - v) * t));
}

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        // premultiplied accumulation
        r += c[0] * c[3]; g += c[1] * c[3]; b += c[2] * c[3]; a += c[3];
      }
    }
    const o = (py * SIZE + px) * 4;
    rgba[o] = a ? Math.round(r / a) : 0;
    rgba[o + 1] = a ? Math.round(g / a) : 0;
    rgba[o + 2] = a ? Math.round(b / a) : 0;
    rgba[o + 3] = Math.round(a / (SS * SS));
  }
}

const png = encodePng(SIZE, SIZE, 6, rgba, 9);

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'images', 'icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
