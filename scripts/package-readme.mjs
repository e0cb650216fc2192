#!/usr/bin/env node
// The README of the .vsix, dist/readme.md (`npm run package` hands it to vsce --readme-path):
// README.extension.md with its screenshots inlined as data: URIs. The Extensions view renders a
// local extension's README in a webview that resolves no relative path (and a link to the web is
// no good offline), so the images travel inside the README itself.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg' };

const source = readFileSync(join(ROOT, 'README.extension.md'), 'utf8');
let inlined = 0;
const out = source.replace(/!\[([^\]]*)\]\((images\/[^)\s]+)\)/g, (_m, alt, path) => {
  const type = TYPES[path.slice(path.lastIndexOf('.')).toLowerCase()];
  if (!type) throw new Error(`README.extension.md: ${path} is not a PNG or JPEG`);
  inlined++;
  return `![${alt}](data:${type};base64,${readFileSync(join(ROOT, path)).toString('base64')})`;
});
if (/\]\((?!https?:|data:|#|command:)[^)]+\.(png|jpe?g|gif|svg)\)/i.test(out)) throw new Error('README.extension.md: an image is neither under images/ nor a URL');
mkdirSync(join(ROOT, 'dist'), { recursive: true });
writeFileSync(join(ROOT, 'dist', 'readme.md'), out);
console.log(`dist/readme.md: README.extension.md with ${inlined} images inlined (${Math.round(out.length / 1024)} kB)`);
