/**
 * Draws Deskbell's application icon (a white desk bell on a blue rounded
 * square) and writes what electron-builder looks for under build/:
 * icon.png (512x512, Linux and the fallback), icon.ico (Windows, 16 to 256 px)
 * and icon.icns (macOS, 16 to 1024 px). The files are committed; run this only
 * to change the icon: `npx tsx scripts/make-app-icons.ts` (needs ImageMagick's
 * `convert`). ImageMagick draws and resizes; the .icns container is written
 * here because ImageMagick cannot write one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const buildDir = fileURLToPath(new URL('../build/', import.meta.url));

/** The bell, in ImageMagick draw primitives on a 1024x1024 canvas. */
const DRAWING = [
  // The tile: a blue rounded square with a margin, as desktop icons have.
  ['-fill', '#1d4e89', '-draw', 'roundrectangle 64,64 960,960 190,190'],
  // The bell's body: a dome flaring out to the rim.
  [
    '-fill',
    '#ffffff',
    '-draw',
    "path 'M 512 238 C 372 238 326 342 326 458 L 326 598 C 326 652 292 682 252 706 L 772 706 C 732 682 698 652 698 598 L 698 458 C 698 342 652 238 512 238 Z'",
  ],
  // The rim and the knob on top.
  ['-fill', '#ffffff', '-draw', 'roundrectangle 226,690 798,748 29,29'],
  ['-fill', '#ffffff', '-draw', 'circle 512,212 512,174'],
  // The clapper, the warm accent that also marks the tray's "new chat".
  ['-fill', '#f5b82e', '-draw', 'circle 512,800 512,748'],
].flat();

/** ICNS element types by pixel size (each holds a PNG). */
const ICNS_TYPES: ReadonlyArray<[size: number, type: string]> = [
  [16, 'icp4'],
  [32, 'icp5'],
  [64, 'icp6'],
  [128, 'ic07'],
  [256, 'ic08'],
  [512, 'ic09'],
  [1024, 'ic10'],
];

function convert(args: string[]): void {
  execFileSync('convert', args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** An .icns file: 'icns', total length, then (type, length, PNG bytes) per size; lengths are big-endian and include their 8-byte headers. */
function icns(pngsBySize: ReadonlyMap<string, Buffer>): Buffer {
  const elements = [...pngsBySize].map(([type, png]) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(8 + elements.reduce((sum, element) => sum + element.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}

const work = mkdtempSync(join(tmpdir(), 'deskbell-icon-'));
try {
  const master = join(work, 'icon-1024.png');
  convert(['-size', '1024x1024', 'xc:none', ...DRAWING, '-strip', `PNG32:${master}`]);
  convert([master, '-resize', '512x512', '-strip', `PNG32:${join(buildDir, 'icon.png')}`]);
  convert([master, '-define', 'icon:auto-resize=256,128,64,48,32,16', join(buildDir, 'icon.ico')]);
  const pngs = new Map<string, Buffer>();
  for (const [size, type] of ICNS_TYPES) {
    const file = join(work, `icon-${size}.png`);
    convert([master, '-resize', `${size}x${size}`, '-strip', `PNG32:${file}`]);
    pngs.set(type, readFileSync(file));
  }
  writeFileSync(join(buildDir, 'icon.icns'), icns(pngs));
  console.log(`Wrote icon.png, icon.ico and icon.icns to ${buildDir}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
