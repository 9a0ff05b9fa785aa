/**
 * Draws Deskbell's tray icons into assets/tray/, so the
 * project owns them: a white bell on a disc in the status colour (Online
 * green, Away yellow, Offline red, Internal blue; "not connected" a grey
 * ring with a grey bell, so it differs in shape as well as colour). Each at
 * 16 px and @2x (32 px), which Electron's nativeImage picks by screen scale.
 * Pure Node (zlib for PNG): run `npx tsx scripts/make-tray-icons.ts` to remake them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

/** The status colours; `scripts/make-tray-icons.ts` and the tests agree on them. */
export const TRAY_COLOURS = {
  online: [0x2e, 0x9d, 0x4f],
  away: [0xf2, 0xb7, 0x05],
  offline: [0xd9, 0x30, 0x25],
  internal: [0x1a, 0x73, 0xe8],
  disconnected: [0x8a, 0x8f, 0x98],
} as const satisfies Record<string, Rgb>;

const WHITE: Rgb = [0xff, 0xff, 0xff];

/** A shape: how much of the unit square point (x, y) it covers, 0 or 1; edges get anti-aliased by sampling. */
type Shape = (x: number, y: number) => boolean;

interface Layer {
  shape: Shape;
  colour: Rgb;
}

const disc =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const ring =
  (cx: number, cy: number, outer: number, inner: number): Shape =>
  (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= outer * outer && d >= inner * inner;
  };

/** A desk bell seen from the side: a dome flaring to a rim, a knob on top and the clapper below. */
const bell: Shape = (x, y) => {
  const dx = Math.abs(x - 0.5);
  const knob = (x - 0.5) ** 2 + (y - 0.19) ** 2 <= 0.055 ** 2;
  const cap = (x - 0.5) ** 2 + (y - 0.39) ** 2 <= 0.175 ** 2;
  // Straight sides that flare out just above the rim.
  const dome = y >= 0.39 && y <= 0.68 && dx <= 0.175 + 0.11 * ((y - 0.39) / 0.29) ** 3;
  const rim = y >= 0.64 && y <= 0.71 && dx <= 0.31;
  const clapper = (x - 0.5) ** 2 + (y - 0.77) ** 2 <= 0.07 ** 2;
  return knob || dome || cap || rim || clapper;
};

/** RGBA pixels: each pixel is sampled 4x4 times so round edges stay smooth at 16 px. */
export function rasterize(size: number, layers: readonly Layer[]): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          // The topmost layer covering the sample gives its colour.
          const layer = [...layers].reverse().find((candidate) => candidate.shape(x, y));
          if (!layer) continue;
          r += layer.colour[0];
          g += layer.colour[1];
          b += layer.colour[2];
          a += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        // Straight (not premultiplied) alpha, as PNG wants.
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
        pixels[offset + 3] = Math.round((255 * a) / (samples * samples));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG of a square image. */
export function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    // Each row starts with its filter type, 0 (none).
    Buffer.from(rgba.buffer, rgba.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** Every icon by file stem (`online`, `disconnected`, ...) with its layers. */
export function trayIconLayers(): Record<string, Layer[]> {
  const icons: Record<string, Layer[]> = {};
  for (const [name, colour] of Object.entries(TRAY_COLOURS)) {
    icons[name] =
      name === 'disconnected'
        ? [
            { shape: ring(0.5, 0.5, 0.48, 0.36), colour },
            { shape: (x, y) => bell(0.5 + (x - 0.5) / 0.7, 0.5 + (y - 0.5) / 0.7), colour },
          ]
        : [
            { shape: disc(0.5, 0.5, 0.48), colour },
            { shape: bell, colour: WHITE },
          ];
  }
  return icons;
}

/** The sizes written: 16 px for 100 % screens and @2x for HiDPI ones. */
export const ICON_SIZES = [
  { suffix: '', size: 16 },
  { suffix: '@2x', size: 32 },
] as const;

export function writeTrayIcons(directory: string): string[] {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  for (const [name, layers] of Object.entries(trayIconLayers())) {
    for (const { suffix, size } of ICON_SIZES) {
      const file = resolve(directory, `${name}${suffix}.png`);
      writeFileSync(file, encodePng(size, rasterize(size, layers)));
      written.push(file);
    }
  }
  return written;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const directory = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'tray');
  const written = writeTrayIcons(directory);
  console.log(`Wrote ${written.length} icons to ${directory}`);
}
