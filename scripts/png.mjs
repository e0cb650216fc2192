// A minimal PNG encoder for the images the scripts draw (the extension's icon, the "scanned"
// page of a PDF fixture): 8-bit grey-scale or RGBA, no interlace, CRCs by node:zlib.
import { crc32, deflateSync } from 'node:zlib';

/**
 * PNG file bytes. `pixels`: rows of `width` pixels, one byte a pixel for colour type 0
 * (grey-scale) or four (RGBA) for colour type 6, without the per-row filter byte.
 * @param {number} width
 * @param {number} height
 * @param {0 | 6} colorType
 * @param {Uint8Array} pixels
 * @param {number} [level] deflate level
 * @returns {Buffer}
 */
export function encodePng(width, height, colorType, pixels, level = 6) {
  const bpp = colorType === 6 ? 4 : 1;
  const stride = width * bpp;
  if (pixels.length !== stride * height) throw new Error(`encodePng: ${pixels.length} bytes for ${width}×${height}×${bpp}`);
  const raw = Buffer.alloc((stride + 1) * height); // each row: filter byte 0 (none), then its pixels
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colorType;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', Buffer.alloc(0))]);
}
